import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// The document is generated from the router, and this test holds both to each other: a route without
/// a description, or a described path that no route serves, fails the build.
final class OpenAPIDocumentTests: XCTestCase {
    func testEveryRouteIsDescribedAndEveryDescribedRouteExists() throws {
        let market = try TestMarket()
        let document = try market.client.get("/openapi.json")
        XCTAssertEqual(document.status, 200)
        XCTAssertEqual(document.json["openapi"], "3.1.0")
        guard let paths = document.json["paths"]?.objectValue else { return XCTFail("no paths") }

        var documented = Set<String>()
        for (path, item) in paths {
            for method in item.objectValue?.keys ?? [] { documented.insert("\(method.uppercased()) \(path)") }
        }
        var registered = Set<String>()
        for route in market.app.web.router.routes {
            XCTAssertNotNil(route.documentation, "\(route.method) \(route.pattern) has no OpenAPI description")
            registered.insert("\(route.method.rawValue) \(route.pattern)")
        }
        XCTAssertEqual(registered.subtracting(documented), [], "routes missing from /openapi.json")
        XCTAssertEqual(documented.subtracting(registered), [], "documented paths no route serves")
    }

    func testOperationsDeclareResponsesAndSecurity() throws {
        let market = try TestMarket()
        let json = try market.client.get("/openapi.json").json
        guard let paths = json["paths"]?.objectValue else { return XCTFail("no paths") }
        for (path, item) in paths {
            for (method, operation) in item.objectValue ?? JSONObject() {
                let responses = operation["responses"]?.objectValue
                XCTAssertNotNil(responses, "\(method) \(path) lacks responses")
                XCTAssertFalse(responses?.count == 0, "\(method) \(path) lists no responses")
                XCTAssertNotNil(operation["summary"]?.stringValue, "\(method) \(path) lacks a summary")
                if path.hasPrefix("/v1/admin") {
                    XCTAssertEqual(operation["security"], [["bearerAuth": []], ["apiKey": []]], "\(method) \(path) must require a token")
                    XCTAssertNotNil(responses?["403"], "\(method) \(path) must document 403")
                }
            }
        }
    }
}

/// Validates the document with openapi-spec-validator (PyPI), which `Scripts/test` installs.
final class OpenAPISpecValidatorTests: XCTestCase {
    func testDocumentPassesOpenAPISpecValidator() throws {
        let market = try TestMarket()
        let document = try market.client.get("/openapi.json")
        let file = market.directory.appendingPathComponent("openapi.json")
        try Data(document.body).write(to: file)

        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import openapi_spec_validator"]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        try XCTSkipIf(probe.terminationStatus != 0, "openapi-spec-validator is not installed (Scripts/test installs it)")

        let validator = Process()
        validator.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validator.arguments = ["python3", "-m", "openapi_spec_validator", file.path]
        let output = Pipe()
        validator.standardOutput = output
        validator.standardError = output
        try validator.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        validator.waitUntilExit()
        XCTAssertEqual(validator.terminationStatus, 0, text)
    }
}
