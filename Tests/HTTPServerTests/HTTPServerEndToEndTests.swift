import Foundation
import HTTPServer
import XCTest

/// HTTP/1.1 behaviour of the live server over real sockets.
final class HTTPServerEndToEndTests: XCTestCase {
    func testOneShotClientAgainstTheServer() throws {
        let server = try startServer()
        let response = try HTTPClient.send(url: "http://127.0.0.1:\(server.port)/hello")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(text(response.body), "hello")
        XCTAssertEqual(response.headers["Content-Length"], "5")
        XCTAssertNotNil(response.headers["Date"])
        XCTAssertEqual(response.headers["Connection"], "close")
    }

    func testKeepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try startServer()
        let connection = try connect(server)
        for i in 0..<5 {
            let response = try connection.send(method: .post, path: "/echo?i=\(i)", body: Array("body \(i)".utf8))
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(text(response.body), "body \(i)")
            XCTAssertEqual(response.headers["X-Query"], "i=\(i)")
            XCTAssertNil(response.headers["Connection"])
        }
        XCTAssertEqual(try connection.send(path: "/hello").status, 200)
        XCTAssertEqual(server.stats.acceptedTotal, 1)
        XCTAssertEqual(server.stats.requestsTotal, 6)
        XCTAssertEqual(server.stats.openConnections, 1)
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        let server = try startServer()
        let connection = try connect(server)
        // A worker-pool request between two inline ones: the third must wait for the second.
        try connection.writeRaw(
            "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\nsecond"
                + "GET /echo?third HTTP/1.1\r\nHost: t\r\n\r\n")
        let first = try connection.readResponse()
        let second = try connection.readResponse()
        let third = try connection.readResponse()
        XCTAssertEqual(text(first.body), "hello")
        XCTAssertEqual(text(second.body), "second")
        XCTAssertEqual(third.headers["X-Query"], "third")
        XCTAssertEqual(third.headers["X-Method"], "GET")
    }

    func testChunkedRequestBody() throws {
        let server = try startServer()
        let connection = try connect(server)
        try connection.writeRaw(
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: yes\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(text(response.body), "hello world")
        XCTAssertEqual(try connection.send(path: "/hello").status, 200, "the connection stays usable")
    }

    func testChunkedBodyOverTheLimitGets413() throws {
        let server = try startServer()
        let connection = try connect(server)
        try connection.writeRaw("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 413)
        XCTAssertTrue(connection.waitForClose())
    }

    func testExpectContinueInvitesTheBody() throws {
        let server = try startServer()
        let connection = try connect(server)
        try connection.writeRaw("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        let interim = try connection.readResponse(skipInformational: false)
        XCTAssertEqual(interim.status, 100)
        try connection.writeRaw("ping")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(text(response.body), "ping")
    }

    func testExpectContinueWithTooLargeBodyGets413WithoutContinue() throws {
        let server = try startServer()
        let connection = try connect(server)
        try connection.writeRaw("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n")
        let response = try connection.readResponse(skipInformational: false)
        XCTAssertEqual(response.status, 413)
        XCTAssertTrue(connection.waitForClose())
    }

    func testHeadHasGetHeadersButNoBody() throws {
        let server = try startServer()
        let connection = try connect(server)
        let head = try connection.send(method: .head, path: "/hello")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.headers["Content-Length"], "5")
        XCTAssertEqual(head.body, [])
        // Had a body been sent, it would now be read as the next response's status line.
        let next = try connection.send(path: "/hello")
        XCTAssertEqual(text(next.body), "hello")
    }

    func testNoContentHasNoBodyAndNoContentLength() throws {
        let server = try startServer()
        let connection = try connect(server)
        let response = try connection.send(path: "/no-content")
        XCTAssertEqual(response.status, 204)
        XCTAssertNil(response.headers["Content-Length"])
        XCTAssertEqual(try connection.send(path: "/hello").status, 200)
    }

    func testHTTP10ClosesUnlessKeepAliveIsAsked() throws {
        let server = try startServer()
        let connection = try connect(server)
        try connection.writeRaw("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let kept = try connection.readResponse()
        XCTAssertEqual(kept.headers["Connection"], "keep-alive")
        try connection.writeRaw("GET /hello HTTP/1.0\r\n\r\n")
        let closed = try connection.readResponse()
        XCTAssertEqual(text(closed.body), "hello")
        XCTAssertEqual(closed.headers["Connection"], "close")
        XCTAssertTrue(connection.waitForClose())
    }

    func testConnectionCloseIsHonoured() throws {
        let server = try startServer()
        let connection = try connect(server)
        let response = try connection.send(path: "/hello", headers: ["Connection": "close"])
        XCTAssertEqual(response.headers["Connection"], "close")
        XCTAssertTrue(connection.waitForClose())

        let other = try connect(server)
        let handlerClose = try other.send(path: "/close")
        XCTAssertEqual(handlerClose.headers["Connection"], "close")
        XCTAssertTrue(other.waitForClose())
    }

    func testStreamingResponseIsChunked() throws {
        let server = try startServer()
        let connection = try connect(server)
        let response = try connection.send(path: "/stream")
        XCTAssertEqual(response.headers["Transfer-Encoding"], "chunked")
        XCTAssertEqual(text(response.body), (0..<5).map { "line \($0)\n" }.joined())
        XCTAssertEqual(try connection.send(path: "/hello").status, 200, "keep-alive after a stream")
    }

    func testStreamingToHTTP10IsCloseDelimited() throws {
        let server = try startServer()
        let connection = try connect(server)
        try connection.writeRaw("GET /stream HTTP/1.0\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertNil(response.headers["Transfer-Encoding"])
        XCTAssertEqual(text(response.body), (0..<5).map { "line \($0)\n" }.joined())
    }

    func testLargeStreamWithBackpressureArrivesWhole() throws {
        let server = try startServer()
        let connection = try connect(server)
        try connection.writeRaw("GET /big-stream HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(200_000)  // let the producer hit the high-water mark while we do not read
        let response = try connection.readResponse()
        XCTAssertEqual(response.body.count, 4 << 20)
        XCTAssertTrue(response.body.allSatisfy { $0 == 0x61 })
    }

    func testProblemJSONAndCloseOnMalformedRequest() throws {
        let server = try startServer()
        let connection = try connect(server)
        try connection.writeRaw("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 400)
        XCTAssertEqual(response.headers["Content-Type"], "application/problem+json")
        XCTAssertEqual(response.headers["Connection"], "close")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        XCTAssertEqual(json["type"] as? String, "about:blank")
        XCTAssertEqual(json["title"] as? String, "Bad Request")
        XCTAssertEqual(json["status"] as? Int, 400)
        XCTAssertNotNil(json["detail"] as? String)
        XCTAssertTrue(connection.waitForClose())
    }

    func testBareLFOverTheWireGets400() throws {
        let server = try startServer()
        let connection = try connect(server)
        try connection.writeRaw("GET /hello HTTP/1.1\nHost: t\n\n")
        XCTAssertEqual(try connection.readResponse().status, 400)
    }

    func testUnknownMethodGets501() throws {
        let server = try startServer()
        let connection = try connect(server)
        try connection.writeRaw("BREW /pot HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 501)
        XCTAssertTrue(connection.waitForClose())
    }

    func testUnsupportedVersionGets505() throws {
        let server = try startServer()
        let connection = try connect(server)
        try connection.writeRaw("GET / HTTP/2.0\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 505)
    }
}
