import XCTest
@testable import Web

final class JSONTests: XCTestCase {
    func testParsesNestedValuesAndKeepsNumbersExact() throws {
        let value = try JSONParser.parse(#"{"a":[1,-2.50,3e2,true,false,null],"b":{"c":"d"},"n":12345678901234567890}"#)
        XCTAssertEqual(value["a"], [.number("1"), .number("-2.50"), .number("3e2"), true, false, nil])
        XCTAssertEqual(value["b"]?["c"], "d")
        XCTAssertEqual(value["n"], .number("12345678901234567890"))
    }

    func testRejectsWhatRFC8259Rejects() {
        let bad = [
            "", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "+1", "'a'", "{a:1}", "[1 2]", "tru", "nul",
            "\"\u{01}\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "1 2", "{\"a\":1}x", "\"abc",
            "{\"a\":1,\"a\":2}", "NaN", "Infinity", "[1e]", "/*c*/1",
        ]
        for text in bad {
            XCTAssertThrowsError(try JSONParser.parse(text), "should reject: \(text)")
        }
    }

    func testRejectsInvalidUTF8() {
        XCTAssertThrowsError(try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]))
        XCTAssertThrowsError(try JSONParser.parse([0x22, 0xFF, 0x22]))
    }

    func testDepthLimit() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        XCTAssertThrowsError(try JSONParser.parse(deep))
        let ok = String(repeating: "[", count: 50) + String(repeating: "]", count: 50)
        XCTAssertNoThrow(try JSONParser.parse(ok))
    }

    func testEscapesAndUnicodeRoundTrip() throws {
        let original: JSON = ["text": "quote \" backslash \\ newline \n tab \t <b>&", "ko": "육각볼트 M8", "emoji": "😀"]
        let bytes = JSONSerializer.serialize(original)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertFalse(text.contains("<"))
        XCTAssertEqual(try JSONParser.parse(bytes), original)
        XCTAssertEqual(try JSONParser.parse(#""\ud83d\ude00 \u00e9""#), "😀 é")
    }

    func testStringEscapesExactly() {
        XCTAssertEqual(JSONSerializer.string(.string("")), #""""#)
        XCTAssertEqual(JSONSerializer.string(.string("plain 육각볼트")), #""plain 육각볼트""#)
        XCTAssertEqual(
            JSONSerializer.string(.string("a\"b\\c\nd\re\tf\u{01}g<h>i&j")),
            #""a\"b\\c\nd\re\tf\u0001g\u003ch\u003ei\u0026j""#)
        XCTAssertEqual(JSONSerializer.string(.string("\"")), #""\"""#, "an escape at both ends of a run")
        // A substring-backed string is serialized the same way.
        let tail = "xx<tail>"[...].dropFirst(2)
        XCTAssertEqual(JSONSerializer.string(.string(String(tail))), #""\u003ctail\u003e""#)
    }

    func testObjectKeepsInsertionOrder() {
        let value: JSON = ["z": 1, "a": 2, "m": 3]
        XCTAssertEqual(JSONSerializer.string(value), #"{"z":1,"a":2,"m":3}"#)
    }
}
