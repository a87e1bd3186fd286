import Foundation
import HTTPServer
import Web

/// Demo activity through the API: orders in every state, an open and an awarded RFQ with quotes in
/// several currencies.
/// A listing as the demo picks from it.
struct DemoProduct {
    let id: String
    let stock: Int64
    let minimum: Int64
}

struct DemoFlows {
    let api: DemoAPI
    let clients: [String: TestClient]
    let products: [String: [DemoProduct]]
    let categories: [String: String]

    static let address: JSON = [
        "recipient": "Receiving dock 3", "line1": "123 Teheran-ro", "city": "Seoul", "postal_code": "06236", "country": "KR",
    ]

    static let usAddress: JSON = [
        "recipient": "Receiving", "company": "Midwest Builders", "line1": "400 W Lake St", "city": "Chicago", "postal_code": "60606", "country": "US",
    ]

    func run(approver: TestClient) throws {
        guard let daehan = clients["buyer@daehan.demo"], let midwest = clients["buyer@midwest.demo"] else { return }
        let hanil = DemoData.suppliers[0].email, rhein = DemoData.suppliers[1].email, pacific = DemoData.suppliers[2].email
        let safety = DemoData.suppliers[3].email

        // One order per target state, spread over suppliers and buyers.
        let placed = try order(midwest, currency: "USD", [(pacific, 0, 100)])
        let confirmed = try order(midwest, currency: "USD", [(pacific, 1, 200)])
        try seller(pacific, confirmed, "confirm")
        let shipped = try order(daehan, currency: "KRW", [(hanil, 0, 1000)], terms: "net_30")
        try seller(hanil, shipped, "confirm")
        try seller(hanil, shipped, "ship", ["carrier": "CJ Logistics", "tracking_number": "CJ-5521-0042"])
        let delivered = try order(daehan, currency: "KRW", [(hanil, 2, 500)], terms: "net_30")
        try advance(hanil, delivered, to: "delivered")
        let completed = try order(midwest, currency: "USD", [(rhein, 0, 300)])
        try advance(rhein, completed, to: "delivered")
        try api.call(midwest, .post, "/v1/buyer/orders/\(completed)/receive", [:])
        // Reviews of delivered orders, and a supplier's public reply.
        let review = try api.call(midwest, .post, "/v1/buyer/orders/\(completed)/review", [
            "rating": 5, "quality": 5, "delivery": 4, "communication": 5, "comment": "Exactly to spec, well packed.",
        ])
        if let reviewID = review["id"]?.stringValue, let rheinClient = clients[rhein] {
            try api.call(rheinClient, .post, "/v1/seller/reviews/\(reviewID)/response", ["text": "Thank you — see you next quarter."])
        }
        try api.call(daehan, .post, "/v1/buyer/orders/\(delivered)/review", [
            "rating": 4, "quality": 4, "delivery": 5, "communication": 4, "comment": "빠른 배송, 품질 양호.",
        ])
        let returned = try order(midwest, currency: "USD", [(safety, 0, 200)])
        try advance(safety, returned, to: "delivered")
        let detail = try api.call(midwest, .get, "/v1/buyer/orders/\(returned)")
        if let line = detail["lines"]?.arrayValue?.first?["id"]?.stringValue {
            try api.call(midwest, .post, "/v1/buyer/orders/\(returned)/returns", [
                "lines": [["line_id": .string(line), "quantity": 20]], "reason": "Wrong size delivered",
            ])
        }
        let cancelled = try order(midwest, currency: "USD", [(pacific, 2, 100)])
        try api.call(midwest, .post, "/v1/buyer/orders/\(cancelled)/cancel", [:])
        _ = placed

        // Large KRW orders wait for Daehan's approver (rule: 1,000,000 KRW).
        let pending = try order(daehan, currency: "KRW", [(hanil, 3, 60_000)])
        let rejected = try order(daehan, currency: "KRW", [(hanil, 4, 60_000)])
        try api.call(approver, .post, "/v1/buyer/orders/\(rejected)/reject", ["reason": "Over this quarter's budget"])
        let approved = try order(daehan, currency: "KRW", [(hanil, 5, 60_000)])
        try api.call(approver, .post, "/v1/buyer/orders/\(approved)/approve", [:])
        _ = pending

        // RFQs: one open for quotes, one awarded; suppliers quote in their own currencies.
        if let bolts = categories["bolts"] {
            let respondBy = Timestamp.format(Date().addingTimeInterval(14 * 86_400))
            let open = try api.call(daehan, .post, "/v1/buyer/rfqs", [
                "title": "Anchor bolts for the Incheon warehouse", "currency": "KRW", "respond_by": .string(respondBy),
                "items": [["description": "Anchor bolt M16x200, hot-dip galvanized", "category_id": .string(bolts), "quantity": 20_000, "unit": "piece"]],
                "delivery_country": "KR", "broadcast": true,
            ])
            if let rfqID = open["id"]?.stringValue, let itemID = open["items"]?.arrayValue?.first?["id"]?.stringValue {
                try quote(hanil, rfqID, itemID, currency: "KRW", price: "1250", lead: 10)
                try quote(rhein, rfqID, itemID, currency: "EUR", price: "0.79", lead: 21)
            }
            let awarded = try api.call(midwest, .post, "/v1/buyer/rfqs", [
                "title": "Hex bolts, Q1 framing", "currency": "USD", "respond_by": .string(respondBy),
                "items": [["description": "Hex bolt M12x50 zinc plated", "category_id": .string(bolts), "quantity": 5000, "unit": "piece"]],
                "delivery_country": "US", "broadcast": true,
            ])
            if let rfqID = awarded["id"]?.stringValue, let itemID = awarded["items"]?.arrayValue?.first?["id"]?.stringValue {
                let cheap = try quote(rhein, rfqID, itemID, currency: "EUR", price: "0.31", lead: 18)
                try quote(hanil, rfqID, itemID, currency: "KRW", price: "480", lead: 9)
                if let quoteID = cheap["id"]?.stringValue {
                    try api.call(midwest, .post, "/v1/buyer/rfqs/\(rfqID)/award", ["quote_id": .string(quoteID), "shipping_address": Self.usAddress])
                }
            }
        }
    }

