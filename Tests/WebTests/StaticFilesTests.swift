import Foundation
import HTTPServer
import XCTest
@testable import Web

final class StaticFilesTests: XCTestCase {
    func testServesFilesWithTypesETagAndNoTraversal() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("static-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("css"), withIntermediateDirectories: true)
        try Data("<h1>hi</h1>".utf8).write(to: root.appendingPathComponent("index.html"))
        try Data("body{}".utf8).write(to: root.appendingPathComponent("css/app.css"))
        try Data("secret".utf8).write(to: root.appendingPathComponent(".env"))
        defer { try? FileManager.default.removeItem(at: root) }

        let app = WebApplication(router: Router<EmptyContext>(), staticFiles: StaticFiles(root: root.path))
        let client = TestClient(responder: app)

        let index = try client.get("/")
        XCTAssertEqual(index.status, 200)
        XCTAssertEqual(index.headers["Content-Type"], "text/html; charset=utf-8")
        let css = try client.get("/css/app.css")
        XCTAssertEqual(css.headers["Content-Type"], "text/css; charset=utf-8")
        let etag = try XCTUnwrap(css.headers["ETag"])
        XCTAssertEqual(try client.get("/css/app.css", headers: ["If-None-Match": etag]).status, 304)

        for path in ["/../etc/passwd", "/css/../../etc/passwd", "/%2e%2e/etc/passwd", "/.env", "/css/%00", "/..%5cetc"] {
            XCTAssertEqual(try client.get(path).status, 404, path)
        }
        XCTAssertEqual(try client.send(.post, "/index.html").status, 404)
    }
}
