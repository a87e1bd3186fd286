import XCTest

@testable import HTTPServer

/// The small blocking client: URL handling and its failure modes.
final class HTTPClientTests: XCTestCase {
    func testURLSplitting() throws {
        XCTAssertTrue(try HTTPClient.split("http://example.com/a?b=c") == ("example.com", 80, "/a?b=c"))
        XCTAssertTrue(try HTTPClient.split("http://127.0.0.1:8080") == ("127.0.0.1", 8080, "/"))
        XCTAssertTrue(try HTTPClient.split("http://[::1]:9000/x") == ("::1", 9000, "/x"))
        XCTAssertThrowsError(try HTTPClient.split("https://example.com/"))
        XCTAssertThrowsError(try HTTPClient.split("http://host:notaport/"))
        XCTAssertThrowsError(try HTTPClient.split("http:///path"))
    }

    func testConnectionRefusedIsAnError() throws {
        // Bind a port, close it, and connect to it: nothing listens there any more.
        let server = try startServer()
        let port = server.port
        server.shutdown()
        server.waitUntilStopped()
        XCTAssertThrowsError(try HTTPClient.send(host: "127.0.0.1", port: port, path: "/", timeoutSeconds: 1)) {
            guard case HTTPClientError.connectFailed = $0 else { return XCTFail("\($0)") }
        }
    }

    func testPostThroughTheOneShotClient() throws {
        let server = try startServer()
        let response = try HTTPClient.send(
            method: .post, url: "http://127.0.0.1:\(server.port)/echo?q=1", headers: ["X-A": "b"],
            body: Array("payload".utf8))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "payload")
        XCTAssertEqual(response.headers["X-Query"], "q=1")
    }
}
