import XCTest

@testable import HTTPServer

/// RFC 9112 vectors: what the parser accepts, and every rejection with its status.
final class HTTPRequestParserTests: XCTestCase {
    private func parse(_ text: String, limits: HTTPParserLimits = HTTPParserLimits()) -> HTTPHeadParseResult {
        var parser = HTTPRequestParser(limits: limits)
        return Array(text.utf8).withUnsafeBufferPointer { parser.parseHead($0) }
    }

    private func head(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> HTTPParsedHead? {
        switch parse(text) {
        case .head(let parsed): return parsed
        case .needMore:
            XCTFail("needMore", file: file, line: line)
        case .failure(let error):
            XCTFail("rejected: \(error)", file: file, line: line)
        }
        return nil
    }

    private func assertRejects(
        _ text: String, _ status: Int, limits: HTTPParserLimits = HTTPParserLimits(),
        file: StaticString = #filePath, line: UInt = #line
    ) {
        switch parse(text, limits: limits) {
        case .failure(let error): XCTAssertEqual(error.status.code, status, error.detail, file: file, line: line)
        case .head: XCTFail("accepted: \(text.debugDescription)", file: file, line: line)
        case .needMore: XCTFail("needMore: \(text.debugDescription)", file: file, line: line)
        }
    }

    // MARK: - Accepted

    func testSimpleGet() throws {
        let text = "GET /a/b?x=1&y=%20 HTTP/1.1\r\nHost: example.com\r\nAccept:  */* \r\nX-Empty:\r\n\r\n"
        let parsed = try XCTUnwrap(head(text))
        XCTAssertEqual(parsed.head.method, .get)
        XCTAssertEqual(parsed.head.target, "/a/b?x=1&y=%20")
        XCTAssertEqual(parsed.head.path, "/a/b")
        XCTAssertEqual(parsed.head.query, "x=1&y=%20")
        XCTAssertEqual(parsed.head.version, .http1_1)
        XCTAssertEqual(parsed.head.headers["host"], "example.com")
        XCTAssertEqual(parsed.head.headers["Accept"], "*/*", "OWS trimmed on both sides")
        XCTAssertEqual(parsed.head.headers["X-Empty"], "")
        XCTAssertEqual(parsed.framing, .none)
        XCTAssertTrue(parsed.keepAlive)
        XCTAssertFalse(parsed.expectContinue)
        XCTAssertEqual(parsed.length, text.utf8.count)
    }

    func testIncrementalFeedingByteByByteMatchesWhole() throws {
        let text = "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
        let bytes = Array(text.utf8)
        var parser = HTTPRequestParser()
        for end in 1...bytes.count {
            let result = bytes.withUnsafeBufferPointer { parser.parseHead(UnsafeBufferPointer(rebasing: $0[0..<end])) }
            switch result {
            case .needMore: continue
            case .failure(let error): return XCTFail("\(error)")
            case .head(let parsed):
                XCTAssertEqual(parsed.length, bytes.count - 3)
                XCTAssertEqual(parsed.framing, .contentLength(3))
                return
            }
        }
        XCTFail("never completed")
    }

    func testLeadingEmptyLinesAreSkipped() throws {
        let parsed = try XCTUnwrap(head("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"))
        XCTAssertEqual(parsed.head.target, "/")
        XCTAssertEqual(parsed.length, 4 + 27)
    }

    func testFramingAndPersistence() throws {
        XCTAssertEqual(head("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 12\r\n\r\n")?.framing, .contentLength(12))
        XCTAssertEqual(head("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")?.framing, HTTPBodyFraming.none)
        XCTAssertEqual(head("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n")?.framing, .chunked)
        XCTAssertEqual(head("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n")?.keepAlive, false)
        XCTAssertEqual(head("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, Upgrade\r\n\r\n")?.keepAlive, true)
        XCTAssertEqual(head("GET / HTTP/1.0\r\n\r\n")?.keepAlive, false, "HTTP/1.0 closes by default")
        XCTAssertEqual(head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")?.keepAlive, true)
        XCTAssertEqual(head("GET / HTTP/1.0\r\n\r\n")?.head.version, .http1_0)
    }

    func testIdenticalDuplicateContentLengthsAreAccepted() {
        XCTAssertEqual(head("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 5\r\n\r\n")?.framing, .contentLength(5))
        XCTAssertEqual(
            head("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\n")?.framing, .contentLength(5))
    }

    func testExpectContinue() {
        XCTAssertEqual(head("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n")?.expectContinue, true)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\nContent-Length: 1\r\n\r\n", 417)
    }

    func testAsteriskFormForOptions() {
        XCTAssertEqual(head("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n")?.head.target, "*")
        assertRejects("GET * HTTP/1.1\r\nHost: h\r\n\r\n", 400)
    }

    func testObsTextInValueIsKept() {
        let bytes: [UInt8] = Array("GET / HTTP/1.1\r\nHost: h\r\nX: caf".utf8) + [0xC3, 0xA9] + Array("\r\n\r\n".utf8)
        var parser = HTTPRequestParser()
        guard case .head(let parsed) = bytes.withUnsafeBufferPointer({ parser.parseHead($0) }) else { return XCTFail() }
        XCTAssertEqual(parsed.head.headers["X"], "café")
    }

    func testHostMayBeMissingInHTTP10AndEmptyInHTTP11() {
        XCTAssertNotNil(head("GET / HTTP/1.0\r\n\r\n"))
        XCTAssertNotNil(head("GET / HTTP/1.1\r\nHost:\r\n\r\n"))
    }

    func testIncompleteHeadNeedsMore() {
        guard case .needMore = parse("GET / HTTP/1.1\r\nHost: h\r\n") else { return XCTFail() }
        guard case .needMore = parse("GET / HTTP/1.1\r\nHost: h\r\n\r") else { return XCTFail() }
        guard case .needMore = parse("\r") else { return XCTFail() }
    }

    // MARK: - Framing rejections (RFC 9112 §6)

    func testContentLengthWithTransferEncodingIsRejected() {
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n", 400)
    }

    func testDifferingContentLengthsAreRejected() {
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", 400)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5, 6\r\n\r\n", 400)
    }

    func testInvalidContentLengthsAreRejected() {
        for value in ["abc", "-5", "+5", "5a", "0x10", "1 2", "", "5,", ",5", "99999999999999999999999", "9223372036854775808"] {
            assertRejects("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(value)\r\n\r\n", 400)
        }
    }

    func testTransferEncodingWhoseFinalCodingIsNotChunkedIsRejected() {
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", 400)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n", 400)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding:\r\n\r\n", 400)
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400)
    }

    func testOtherTransferCodingsAreNotImplemented() {
        assertRejects("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501)
    }

    func testTransferEncodingInHTTP10IsRejected() {
        assertRejects("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400)
    }

    // MARK: - Field syntax rejections (RFC 9112 §5)

    func testWhitespaceBetweenFieldNameAndColonIsRejected() {
        assertRejects("GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nContent-Length\t: 0\r\n\r\n", 400)
    }

    func testObsFoldIsRejected() {
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\r\n b\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX-A: a\r\n\tb\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\n Host: h\r\n\r\n", 400)
    }

    func testNulCrLfInFieldValueAreRejected() {
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{0}b\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX: a\nb\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{7F}b\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{1B}b\r\n\r\n", 400)
    }

    func testInvalidFieldNamesAreRejected() {
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX(y): 1\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX y: 1\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\n: 1\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nNoColon\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX\u{0}: 1\r\n\r\n", 400)
    }

    func testMissingOrDuplicateHostIsRejected() {
        assertRejects("GET / HTTP/1.1\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nX: y\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400)
    }

    func testBareLFIsRejected() {
        assertRejects("GET / HTTP/1.1\nHost: h\n\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\n\n", 400)
        assertRejects("\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", 400)
    }

    // MARK: - Request line rejections (RFC 9112 §3)

    func testMalformedRequestLinesAreRejected() {
        assertRejects("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", 400)
        assertRejects(" GET / HTTP/1.1\r\nHost: h\r\n\r\n", 400)
        assertRejects("GET /\r\nHost: h\r\n\r\n", 400)
        assertRejects("GET\r\nHost: h\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1 extra\r\nHost: h\r\n\r\n", 400)
        assertRejects("GET / http/1.1\r\nHost: h\r\n\r\n", 400)
        assertRejects("GET / HTTP/11\r\nHost: h\r\n\r\n", 400)
        assertRejects("GET / HTTP/1.1\rX\r\nHost: h\r\n\r\n", 400)
        assertRejects("\u{16}\u{03}\u{01}\u{02}\u{00}\r\n\r\n", 400)
    }

    func testUnsupportedVersionsGet505() {
        assertRejects("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505)
        assertRejects("GET / HTTP/1.2\r\nHost: h\r\n\r\n", 505)
        assertRejects("GET / HTTP/0.9\r\nHost: h\r\n\r\n", 505)
    }

    func testInvalidMethodTokenIsRejected() {
        assertRejects("G(ET / HTTP/1.1\r\nHost: h\r\n\r\n", 400)
        assertRejects("GE\u{7F}T / HTTP/1.1\r\nHost: h\r\n\r\n", 400)
    }

    func testUnknownMethodsGet501() {
        assertRejects("BREW / HTTP/1.1\r\nHost: h\r\n\r\n", 501)
        assertRejects("get / HTTP/1.1\r\nHost: h\r\n\r\n", 501)  // methods are case-sensitive
        assertRejects("CONNECT / HTTP/1.1\r\nHost: h\r\n\r\n", 501)
    }

    func testTargetMustBeOriginForm() {
        assertRejects("GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n", 400)
        assertRejects("GET example.com:443 HTTP/1.1\r\nHost: h\r\n\r\n", 400)
        assertRejects("GET /a\u{1}b HTTP/1.1\r\nHost: h\r\n\r\n", 400)
        assertRejects("GET /é HTTP/1.1\r\nHost: h\r\n\r\n", 400)
    }

    // MARK: - Limits

    func testOverlongTargetGets414() {
        let limits = HTTPParserLimits(maxHeaderBytes: 4096, maxRequestTargetBytes: 100, maxHeaderCount: 10)
        let target = "/" + String(repeating: "a", count: 100)
        assertRejects("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n", 414, limits: limits)
        // Also while the request line is still incomplete.
        assertRejects("GET \(target)a", 414, limits: limits)
        XCTAssertNotNil({ () -> HTTPParsedHead? in
            if case .head(let p) = parse("GET \(target.dropLast()) HTTP/1.1\r\nHost: h\r\n\r\n", limits: limits) { return p }
            return nil
        }())
    }

    func testOversizedHeaderSectionGets431() {
        let limits = HTTPParserLimits(maxHeaderBytes: 200, maxRequestTargetBytes: 100, maxHeaderCount: 10)
        let big = String(repeating: "v", count: 200)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX: \(big)\r\n\r\n", 431, limits: limits)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nX: \(big)", 431, limits: limits)
    }

    func testTooManyFieldsGets431() {
        let limits = HTTPParserLimits(maxHeaderBytes: 4096, maxRequestTargetBytes: 100, maxHeaderCount: 3)
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", 431, limits: limits)
        if case .head = parse("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", limits: limits) {} else { XCTFail() }
    }
}
