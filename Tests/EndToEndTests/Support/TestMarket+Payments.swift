import Foundation
import MarketCore
import Store
import Web
import XCTest

/// Payments in tests: the operator records what a buyer paid, so prepaid orders may ship
/// (`POST /v1/admin/payments`, as a finance user would), and a market whose payment provider is configured.
extension TestMarket {
    static let paymentProviderSecret = "psk_test_4f8a1c2e9b7d"

    /// A market that accepts provider callbacks signed with `paymentProviderSecret`.
    static func withPaymentProvider() throws -> TestMarket {
        try TestMarket { $0.market.paymentProviderSecret = paymentProviderSecret }
    }

    /// A market whose login tokens outlive the months an aging test moves its clock through.
    static func withLongSessions() throws -> TestMarket {
        try TestMarket { $0.market.loginTokenLifetimeSeconds = 400 * 86_400 }
    }

    /// What is still due on an order (total − returns − paid).
    func amountDue(_ orderID: String) throws -> Money? {
        try app.services.database.read { db in
            try OrderBalance.load(db, orderID: orderID).map { $0.money($0.due) }
        }
    }

    /// Pays everything still due on `orderID` by bank transfer, recorded by the operator. Nothing when nothing is due.
    @discardableResult
    func payInFull(_ orderID: String, file: StaticString = #filePath, line: UInt = #line) throws -> TestResponse? {
        guard let due = try amountDue(orderID), due.isPositive else { return nil }
        let response = try operatorAccount().client.post("/v1/admin/payments", json: [
            "order_id": .string(orderID), "amount": due.json, "method": "bank_transfer",
            "reference": .string("TEST-\(UUID().uuidString.prefix(12))"),
        ])
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response
    }

    /// Pays a prepaid order in full so it may ship; net-terms orders ship unpaid and are left alone.
    func payIfPrepaid(_ orderID: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let terms = try app.services.database.read { db in
            try db.scalar("SELECT payment_terms FROM orders WHERE id = ?", [.text(orderID)]).stringValue
        }
        guard terms == PaymentTerms.prepaid.rawValue else { return }
        try payInFull(orderID, file: file, line: line)
    }
}
