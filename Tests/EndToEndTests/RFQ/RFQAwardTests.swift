import Foundation
import MarketCore
import Web
import XCTest

final class RFQAwardTests: XCTestCase {
    /// Item 1 to one supplier, item 2 to another: two orders at the quoted prices, the RFQ awarded.
    func testPerLineSplitAwardCreatesTwoOrders() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        try market.createFeeRule(admin, ["scope": "default", "percent": "10"])
        let alpha = try market.supplier(declaring: [bolts])
        let beta = try market.supplier(declaring: [bolts])
        let buyer = try market.signUp(.buyer)
        let rfq = try market.createRFQ(buyer, market.rfqBody(categoryID: bolts, quantities: [1000, 200], broadcast: true))
        let id = rfq["id"]?.stringValue ?? ""
        let items = itemIDs(rfq)
        let a = try market.quote(alpha, rfq: id, prices: [(items[0], "0.40"), (items[1], "3.00")], lead: 14,
                                 shipping: money("25.00", "USD"))
        let b = try market.quote(beta, rfq: id, prices: [(items[0], "0.45"), (items[1], "2.50")], lead: 7)
        XCTAssertEqual(a.status, 201, a.text)
        XCTAssertEqual(b.status, 201, b.text)

        // The same item twice, or an item the quote does not price, is refused before anything is ordered.
        var response = try buyer.client.post("/v1/buyer/rfqs/\(id)/award", json: [
            "awards": [["item_id": .string(items[0]), "quote_id": a.json["id"] ?? .null],
                       ["item_id": .string(items[0]), "quote_id": b.json["id"] ?? .null]],
        ])
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(errorFields(response), ["awards[1].item_id"])
        response = try buyer.client.post("/v1/buyer/rfqs/\(id)/award", json: ["quote_id": "quo_x", "awards": []])
        XCTAssertEqual(response.status, 422)

        response = try buyer.client.post("/v1/buyer/rfqs/\(id)/award", json: [
            "awards": [["item_id": .string(items[0]), "quote_id": a.json["id"] ?? .null],
                       ["item_id": .string(items[1]), "quote_id": b.json["id"] ?? .null]],
            "po_number": "PO-7781",
        ], headers: ["Idempotency-Key": "award-1"])
        XCTAssertEqual(response.status, 201, response.text)
        let orders = response.json["orders"]?.arrayValue ?? []
        XCTAssertEqual(orders.count, 2)
        let bySeller = Dictionary(uniqueKeysWithValues: orders.map { ($0["seller"]?["id"]?.stringValue ?? "", $0) })
        // Alpha: 1000 × 0.40 + shipping 25.00; beta: 200 × 2.50.
        XCTAssertEqual(bySeller[alpha.organizationID]?["total"], money("425.00", "USD"))
        XCTAssertEqual(bySeller[beta.organizationID]?["total"], money("500.00", "USD"))
        let alphaLine = bySeller[alpha.organizationID]?["lines"]?.arrayValue?.first
        XCTAssertEqual(alphaLine?["rfq_item_id"]?.stringValue, items[0])
        XCTAssertEqual(alphaLine?["line_total"], money("400.00", "USD"))
        XCTAssertEqual(bySeller[beta.organizationID]?["status"]?.stringValue, "placed")
        XCTAssertEqual(bySeller[beta.organizationID]?["po_number"]?.stringValue, "PO-7781")
        XCTAssertEqual(response.json["awards"]?.arrayValue?.count, 2)

        // The replay creates nothing more.
        let replay = try buyer.client.post("/v1/buyer/rfqs/\(id)/award", json: [
            "awards": [["item_id": .string(items[0]), "quote_id": a.json["id"] ?? .null],
                       ["item_id": .string(items[1]), "quote_id": b.json["id"] ?? .null]],
            "po_number": "PO-7781",
        ], headers: ["Idempotency-Key": "award-1"])
        XCTAssertEqual(replay.status, 201)
        XCTAssertEqual(try market.scalar("SELECT count(*) FROM orders", []), 2)

        let detail = try buyer.client.get("/v1/buyer/rfqs/\(id)").json
        XCTAssertEqual(detail["status"]?.stringValue, "awarded")
        XCTAssertEqual(detail["awards"]?.arrayValue?.count, 2)
        // Each supplier sees its own award only, and the orders.
        let alphaView = try alpha.client.get("/v1/seller/rfqs/\(id)").json
        XCTAssertEqual(alphaView["status"]?.stringValue, "awarded")
        XCTAssertEqual(alphaView["awarded_to_you"]?.arrayValue?.map { $0["item_id"] }, [.string(items[0])])
        XCTAssertEqual(try alpha.client.get("/v1/seller/orders").json["data"]?.arrayValue?.count, 1)

