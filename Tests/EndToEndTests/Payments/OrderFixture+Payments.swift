import Foundation
import HTTPServer
import MarketCore
import Store
import Web
import XCTest

/// Shortcuts of the payment tests on top of `OrderFixture`: recording payments as the operator, signing
/// provider callbacks like a provider, reading orders and invoices as the buyer.
extension OrderFixture {
    /// `POST /v1/admin/payments` as the operator.
    func pay(order orderID: String? = nil, invoice invoiceID: String? = nil, _ amount: String, _ currency: String = "USD",
             method: String = "bank_transfer", reference: String? = nil, key: String? = nil) throws -> TestResponse {
        var body: JSONObject = [
            "amount": OrderFixture.money(amount, currency), "method": .string(method),
            "reference": .string(reference ?? "WIRE-\(UUID().uuidString.prefix(10))"),
        ]
        if let orderID { body["order_id"] = .string(orderID) }
        if let invoiceID { body["invoice_id"] = .string(invoiceID) }
        var headers = HTTPHeaders()
        if let key { headers.set("Idempotency-Key", key) }
        return try admin.client.post("/v1/admin/payments", json: .object(body), headers: headers)
    }

    /// The order as the buyer sees it.
    func buyerOrder(_ orderID: String) throws -> JSON {
        try buyer.client.get("/v1/buyer/orders/\(orderID)").json
    }

    /// Confirms and ships as the supplier (no payment step: the tests decide).
    func confirmAndShip(_ orderID: String) throws -> TestResponse {
        let confirmed = try act(supplier, "seller", orderID, "confirm")
        XCTAssertEqual(confirmed.status, 200, confirmed.text)
        return try act(supplier, "seller", orderID, "ship", ["carrier": "CJ Logistics", "tracking_number": "6301-2234-9981"])
    }

    /// A net-terms order placed, confirmed, shipped and delivered; returns its id.
    func deliveredNetTermsOrder(_ productID: String, quantity: Int, terms: String = "net_30", file: StaticString = #filePath,
                                line: UInt = #line) throws -> String {
        let id = try placeOrder(productID, quantity: quantity, terms: terms, file: file, line: line)["id"]?.stringValue ?? ""
        try fulfil(id, file: file, line: line)
        return id
    }

    /// The invoice of a delivered net-terms order (as embedded in the buyer's order).
    func invoiceID(of orderID: String) throws -> String {
        try buyerOrder(orderID)["invoice"]?["id"]?.stringValue ?? ""
    }

    /// A provider callback signed with `secret` at `timestamp` (default: the market's clock).
    func callback(_ body: JSON, secret: String = TestMarket.paymentProviderSecret, timestamp: Int64? = nil,
                  signature: String? = nil) throws -> TestResponse {
        let bytes = JSONSerializer.serialize(body)
        let t = timestamp ?? Int64(market.clock.now().timeIntervalSince1970)
        let header = signature ?? PaymentCallbackSignature.header(secret: secret, timestamp: t, body: bytes)
        return try market.client.send(.post, "/v1/payments/callback",
                                      headers: ["Content-Type": "application/json", "Marketplace-Signature": header], body: bytes)
    }

    func paymentCount(_ orderID: String, status: String = "succeeded") throws -> Int64 {
        try market.app.services.database.read { db in
            try db.scalar("SELECT count(*) FROM payments WHERE order_id = ? AND status = ?", [.text(orderID), .text(status)]).int64Value ?? -1
        }
    }
}
