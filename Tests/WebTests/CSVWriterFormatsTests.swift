import XCTest

@testable import Web

/// CSVWriter: minimal quoting, CRLF, draining, and round trips through CSVReader.
final class CSVWriterTests: XCTestCase {
    private func written(_ rows: [[String]], byteOrderMark: Bool = false) -> String {
        var writer = CSVWriter(byteOrderMark: byteOrderMark)
        for row in rows { writer.writeRow(row) }
        return String(decoding: writer.drain(), as: UTF8.self)
    }

    func testQuotesOnlyWhenNeeded() {
        XCTAssertEqual(written([["plain", "육각볼트 M8", "1.50", ""]]), "plain,육각볼트 M8,1.50,\r\n")
        XCTAssertEqual(written([["a,b"]]), "\"a,b\"\r\n")
        XCTAssertEqual(written([["5\" bolt"]]), "\"5\"\" bolt\"\r\n")
        XCTAssertEqual(written([["two\nlines"]]), "\"two\nlines\"\r\n")
        XCTAssertEqual(written([["cr\rhere"]]), "\"cr\rhere\"\r\n")
        XCTAssertEqual(
            written([[" lead", "trail ", "\ttab", "in side"]]), "\" lead\",\"trail \",\"\ttab\",in side\r\n")
    }

    func testRowsOfNothing() {
        XCTAssertEqual(written([[""]]), "\"\"\r\n", "a lone empty field must not become a blank line")
        XCTAssertEqual(written([["", ""]]), ",\r\n")
        XCTAssertEqual(written([[]]), "")
    }

    func testByteOrderMark() {
        var writer = CSVWriter(byteOrderMark: true)
        XCTAssertEqual(writer.bufferedByteCount, 0)
        writer.writeRow(["a"])
        writer.writeRow(["b"])
        XCTAssertEqual(writer.drain(), [0xEF, 0xBB, 0xBF] + Array("a\r\nb\r\n".utf8))
    }

    func testDrainEmptiesTheBuffer() {
        var writer = CSVWriter()
        writer.writeRow(["a", "b"])
        XCTAssertEqual(writer.bufferedByteCount, 5)
        XCTAssertEqual(writer.drain(), Array("a,b\r\n".utf8))
        XCTAssertEqual(writer.bufferedByteCount, 0)
        XCTAssertEqual(writer.drain(), [])
        writer.writeRow(["c"])
        XCTAssertEqual(writer.drain(), Array("c\r\n".utf8))
    }

    func testRoundTrip() throws {
        let rows: [[String]] = [
            ["sku", "title_en", "title_ko", "description_ko", "price_tiers"],
            ["B-1", "Hex bolt, M8", "육각볼트 M8", "아연 도금\n\"KS\" 규격", "100:8.10;1000:7.50"],
            ["B-2", " padded ", "스테인리스볼트", "", ""],
            [""],
            ["", ""],
            ["\u{FEFF}first", "\"", "\"\"", ",", "\r\n", "\r", "\n", " ", "é", "ＭＳ", "😀"],
        ]
        for byteOrderMark in [false, true] {
            var writer = CSVWriter(byteOrderMark: byteOrderMark)
            for row in rows { writer.writeRow(row) }
            let bytes = writer.drain()
            for chunkSize in [1, 3, 4096] {
                var reader = CSVReader()
                var read: [[String]] = []
                var start = 0
                while start < bytes.count {
                    let end = min(start + chunkSize, bytes.count)
                    read += try reader.feed(bytes[start..<end]).map(\.fields)
                    start = end
                }
                if let last = try reader.finish() { read.append(last.fields) }
                XCTAssertEqual(read, rows, "bom \(byteOrderMark) chunk \(chunkSize)")
            }
        }
    }

    func testLeadingZeroWidthNoBreakSpaceIsNotTakenForAByteOrderMark() throws {
        var writer = CSVWriter()
        writer.writeRow(["\u{FEFF}a", "b"])
        let bytes = writer.drain()
        XCTAssertEqual(bytes.first, UInt8(ascii: "\""))
        XCTAssertEqual(try CSVReader.records(in: bytes).map(\.fields), [["\u{FEFF}a", "b"]])
    }

    func testRandomRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "Z", "0", ",", "\"", "\r", "\n", " ", "\t", "볼", "트", "é", "😀"]
        for _ in 0..<200 {
            let rows = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                    String(
                        (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                            alphabet.randomElement(using: &generator) ?? "a"
                        })
                }
            }
            var writer = CSVWriter()
            for row in rows { writer.writeRow(row) }
            XCTAssertEqual(try CSVReader.records(in: writer.drain()).map(\.fields), rows)
        }
    }
}