        // Awarded is final: no more quotes, awards or cancels.
        let late = try market.quote(beta, rfq: id, prices: [(items[0], "0.30")])
        XCTAssertEqual(late.status, 409)
        XCTAssertEqual(late.json["type"]?.stringValue.map { $0.hasSuffix("rfq_awarded") }, true)
        XCTAssertEqual(try buyer.client.post("/v1/buyer/rfqs/\(id)/award", json: ["quote_id": b.json["id"] ?? .null]).status, 409)
        XCTAssertEqual(try buyer.client.post("/v1/buyer/rfqs/\(id)/cancel", json: [:]).status, 409)
    }

    /// A whole quote on a listing goes through checkout like a cart: stock reserved, approval rules applied,
    /// priced in the RFQ currency at today's rate.
    func testWholeQuoteAwardReservesStockAndFollowsApprovalRules() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        try market.createFXRate(admin, base: "USD", quote: "EUR", rate: "0.8")
        let seller = try market.supplier(declaring: [bolts])
        let listing = try seller.client.post("/v1/seller/products", json: [
            "sku": "HB-M8", "title": ["en": "Hex bolt M8", "ko": "육각볼트 M8"], "category_id": .string(bolts), "unit": "piece",
            "currency": "USD", "unit_price": "1.00", "stock": 1000, "status": "active",
        ])
        XCTAssertEqual(listing.status, 201, listing.text)
        let productID = listing.json["id"]?.stringValue ?? ""
        let buyer = try market.signUp(.buyer)
        let rules = try buyer.client.put("/v1/buyer/approval-rules", json: [["min_total": money("100.00", "USD")]])
        XCTAssertEqual(rules.status, 200, rules.text)

        var body = market.rfqBody(categoryID: bolts, address: false).objectValue ?? JSONObject()
        body["items"] = [["product_id": .string(productID), "quantity": 600, "target_unit_price": "0.70"]]
        let rfq = try market.createRFQ(buyer, .object(body))
        let id = rfq["id"]?.stringValue ?? ""
        XCTAssertEqual(try seller.client.get("/v1/seller/rfqs/\(id)").json["items"]?.arrayValue?.first?["target_unit_price"],
                       "0.70")
        let quote = try market.quote(seller, rfq: id, currency: "EUR", prices: [(itemIDs(rfq)[0], "0.60")])
        XCTAssertEqual(quote.status, 201, quote.text)

        // The RFQ has no address: the award must bring one, in the delivery country.
        var response = try buyer.client.post("/v1/buyer/rfqs/\(id)/award", json: ["quote_id": quote.json["id"] ?? .null])
        XCTAssertEqual(errorFields(response), ["shipping_address"])
        let address: JSON = ["recipient": "Dock 4", "line1": "7 Port Road", "city": "Incheon", "country": "KR"]
        var elsewhere = address.objectValue ?? JSONObject()
        elsewhere["country"] = "JP"
        response = try buyer.client.post("/v1/buyer/rfqs/\(id)/award", json: [
            "quote_id": quote.json["id"] ?? .null, "shipping_address": .object(elsewhere)])
        XCTAssertEqual(errorFields(response), ["shipping_address.country"])

        response = try buyer.client.post("/v1/buyer/rfqs/\(id)/award", json: [
            "quote_id": quote.json["id"] ?? .null, "shipping_address": address])
        XCTAssertEqual(response.status, 201, response.text)
        let order = response.json["orders"]?.arrayValue?.first
        // 0.60 EUR at 1/0.8 = 0.750000 USD × 600 = 450.00 USD, above the 100.00 USD approval threshold.
        XCTAssertEqual(order?["total"], money("450.00", "USD"))
        XCTAssertEqual(order?["status"]?.stringValue, "pending_approval")
        XCTAssertEqual(order?["lines"]?.arrayValue?.first?["product_id"]?.stringValue, productID)
        XCTAssertEqual(try market.scalar("SELECT stock FROM products WHERE id = ?", [.text(productID)]), 400)
    }

    func testCancelClosesWithoutAward() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        let supplier = try market.supplier(declaring: [bolts])
        let buyer = try market.signUp(.buyer)
        let rfq = try market.createRFQ(buyer, market.rfqBody(categoryID: bolts, broadcast: true))
        let id = rfq["id"]?.stringValue ?? ""
        let quote = try market.quote(supplier, rfq: id, prices: [(itemIDs(rfq)[0], "1.00")])
        XCTAssertEqual(quote.status, 201)

        let approver = try market.addUser(to: buyer, roles: [.approver])
        XCTAssertEqual(try approver.client.post("/v1/buyer/rfqs/\(id)/cancel", json: [:]).status, 403)
        let response = try buyer.client.post("/v1/buyer/rfqs/\(id)/cancel", json: ["reason": "Project postponed"])
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["status"]?.stringValue, "cancelled")
        XCTAssertEqual(response.json["cancel_reason"]?.stringValue, "Project postponed")

        let late = try market.quote(supplier, rfq: id, prices: [(itemIDs(rfq)[0], "0.90")])
        XCTAssertEqual(late.status, 409)
        XCTAssertEqual(late.json["type"]?.stringValue.map { $0.hasSuffix("rfq_cancelled") }, true)
        XCTAssertEqual(try buyer.client.post("/v1/buyer/rfqs/\(id)/cancel", json: [:]).status, 409)
        XCTAssertEqual(try buyer.client.post("/v1/buyer/rfqs/\(id)/award", json: ["quote_id": quote.json["id"] ?? .null]).status, 409)
        XCTAssertEqual(try supplier.client.get("/v1/seller/rfqs/\(id)").json["status"]?.stringValue, "cancelled")
        XCTAssertEqual(try market.scalar("SELECT count(*) FROM orders", []), 0)
    }
}
