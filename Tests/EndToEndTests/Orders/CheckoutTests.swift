import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// `POST /v1/buyer/orders`: pricing, splitting, conversion, commission, validation, idempotency.
final class CheckoutTests: XCTestCase {
    func testTierPricesAndOneOrderPerSupplier() throws {
        let f = try OrderFixture()
        let other = try f.market.activeSupplier(name: "Second Supplier")
        let bolts = try f.listing(price: "10.00", stock: 500, tiers: [(100, "8.10"), (1000, "7.50")])
        let nuts = try f.listing(other, price: "2.5", stock: 10)
        let response = try f.checkout([(bolts, 120), (nuts, 3)], po: "PO-42")
        XCTAssertEqual(response.status, 201, response.text)
        let checkoutID = response.json["checkout_id"]?.stringValue
        XCTAssertNotNil(checkoutID)
        let orders = response.json["orders"]?.arrayValue ?? []
        XCTAssertEqual(orders.count, 2)

        let first = orders[0]
        XCTAssertEqual(first["seller"]?["id"]?.stringValue, f.supplier.organizationID)
        XCTAssertEqual(first["checkout_id"]?.stringValue, checkoutID)
        XCTAssertEqual(first["status"], "placed")
        XCTAssertEqual(first["payment_status"], "unpaid")
        XCTAssertEqual(first["payment_terms"], "prepaid")
        XCTAssertEqual(first["po_number"], "PO-42")
        XCTAssertEqual(first["lines"]?[at: 0]?["unit_price"], OrderFixture.money("8.10", "USD"))  // the 100+ tier
        XCTAssertEqual(first["lines"]?[at: 0]?["line_total"], OrderFixture.money("972.00", "USD"))
        XCTAssertEqual(first["total"], OrderFixture.money("972.00", "USD"))
        XCTAssertNil(first["commission"], "the buyer never sees the supplier's commission")
        XCTAssertEqual(first["shipping_address"]?["city"], "Seoul")
        XCTAssertEqual(first["status_history"]?.arrayValue?.count, 1)

        let second = orders[1]
        XCTAssertEqual(second["seller"]?["id"]?.stringValue, other.organizationID)
        XCTAssertEqual(second["total"], OrderFixture.money("7.50", "USD"))
        XCTAssertNotEqual(first["tracking_token"], second["tracking_token"])

        XCTAssertEqual(try f.stock(bolts), 380)
        XCTAssertEqual(try f.stock(nuts), 7)
        let list = try f.buyer.client.get("/v1/buyer/orders")
        XCTAssertEqual(list.json["data"]?.arrayValue?.count, 2)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/orders?status=placed").json["data"]?.arrayValue?.count, 2)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/orders?status=shipped").json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/orders?status=bogus").status, 422)
    }

    func testPaginationOfOrderLists() throws {
        let f = try OrderFixture()
        let product = try f.listing(stock: 100)
        for _ in 0..<5 { _ = try f.placeOrder(product, quantity: 1) }
        var seen = Set<String>()
        var cursor: String?
        repeat {
            let page = try f.buyer.client.get("/v1/buyer/orders?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
            XCTAssertEqual(page.status, 200)
            for item in page.json["data"]?.arrayValue ?? [] { seen.insert(item["id"]?.stringValue ?? "") }
            cursor = page.json["next_cursor"]?.stringValue
        } while cursor != nil
        XCTAssertEqual(seen.count, 5)
        XCTAssertEqual(try f.supplier.client.get("/v1/seller/orders?limit=200").json["data"]?.arrayValue?.count, 5)
    }

    func testBelowMinimumOrderQuantityIs422NamingTheLine() throws {
        let f = try OrderFixture()
        let ok = try f.listing()
        let bulk = try f.listing(minimum: 10)
        let response = try f.checkout([(ok, 1), (bulk, 5)])
        XCTAssertEqual(response.status, 422, response.text)
        XCTAssertEqual(OrderFixture.fields(response), ["lines[1].quantity"])
        XCTAssertEqual(try f.stock(ok), 100, "nothing reserved")
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/orders").json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(try f.checkout([(bulk, 10)]).status, 201)
    }

    func testUnknownInactiveAndRestrictedListingsAre422NamingEachLine() throws {
        let f = try OrderFixture()
        let otherBuyer = try f.market.signUp(.buyer)
        let draft = try f.listing(status: "draft")
        let restricted = try f.listing(visibleTo: [otherBuyer.organizationID])
        let mine = try f.listing(visibleTo: [f.buyer.organizationID])
        let suspended = try f.market.activeSupplier()
        let ofSuspended = try f.listing(suspended)
        try f.market.setStatus(suspended.organizationID, .suspended)

        let response = try f.checkout([("prd_nope", 1), (draft, 1), (restricted, 1), (ofSuspended, 1), (mine, 1)])
        XCTAssertEqual(response.status, 422, response.text)
        XCTAssertEqual(OrderFixture.fields(response),
                       ["lines[0].product_id", "lines[1].product_id", "lines[2].product_id", "lines[3].product_id"])
        XCTAssertEqual(try f.checkout([(mine, 1)]).status, 201, "a listing restricted to this buyer can be ordered")

        let duplicate = try f.checkout([(mine, 1), (mine, 2)])
        XCTAssertEqual(duplicate.status, 422)
        XCTAssertEqual(OrderFixture.fields(duplicate), ["lines[1].product_id"])
    }

    func testRequestValidation() throws {
        let f = try OrderFixture()
        let product = try f.listing()
        var response = try f.buyer.client.post("/v1/buyer/orders", json: [
            "currency": "XXZ", "lines": [["product_id": .string(product), "quantity": 0]],
            "shipping_address": ["recipient": "Kim", "line1": "12 Teheran-ro", "country": "kr", "favourite_colour": "blue"],
            "payment_terms": "net_90",
        ])
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(Set(OrderFixture.fields(response)), [
            "currency", "lines[0].quantity", "shipping_address.favourite_colour", "shipping_address.city",
            "shipping_address.country", "payment_terms",
        ])
        response = try f.buyer.client.post("/v1/buyer/orders", json: ["currency": "USD", "lines": [], "shipping_address": OrderFixture.address])
        XCTAssertEqual(OrderFixture.fields(response), ["lines"])
        response = try f.buyer.client.send(.post, "/v1/buyer/orders", headers: ["Content-Type": "application/json"], body: Array("{".utf8))
        XCTAssertEqual(response.status, 400)

        // Roles: an approver-only user cannot check out; a supplier cannot either.
        let approver = try f.market.addUser(to: f.buyer, roles: [.approver])
        XCTAssertEqual(try f.checkout([(product, 1)], by: approver).status, 403)
        XCTAssertEqual(try f.checkout([(product, 1)], by: f.supplier).status, 403)
        XCTAssertEqual(try f.market.client.post("/v1/buyer/orders", json: [:]).status, 401)
        let purchaser = try f.market.addUser(to: f.buyer, roles: [.purchaser])
        XCTAssertEqual(try f.checkout([(product, 1)], by: purchaser).status, 201)
    }

    func testNetTermsNeedTheOperatorsAllowance() throws {
        let f = try OrderFixture()
        let product = try f.listing()
        let response = try f.checkout([(product, 1)], terms: "net_30")
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(OrderFixture.fields(response), ["payment_terms"])
        try f.allowCredit(["prepaid", "net_30"], limit: OrderFixture.money("1000.00", "USD"))
        XCTAssertEqual(try f.checkout([(product, 1)], terms: "net_30").status, 201)
        XCTAssertEqual(try f.checkout([(product, 1)], terms: "net_60").status, 422)
    }

    func testConvertsAtTheRateInForceAndKeepsIt() throws {
        let f = try OrderFixture()
        let euro = try f.market.activeSupplier(currency: "EUR")
        let product = try f.listing(euro, price: "9.00", currency: "EUR", stock: 1000)
        // No rate yet: the order currency cannot be reached.
        let missing = try f.checkout([(product, 100)], currency: "USD")
        XCTAssertEqual(missing.status, 422)
        XCTAssertEqual(OrderFixture.fields(missing), ["currency"])

        let rateID = try f.market.createFXRate(f.admin, base: "USD", quote: "EUR", rate: "0.9").json["id"]?.stringValue
        let order = try f.placeOrder(product, quantity: 100, currency: "USD")
        let line = order["lines"]?[at: 0]
        XCTAssertEqual(line?["source_unit_price"], OrderFixture.money("9.00", "EUR"))
        XCTAssertEqual(line?["unit_price"], OrderFixture.money("10.00", "USD"))  // 9 / 0.9, half-even at 6 decimals
        XCTAssertEqual(line?["line_total"], OrderFixture.money("1000.00", "USD"))
        XCTAssertEqual(line?["fx"]?["method"], "inverse")
        XCTAssertEqual(line?["fx"]?["rate_ids"], JSON.array([JSON.optional(rateID)]))
        XCTAssertEqual(line?["fx"]?["rate"]?.stringValue?.hasPrefix("1.111111111"), true)
        XCTAssertEqual(order["fx"]?[at: 0]?["from"], "EUR")
        XCTAssertEqual(order["total"], OrderFixture.money("1000.00", "USD"))

        // The supplier sees the locked payout rate (USD → its EUR payout currency, direct 0.9).
        let orderID = order["id"]?.stringValue ?? ""
        let sellerView = try euro.client.get("/v1/seller/orders/\(orderID)")
        XCTAssertEqual(sellerView.json["payout_fx"]?["method"], "direct")
        XCTAssertEqual(sellerView.json["payout_fx"]?["rate"], "0.9")

        // A later rate never changes a placed order.
        f.market.clock.advance(seconds: 60)
        try f.market.createFXRate(f.admin, base: "USD", quote: "EUR", rate: "0.8")
        let again = try f.buyer.client.get("/v1/buyer/orders/\(orderID)")
        XCTAssertEqual(again.json["total"], OrderFixture.money("1000.00", "USD"))
        XCTAssertEqual(again.json["lines"]?[at: 0]?["fx"]?["rate_ids"], JSON.array([JSON.optional(rateID)]))
        let newer = try f.placeOrder(product, quantity: 100, currency: "USD")
        XCTAssertEqual(newer["total"], OrderFixture.money("1125.00", "USD"))  // 9 / 0.8 = 11.25
    }

    func testCrossRateThroughTheBaseCurrency() throws {
        let f = try OrderFixture()
        let korean = try f.market.activeSupplier(currency: "KRW")
        let product = try f.listing(korean, price: "13500", currency: "KRW", stock: 10)
        try f.market.createFXRate(f.admin, base: "USD", quote: "KRW", rate: "1350")
        try f.market.createFXRate(f.admin, base: "USD", quote: "EUR", rate: "0.9")
        let order = try f.placeOrder(product, quantity: 3, currency: "EUR")
        let fx = order["lines"]?[at: 0]?["fx"]
        XCTAssertEqual(fx?["method"], "cross")
        XCTAssertEqual(fx?["via"], "USD")
        XCTAssertEqual(fx?["rate_ids"]?.arrayValue?.count, 2)
        // 13500 KRW = 10 USD = 9.00 EUR per unit.
        XCTAssertEqual(order["lines"]?[at: 0]?["unit_price"], OrderFixture.money("9.00", "EUR"))
        XCTAssertEqual(order["total"], OrderFixture.money("27.00", "EUR"))
    }

    func testCommissionIsFrozenOnEachLine() throws {
        let f = try OrderFixture()
        let category = try f.market.createCategory(f.admin, en: "Fasteners", ko: "체결류")
        try f.market.createFeeRule(f.admin, ["scope": "default", "percent": "10"])
        let sellerRule = try f.market.createFeeRule(f.admin, [
            "scope": "seller_category", "seller_id": .string(f.supplier.organizationID), "category_id": .string(category),
            "percent": "7", "fixed_fee": OrderFixture.money("1.00", "USD"),
        ]).json["id"]?.stringValue
        let bolts = try f.listing(price: "3.35", category: category)
        let plain = try f.listing(price: "2.00")
        let order = try f.placeOrder(bolts, quantity: 3)
        let orderID = order["id"]?.stringValue ?? ""

        let view = try f.supplier.client.get("/v1/seller/orders/\(orderID)").json
        // 3 × 3.35 = 10.05; 7 % = 0.7035 → 0.70 (half-even); plus the 1.00 fixed fee once.
        XCTAssertEqual(view["lines"]?[at: 0]?["commission"]?["rule_id"]?.stringValue, sellerRule)
        XCTAssertEqual(view["lines"]?[at: 0]?["commission"]?["percent"], "7")
        XCTAssertEqual(view["lines"]?[at: 0]?["commission"]?["amount"], OrderFixture.money("0.70", "USD"))
        XCTAssertEqual(view["commission"]?["fixed_fee"], OrderFixture.money("1.00", "USD"))
        XCTAssertEqual(view["commission"]?["total"], OrderFixture.money("1.70", "USD"))

        // A later rule does not touch it; the default rule prices a line without category.
        f.market.clock.advance(seconds: 10)
        try f.market.createFeeRule(f.admin, ["scope": "seller", "seller_id": .string(f.supplier.organizationID), "percent": "20"])
        let again = try f.supplier.client.get("/v1/seller/orders/\(orderID)").json
        XCTAssertEqual(again["commission"]?["total"], OrderFixture.money("1.70", "USD"))
        let later = try f.placeOrder(plain, quantity: 1)
        let laterView = try f.supplier.client.get("/v1/seller/orders/\(later["id"]?.stringValue ?? "")").json
        XCTAssertEqual(laterView["lines"]?[at: 0]?["commission"]?["amount"], OrderFixture.money("0.40", "USD"))
    }

    func testFixedFeeNeverExceedsTheOrderTotal() throws {
        let f = try OrderFixture()
        try f.market.createFeeRule(f.admin, ["scope": "default", "percent": "10", "fixed_fee": OrderFixture.money("5.00", "USD")])
        let cheap = try f.listing(price: "1.00")
        let order = try f.placeOrder(cheap, quantity: 2)
        let view = try f.supplier.client.get("/v1/seller/orders/\(order["id"]?.stringValue ?? "")").json
        XCTAssertEqual(view["total"], OrderFixture.money("2.00", "USD"))
        XCTAssertEqual(view["commission"]?["total"], OrderFixture.money("2.00", "USD"))
        XCTAssertEqual(view["commission"]?["fixed_fee"], OrderFixture.money("1.80", "USD"))
    }

    func testIdempotencyKeyReplaysAndRefusesADifferentBody() throws {
        let f = try OrderFixture()
        let product = try f.listing(stock: 10)
        let first = try f.checkout([(product, 2)], key: "order-7f3a")
        XCTAssertEqual(first.status, 201)
        let replay = try f.checkout([(product, 2)], key: "order-7f3a")
        XCTAssertEqual(replay.status, 201)
        XCTAssertEqual(replay.body, first.body, "the first answer, byte for byte")
        XCTAssertEqual(replay.headers["Idempotent-Replayed"], "true")
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/orders").json["data"]?.arrayValue?.count, 1)
        XCTAssertEqual(try f.stock(product), 8, "stock taken once")

        let conflicting = try f.checkout([(product, 3)], key: "order-7f3a")
        XCTAssertEqual(conflicting.status, 422)
        XCTAssertEqual(conflicting.json["type"]?.stringValue?.hasSuffix("idempotency_key_reused"), true)
        XCTAssertEqual(try f.stock(product), 8)

        // A failed checkout does not burn the key: a corrected retry runs.
        let short = try f.checkout([(product, 50)], key: "order-8b1c")
        XCTAssertEqual(short.status, 409)
        XCTAssertEqual(try f.checkout([(product, 50)], key: "order-8b1c").status, 409)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/orders").json["data"]?.arrayValue?.count, 1)
    }

    func testInsufficientStockIs409AndNothingIsReserved() throws {
        let f = try OrderFixture()
        let other = try f.market.activeSupplier()
        let plenty = try f.listing(stock: 100)
        let scarce = try f.listing(other, stock: 4)
        let response = try f.checkout([(plenty, 10), (scarce, 5)])
        XCTAssertEqual(response.status, 409, response.text)
        XCTAssertEqual(response.json["type"]?.stringValue?.hasSuffix("insufficient_stock"), true)
        XCTAssertEqual(OrderFixture.fields(response), ["lines[1].quantity"])
        XCTAssertEqual(try f.stock(plenty), 100, "all or nothing: the first supplier's order was not written either")
        XCTAssertEqual(try f.stock(scarce), 4)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/orders").json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(try f.checkout([(plenty, 10), (scarce, 4)]).status, 201)
        XCTAssertEqual(try f.stock(scarce), 0)
    }
}
