import Dispatch
import HTTPServer
import XCTest
@testable import Web

struct TestContext: RequestContext {
    var user: String?
    init() {}
}

final class RouterTests: XCTestCase {
    private func makeClient() -> TestClient {
        let router = Router<TestContext>()
        let v1 = router.group("/v1")
        v1.get("/items/{id}") { request, _ in .json(["id": .string(request.parameter("id"))]) }
        v1.get("/items/export") { _, _ in .text("export") }
        v1.post("/items") { request, _ in
            let object = try request.jsonObject()
            let validation = Validation()
            let reader = validation.reader(object)
            let name = reader.string("name", required: true, maxLength: 5)
            let quantity = reader.integer("quantity", required: true, min: 1)
            _ = reader.objects("lines", maxCount: 2)?.map { $0.integer("q", required: true) }
            try validation.check()
            return .json(["name": .optional(name), "quantity": .optional(quantity)], status: .created)
        }
        let auth = ClosureMiddleware<TestContext> { request, context, next in
            guard request.header("Authorization") == "Bearer ok" else { throw APIError.unauthorized() }
            context.user = "alice"
            return try next(request, &context)
        }
        let secured = router.group("/v1/secure", middleware: [auth])
        secured.get("/me") { _, context in .json(["user": .optional(context.user)]) }
        secured.get("/boom") { _, _ in struct Bug: Error {}; throw Bug() }
        let app = WebApplication(router: router)
        return TestClient(responder: app)
    }

    func testStaticSegmentBeatsParameter() throws {
        let client = makeClient()
        XCTAssertEqual(try client.get("/v1/items/export").text, "export")
        XCTAssertEqual(try client.get("/v1/items/a%20b").json["id"], "a b")
    }

    func testNotFoundAndMethodNotAllowedAreProblems() throws {
        let client = makeClient()
        let missing = try client.get("/v1/nothing")
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.headers["Content-Type"], "application/problem+json")
        let wrongMethod = try client.delete("/v1/items/1")
        XCTAssertEqual(wrongMethod.status, 405)
        XCTAssertEqual(wrongMethod.headers["Allow"], "GET, HEAD")
    }

    func testHeadUsesGetRouteWithoutBody() throws {
        let response = try makeClient().send(.head, "/v1/items/7")
        XCTAssertEqual(response.status, 200)
        XCTAssertTrue(response.body.isEmpty)
    }

    func testValidationNamesEveryField() throws {
        let client = makeClient()
        let response = try client.post("/v1/items", json: ["name": "too long name", "quantity": 0, "lines": [["q": "x"], 5]])
        XCTAssertEqual(response.status, 422)
        let fields = response.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? []
        XCTAssertEqual(Set(fields), ["name", "quantity", "lines[1]"])
        let ok = try client.post("/v1/items", json: ["name": "bolt", "quantity": 3])
        XCTAssertEqual(ok.status, 201)
        XCTAssertEqual(ok.json["quantity"], 3)
    }

    func testMalformedJSONIs400AndWrongMediaTypeIs415() throws {
        let client = makeClient()
        let malformed = try client.send(.post, "/v1/items", headers: ["Content-Type": "application/json"], body: Array("{".utf8))
        XCTAssertEqual(malformed.status, 400)
        let wrongType = try client.send(.post, "/v1/items", headers: ["Content-Type": "text/plain"], body: Array("{}".utf8))
        XCTAssertEqual(wrongType.status, 415)
    }

    func testMiddlewareFillsContextAndRefuses() throws {
        let client = makeClient()
        let anonymous = try client.get("/v1/secure/me")
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertEqual(anonymous.headers["WWW-Authenticate"], "Bearer")
        XCTAssertEqual(try client.authorized("ok").get("/v1/secure/me").json["user"], "alice")
    }

    func testUnexpectedErrorIs500WithoutDetails() throws {
        let response = try makeClient().authorized("ok").get("/v1/secure/boom")
        XCTAssertEqual(response.status, 500)
        XCTAssertEqual(response.json["type"], "/problems/internal")
        XCTAssertNotNil(response.headers["X-Request-Id"])
    }

    func testKoreanProblemText() throws {
        let response = try makeClient().get("/v1/secure/me", headers: ["Accept-Language": "ko-KR,ko;q=0.9,en;q=0.5"])
        XCTAssertEqual(response.json["title"], "인증 필요")
        XCTAssertEqual(Language.preferred(acceptLanguage: "en;q=0.9, ko;q=0.2"), .en)
        XCTAssertEqual(Language.preferred(acceptLanguage: "fr"), .en)
    }

    func testRequestIDEchoedWhenSane() throws {
        let client = makeClient()
        XCTAssertEqual(try client.get("/v1/items/1", headers: ["X-Request-Id": "abc-123"]).headers["X-Request-Id"], "abc-123")
        XCTAssertNotEqual(try client.get("/v1/items/1", headers: ["X-Request-Id": "bad id\u{7f}"]).headers["X-Request-Id"], "bad id\u{7f}")
    }

    func testQueryParametersDecode() {
        let query = QueryParameters("q=%EB%B3%BC%ED%8A%B8+M8&limit=10&x")
        XCTAssertEqual(query["q"], "볼트 M8")
        XCTAssertEqual(query["limit"], "10")
        // An empty value reads as absent (the API treats `?currency=` like no currency).
        XCTAssertNil(query["x"])
        XCTAssertNil(query["y"])
    }

    func testMetricsCountByRoutePattern() throws {
        let router = Router<TestContext>()
        router.group("").get("/a/{id}") { _, _ in .text("x") }
        let app = WebApplication(router: router)
        let client = TestClient(responder: app)
        try client.get("/a/1")
        try client.get("/a/2")
        let text = app.metrics.render(gauges: [("http_open_connections", "Open connections.", 3)])
        XCTAssertTrue(text.contains(#"http_requests_total{method="GET",route="/a/{id}",status="200"} 2"#), text)
        XCTAssertTrue(text.contains("http_open_connections 3"))
    }

    func testMetricsFromManyThreadsAddUpAcrossShards() throws {
        let metrics = Metrics()
        DispatchQueue.concurrentPerform(iterations: 16) { thread in
            for n in 0..<500 {
                metrics.record(method: "GET", route: "/a/{id}", status: 200, durationMicros: UInt64(thread * 1000 + n))
            }
        }
        let text = metrics.render()
        XCTAssertTrue(text.contains(#"http_requests_total{method="GET",route="/a/{id}",status="200"} 8000"#), text)
        XCTAssertTrue(text.contains(#"http_request_duration_seconds_count{method="GET",route="/a/{id}",status="200"} 8000"#), text)
        // 250 µs bucket: durations 0…250 of thread 0 only.
        XCTAssertTrue(text.contains(#"http_request_duration_seconds_bucket{method="GET",route="/a/{id}",status="200",le="0.00025"} 251"#), text)
    }

    func testPathSegmentsKeepEmptyInnerSegmentsAndDropTheOuterSlashes() {
        XCTAssertEqual(RouteTrie<TestContext>.segments("/"), [""])
        XCTAssertEqual(RouteTrie<TestContext>.segments("/a/b"), ["a", "b"])
        XCTAssertEqual(RouteTrie<TestContext>.segments("/a/b/"), ["a", "b"])
        XCTAssertEqual(RouteTrie<TestContext>.segments("/a//b"), ["a", "", "b"])
        XCTAssertEqual(RouteTrie<TestContext>.segments("/v1/catalog/products/볼트"), ["v1", "catalog", "products", "볼트"])
        XCTAssertEqual(RouteTrie<TestContext>.segments(""), [])
    }
}
