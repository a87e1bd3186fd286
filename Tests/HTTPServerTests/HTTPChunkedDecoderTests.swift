import XCTest

@testable import HTTPServer

/// The chunked transfer coding (RFC 9112 §7.1): valid bodies, extensions, trailers and every rejection.
final class HTTPChunkedDecoderTests: XCTestCase {
    /// Decodes `text` whole, and again one byte at a time; both must agree.
    private func decode(_ text: String, max: Int = 1 << 20) throws -> (body: String, consumed: Int) {
        let bytes = Array(text.utf8)
        var whole = HTTPChunkedDecoder(maxBodyBytes: max)
        var body: [UInt8] = []
        let consumed = try bytes.withUnsafeBufferPointer { try whole.decode($0, into: &body) }

        var single = HTTPChunkedDecoder(maxBodyBytes: max)
        var body2: [UInt8] = []
        var used = 0
        for i in 0..<bytes.count where !single.isComplete {
            used += try bytes.withUnsafeBufferPointer { try single.decode(UnsafeBufferPointer(rebasing: $0[i..<(i + 1)]), into: &body2) }
        }
        XCTAssertEqual(body, body2)
        XCTAssertEqual(consumed, used)
        XCTAssertEqual(whole.isComplete, single.isComplete)
        return (String(decoding: body, as: UTF8.self), consumed)
    }

    private func assertRejects(_ text: String, _ status: Int = 400, max: Int = 1 << 20, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try decode(text, max: max)
            XCTFail("accepted \(text.debugDescription)", file: file, line: line)
        } catch let error as HTTPParseError {
            XCTAssertEqual(error.status.code, status, error.detail, file: file, line: line)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }

    func testChunksAreJoined() throws {
        let result = try decode("5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n")
        XCTAssertEqual(result.body, "hello, world")
        XCTAssertEqual(result.consumed, 27)
    }

    func testDecodingStopsAtTheEndOfTheMessage() throws {
        let result = try decode("3\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\n")
        XCTAssertEqual(result.body, "abc")
        XCTAssertEqual(result.consumed, 13)
    }

    func testUppercaseHexAndLeadingZeros() throws {
        XCTAssertEqual(try decode("00A\r\n0123456789\r\n000\r\n\r\n").body, "0123456789")
    }

    func testExtensionsAreValidatedAndIgnored() throws {
        XCTAssertEqual(try decode("3;a=b;c=\"d \\\" e\" ; f\r\nabc\r\n0;last\r\n\r\n").body, "abc")
        XCTAssertEqual(try decode("3 ;a\r\nabc\r\n0\r\n\r\n").body, "abc")
        XCTAssertEqual(try decode("3;a = b\r\nabc\r\n0\r\n\r\n").body, "abc")
    }

    func testTrailersAreValidatedAndDropped() throws {
        XCTAssertEqual(try decode("3\r\nabc\r\n0\r\nX-Checksum: 1\r\nY: \r\n\r\n").body, "abc")
    }

    func testMalformedChunkSizesAreRejected() {
        assertRejects("g\r\nabc\r\n0\r\n\r\n")
        assertRejects("\r\nabc\r\n0\r\n\r\n")
        assertRejects("-3\r\nabc\r\n0\r\n\r\n")
        assertRejects(" 3\r\nabc\r\n0\r\n\r\n")
        assertRejects("0x3\r\nabc\r\n0\r\n\r\n")
        assertRejects("3 \r\nabc\r\n0\r\n\r\n")
        assertRejects("3\nabc\r\n0\r\n\r\n")
        assertRejects("fffffffffffffffff\r\n")
        assertRejects("8000000000000000\r\n")
    }

    func testMalformedExtensionsAreRejected() {
        assertRejects("3;\r\nabc\r\n0\r\n\r\n")
        assertRejects("3;=x\r\nabc\r\n0\r\n\r\n")
        assertRejects("3;a=\r\nabc\r\n0\r\n\r\n")
        assertRejects("3;a=\"x\r\nabc\r\n0\r\n\r\n")
        assertRejects("3;a b\r\nabc\r\n0\r\n\r\n")
        assertRejects("3;a \r\nabc\r\n0\r\n\r\n")
        assertRejects("3;a=b \r\nabc\r\n0\r\n\r\n")
        assertRejects("3;a=b\u{0}\r\nabc\r\n0\r\n\r\n")
    }

    func testMissingCRLFAfterChunkDataIsRejected() {
        assertRejects("3\r\nabcd\r\n0\r\n\r\n")
        assertRejects("3\r\nabc\n0\r\n\r\n")
        assertRejects("3\r\nabc\r0\r\n\r\n")
    }

    func testMalformedTrailersAreRejected() {
        assertRejects("0\r\nbad line\r\n\r\n")
        assertRejects("0\r\nX: a\r\n folded\r\n\r\n")
        assertRejects("0\r\nX : a\r\n\r\n")
        assertRejects("0\r\nX: a\u{0}\r\n\r\n")
        assertRejects("0\r\n\rx")
    }

    func testOversizedChunkIsRefusedBeforeItsData() {
        assertRejects("5\r\nhello\r\n6\r\n", 413, max: 10)
        var decoder = HTTPChunkedDecoder(maxBodyBytes: 100)
        var body: [UInt8] = []
        XCTAssertThrowsError(try Array("ffffff\r\n".utf8).withUnsafeBufferPointer { try decoder.decode($0, into: &body) }) {
            XCTAssertEqual(($0 as? HTTPParseError)?.status.code, 413)
        }
    }

    func testOverlongSizeLineIsRejected() {
        assertRejects("3;" + String(repeating: "a", count: 5000) + "\r\nabc\r\n0\r\n\r\n")
    }
}
