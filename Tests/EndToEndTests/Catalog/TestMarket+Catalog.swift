import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Shortcuts for the catalog tests: listings created through the supplier API, searches through the
/// public one.
extension TestMarket {
    /// `POST /v1/seller/products` with defaults for what the test does not care about; returns the listing.
    @discardableResult
    func createListing(_ seller: Account, _ fields: JSONObject = [:], file: StaticString = #filePath, line: UInt = #line) throws -> JSON {
        var body: JSONObject = [
            "sku": .string("SKU-\(UUID().uuidString.prefix(8))"), "title": ["en": "Plain item"], "unit_price": "10.00",
            "currency": "USD", "stock": 10,
        ]
        for member in fields { body[member.key] = member.value }
        let response = try seller.client.post("/v1/seller/products", json: .object(body))
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response.json
    }

    /// `GET /v1/catalog/products?...` with each value percent-encoded, anonymously or as `client`.
    func search(_ parameters: [(String, String)]) throws -> TestResponse {
        try search(client, parameters)
    }

    func search(_ client: TestClient, _ parameters: [(String, String)]) throws -> TestResponse {
        let query = parameters.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
        return try client.get("/v1/catalog/products?\(query)")
    }

    /// The ids of a search's hits, in order; fails the test unless it answered 200.
    func searchIDs(_ parameters: [(String, String)], file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        try searchIDs(client, parameters, file: file, line: line)
    }

    func searchIDs(_ client: TestClient, _ parameters: [(String, String)], file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let response = try search(client, parameters)
        XCTAssertEqual(response.status, 200, response.text, file: file, line: line)
        return ids(response)
    }

    func ids(_ response: TestResponse) -> [String] {
        (response.json["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
    }

    /// `facets.categories` as id → count.
    func facets(_ response: TestResponse) -> [String: Int64] {
        var counts: [String: Int64] = [:]
        for entry in response.json["facets"]?["categories"]?.arrayValue ?? [] {
            if let id = entry["id"]?.stringValue, let count = entry["count"]?.int64Value { counts[id] = count }
        }
        return counts
    }

    /// Every page of a search, following `next_cursor`.
    func allPages(_ parameters: [(String, String)], client: TestClient? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        var pages: [[String]] = []
        var cursor: String?
        repeat {
            var query = parameters
            if let cursor { query.append(("cursor", cursor)) }
            let response = try search(client ?? self.client, query)
            XCTAssertEqual(response.status, 200, response.text, file: file, line: line)
            pages.append(ids(response))
            cursor = response.json["next_cursor"]?.stringValue
        } while cursor != nil && pages.count < 100
        return pages
    }

    /// A category made by the operator (through the admin API), returning its id.
    func category(_ en: String, _ ko: String, parent: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try createCategory(try operatorAccount(), en: en, ko: ko, parent: parent, file: file, line: line)
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

/// The `{"line","field"}` pairs of an import's 422.
func importProblems(_ response: TestResponse) -> [(line: Int64, field: String)] {
    (response.json["errors"]?.arrayValue ?? []).compactMap { error in
        guard let line = error["line"]?.int64Value, let field = error["field"]?.stringValue else { return nil }
        return (line, field)
    }
}
