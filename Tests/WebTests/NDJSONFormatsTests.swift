import XCTest

@testable import Web

/// NDJSONLineSplitter: line ends, blank lines, numbering across chunks, length bound.
final class NDJSONLineSplitterTests: XCTestCase {
    private func split(_ bytes: [UInt8], chunkSize: Int = .max, maxLineLength: Int = 1 << 20) throws
        -> [NDJSONLine]
    {
        var splitter = NDJSONLineSplitter(maxLineLength: maxLineLength)
        var lines: [NDJSONLine] = []
        var start = 0
        while start < bytes.count {
            let end = start + min(chunkSize, bytes.count - start)
            lines += try splitter.feed(bytes[start..<end])
            start = end
        }
        if let last = try splitter.finish() { lines.append(last) }
        return lines
    }

    private func line(_ number: Int, _ text: String) -> NDJSONLine {
        NDJSONLine(line: number, bytes: Array(text.utf8))
    }

    func testLinesWithLFAndCRLF() throws {
        let text = "{\"sku\":\"A\"}\n{\"sku\":\"B\"}\r\n{\"sku\":\"볼트\"}"
        let expected = [line(1, "{\"sku\":\"A\"}"), line(2, "{\"sku\":\"B\"}"), line(3, "{\"sku\":\"볼트\"}")]
        for chunkSize in [1, 2, 5, 1000] {
            XCTAssertEqual(try split(Array(text.utf8), chunkSize: chunkSize), expected, "chunk \(chunkSize)")
        }
    }

    func testBlankLinesAreSkippedButCounted() throws {
        let lines = try split(Array("\n{}\r\n  \t\n\r\n{\"a\":1}\n\n".utf8))
        XCTAssertEqual(lines, [line(2, "{}"), line(5, "{\"a\":1}")])
    }

    func testByteOrderMarkIsDropped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{}\n".utf8)
        for chunkSize in [1, 2, 10] {
            XCTAssertEqual(try split(bytes, chunkSize: chunkSize), [line(1, "{}")])
        }
    }

    func testLineTooLongNamesTheLine() {
        let bytes = Array("{}\n\n0123456789\n".utf8)
        for chunkSize in [1, 4, 100] {
            XCTAssertThrowsError(try split(bytes, chunkSize: chunkSize, maxLineLength: 9)) { error in
                XCTAssertEqual(error as? NDJSONError, NDJSONError(line: 3, reason: .lineTooLong(limit: 9)))
            }
        }
        // The limit is on the content: a CR before the LF does not count, at the end of the input neither.
        XCTAssertEqual(try split(Array("012345678\r\n".utf8), maxLineLength: 9), [line(1, "012345678")])
        XCTAssertEqual(try split(Array("012345678".utf8), maxLineLength: 9), [line(1, "012345678")])
        XCTAssertThrowsError(try split(Array("0123456789".utf8), maxLineLength: 9))
        XCTAssertThrowsError(try split(Array("0123456789\r\n".utf8), maxLineLength: 9))
    }

    func testErrorsAreSticky() {
        var splitter = NDJSONLineSplitter(maxLineLength: 2)
        XCTAssertThrowsError(try splitter.feed(Array("abcdef".utf8)))
        XCTAssertThrowsError(try splitter.feed(Array("\n{}\n".utf8)))
        XCTAssertThrowsError(try splitter.finish())
    }
}