    /// Places an order; lines are (supplier email, product index in its catalog, quantity). Returns the first order id.
    private func order(_ buyer: TestClient, currency: String, _ lines: [(String, Int, Int)], terms: String = "prepaid") throws -> String {
        // The index-th listing of the supplier that can take this quantity (stock and minimum order).
        let items: [JSON] = lines.compactMap { supplier, index, quantity in
            let fitting = (products[supplier] ?? []).filter { $0.stock >= Int64(quantity) && $0.minimum <= Int64(quantity) }
            guard !fitting.isEmpty else { return nil }
            return ["product_id": .string(fitting[index % fitting.count].id), "quantity": .int(quantity)]
        }
        let result = try api.call(buyer, .post, "/v1/buyer/orders", [
            "currency": .string(currency), "lines": .array(items), "shipping_address": Self.address,
            "payment_terms": .string(terms), "po_number": "PO-DEMO",
        ])
        return result["orders"]?.arrayValue?.first?["id"]?.stringValue ?? ""
    }

    private func seller(_ email: String, _ orderID: String, _ action: String, _ body: JSON = [:]) throws {
        guard let client = clients[email] else { return }
        try api.call(client, .post, "/v1/seller/orders/\(orderID)/\(action)", body)
    }

    private func advance(_ email: String, _ orderID: String, to state: String) throws {
        try seller(email, orderID, "confirm")
        try payIfPrepaid(email, orderID)
        try seller(email, orderID, "ship", ["carrier": "DHL", "tracking_number": .string("DHL-\(orderID.suffix(8))")])
        if state == "delivered" { try seller(email, orderID, "deliver") }
    }

    /// A prepaid order ships only once paid: the operator records the buyer's bank transfer of what is due.
    private func payIfPrepaid(_ sellerEmail: String, _ orderID: String) throws {
        guard let operatorClient = clients[DemoData.operatorEmail], let client = clients[sellerEmail] else { return }
        let order = try api.call(client, .get, "/v1/seller/orders/\(orderID)")
        guard order["payment_terms"]?.stringValue == "prepaid", order["payment_status"]?.stringValue != "paid",
              let due = order["amount_due"] else { return }
        try api.call(operatorClient, .post, "/v1/admin/payments", [
            "order_id": .string(orderID), "amount": due, "method": "bank_transfer", "reference": .string("DEMO-WIRE-\(orderID.suffix(10))"),
        ])
    }

    @discardableResult
    private func quote(_ email: String, _ rfqID: String, _ itemID: String, currency: String, price: String, lead: Int) throws -> JSON {
        guard let client = clients[email] else { return .null }
        return try api.call(client, .post, "/v1/seller/rfqs/\(rfqID)/quotes", [
            "currency": .string(currency), "lines": [["item_id": .string(itemID), "unit_price": .string(price), "lead_time_days": .int(lead)]],
            "valid_until": .string(Timestamp.format(Date().addingTimeInterval(30 * 86_400))), "notes": "Price includes packaging.",
        ])
    }
}

import MarketCore
