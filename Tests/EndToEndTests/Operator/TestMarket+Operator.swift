import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Shortcuts the operator and identity tests share: reference data created through the admin API.
extension TestMarket {
    /// A category created by the operator; returns its id.
    func createCategory(_ admin: Account, en: String, ko: String, parent: String? = nil,
                        file: StaticString = #filePath, line: UInt = #line) throws -> String {
        var body: JSONObject = ["name": ["en": .string(en), "ko": .string(ko)]]
        if let parent { body["parent_id"] = .string(parent) }
        let response = try admin.client.post("/v1/admin/categories", json: .object(body))
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response.json["id"]?.stringValue ?? ""
    }

    /// A fee rule created by the operator; returns the response.
    @discardableResult
    func createFeeRule(_ admin: Account, _ body: JSON, file: StaticString = #filePath, line: UInt = #line) throws -> TestResponse {
        let response = try admin.client.post("/v1/admin/fee-rules", json: body)
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response
    }

    @discardableResult
    func createFXRate(_ admin: Account, base: String, quote: String, rate: String, effectiveFrom: Date? = nil,
                      file: StaticString = #filePath, line: UInt = #line) throws -> TestResponse {
        var body: JSONObject = ["base": .string(base), "quote": .string(quote), "rate": .string(rate)]
        if let effectiveFrom { body["effective_from"] = .string(Timestamp.format(effectiveFrom)) }
        let response = try admin.client.post("/v1/admin/fx-rates", json: .object(body))
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response
    }

    /// The audit entries for one entity, newest first.
    func auditEntries(_ admin: Account, entityID: String) throws -> [JSON] {
        try admin.client.get("/v1/admin/audit-log?entity_id=\(entityID)").json["data"]?.arrayValue ?? []
    }
}

/// `{"amount","currency"}` literal.
func money(_ amount: String, _ currency: String) -> JSON { ["amount": .string(amount), "currency": .string(currency)] }

/// The field names of a 422's `errors[]`.
func errorFields(_ response: TestResponse) -> [String] {
    (response.json["errors"]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue }
}
