import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Contract price lists: who sees which price, that the price shown is the price charged, and how
/// overlapping, discounted, tiered and expired lists resolve (`BuyerPricing`).
final class PriceListTests: XCTestCase {
    func testContractPriceSeenByOneCompanyNotAnotherAndChargedAtCheckout() throws {
        let f = try OrderFixture()
        let other = try f.market.signUp(.buyer)
        let bolts = try f.listing(price: "10.00", stock: 1000, tiers: [(100, "9.00")])
        try f.createPriceList(buyers: [f.buyer.organizationID], entries: [["product_id": .string(bolts), "unit_price": "8.40"]])

        // Search and product page: the contract buyer sees its price, the other buyer and anonymous the list.
        let mine = try f.market.search(f.buyer.client, [("q", "bolt")])
        let hit = mine.json["data"]?[at: 0]
        XCTAssertEqual(hit?["unit_price"]?["amount"], "8.40")
        XCTAssertEqual(hit?["price_source"], "contract")
        XCTAssertEqual(hit?["list_unit_price"]?["amount"], "10.00")
        XCTAssertEqual(hit?["price_tiers"]?.arrayValue?.count, 0, "a fixed contract price has no tiers of its own")
        for client in [other.client, f.market.client] {
            let theirs = try f.market.search(client, [("q", "bolt")]).json["data"]?[at: 0]
            XCTAssertEqual(theirs?["unit_price"]?["amount"], "10.00")
            XCTAssertEqual(theirs?["price_source"], "list")
            XCTAssertNil(theirs?["list_unit_price"])
        }
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, bolts, quantity: 150), "8.40")
        XCTAssertEqual(try f.quotedPrice(other.client, bolts, quantity: 150), "9.00")
        XCTAssertEqual(try f.quotedPrice(f.market.client, bolts, quantity: 150), "9.00")
        let page = try f.buyer.client.get("/v1/catalog/products/\(bolts)?quantity=150")
        XCTAssertEqual(page.json["quote"]?["price_source"], "contract")
        XCTAssertEqual(page.json["quote"]?["line_total"], OrderFixture.money("1260.00", "USD"))

        // Checkout charges exactly what was shown.
        let order = try f.placeOrder(bolts, quantity: 150)
        XCTAssertEqual(order["lines"]?[at: 0]?["unit_price"], OrderFixture.money("8.40", "USD"))
        XCTAssertEqual(order["total"], OrderFixture.money("1260.00", "USD"))
        XCTAssertEqual(try f.chargedPrice(bolts, quantity: 150, by: other), "9.00")
    }

    func testOverlappingListsResolveToTheLowestPerQuantity() throws {
        let f = try OrderFixture()
        let bolts = try f.listing(price: "10.00", stock: 1000)
        let now = f.market.clock.now()
        try f.createPriceList(name: "Annual", buyers: [f.buyer.organizationID], entries: [
            ["product_id": .string(bolts), "unit_price": "9.00", "price_tiers": [["min_quantity": 500, "unit_price": "7.00"]]],
        ])
        try f.createPriceList(name: "Promotion", buyers: [f.buyer.organizationID], from: now.addingTimeInterval(-60),
                              to: now.addingTimeInterval(3600), entries: [["product_id": .string(bolts), "discount_percent": "15"]])
        // 10 units: min(9.00, 8.50) = 8.50; 500 units: min(7.00, 8.50) = 7.00.
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, bolts, quantity: 10), "8.50")
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, bolts, quantity: 500), "7.00")
        let hit = try f.market.search(f.buyer.client, [("q", "bolt")]).json["data"]?[at: 0]
        XCTAssertEqual(hit?["unit_price"]?["amount"], "8.50")
        XCTAssertEqual(hit?["price_tiers"], [["min_quantity": 500, "unit_price": "7.00"]], "the buyer's effective schedule")
        XCTAssertEqual(try f.chargedPrice(bolts, quantity: 10, by: f.buyer), "8.50")
        XCTAssertEqual(try f.chargedPrice(bolts, quantity: 500, by: f.buyer), "7.00")

        // When the promotion ends (valid_to is exclusive), the annual price is back.
        f.market.clock.advance(seconds: 3600)
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, bolts, quantity: 10), "9.00")
        XCTAssertEqual(try f.chargedPrice(bolts, quantity: 10, by: f.buyer), "9.00")
    }

    func testDiscountPercentFollowsListingTiersOrItsOwn() throws {
        let f = try OrderFixture()
        let tiered = try f.listing(price: "10.00", stock: 1000, tiers: [(100, "8.00"), (1000, "6.00")])
        let own = try f.listing(price: "20.00", stock: 1000, tiers: [(50, "15.00")])
        try f.createPriceList(buyers: [f.buyer.organizationID], entries: [
            ["product_id": .string(tiered), "discount_percent": "12.5"],
            ["product_id": .string(own), "discount_percent": "10", "price_tiers": [["min_quantity": 200, "unit_price": "14.00"]]],
        ])
        // A discount without tiers of its own applies to the listing's tier price.
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, tiered, quantity: 10), "8.75")
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, tiered, quantity: 100), "7.00")
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, tiered, quantity: 1000), "5.25")
        // With tiers of its own: the discounted base (18.00), then the entry's tiers; the listing's 50+ tier is not used.
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, own, quantity: 60), "18.00")
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, own, quantity: 200), "14.00")
        let hit = try f.buyer.client.get("/v1/catalog/products/\(tiered)").json
        XCTAssertEqual(hit["unit_price"]?["amount"], "8.75")
        XCTAssertEqual(hit["price_tiers"], [["min_quantity": 100, "unit_price": "7.00"], ["min_quantity": 1000, "unit_price": "5.25"]])
        XCTAssertEqual(hit["list_unit_price"]?["amount"], "10.00")

        let orders = try f.placeOrders([(tiered, 100), (own, 200)])
        XCTAssertEqual(orders.first?["lines"]?[at: 0]?["unit_price"]?["amount"], "7.00")
        XCTAssertEqual(orders.first?["lines"]?[at: 1]?["unit_price"]?["amount"], "14.00")
        XCTAssertEqual(orders.first?["total"], OrderFixture.money("3500.00", "USD"))
    }

    /// A buyer on many lists and a listing on many buyers' lists: whichever way `BuyerPricing.contracts`
    /// reads them (buyer first, listing first, or listing first abandoned for buyer first), the same prices.
    func testManyListsAndPopularListingsPriceAlike() throws {
        let f = try OrderFixture()
        let p1 = try f.listing(price: "10.00")
        let p2 = try f.listing(price: "10.00")
        let p3 = try f.listing(price: "10.00")
        let me = f.buyer.organizationID
        let now = f.market.clock.now()
        try f.createPriceList(buyers: [me], entries: [["product_id": .string(p1), "unit_price": "9.00"]])
        try f.createPriceList(buyers: [me], entries: [["product_id": .string(p1), "unit_price": "8.50"]])
        try f.createPriceList(buyers: [me], entries: [["product_id": .string(p2), "unit_price": "7.00"]])
        try f.createPriceList(buyers: [me], from: now.addingTimeInterval(-7200), to: now.addingTimeInterval(-60),
                              entries: [["product_id": .string(p3), "unit_price": "6.00"]])
        try f.createPriceList(buyers: [me], entries: [["product_id": .string(p3), "unit_price": "6.50"]])
        var others: [TestMarket.Account] = []
        for _ in 0..<6 {
            let other = try f.market.signUp(.buyer)
            others.append(other)
            try f.createPriceList(buyers: [other.organizationID], entries: [["product_id": .string(p1), "unit_price": "5.00"]])
        }
        // A page of three listings with 11 entries, for a buyer on 5 lists: listing first.
        let hits = try f.market.search(f.buyer.client, [("q", "bolt")]).json["data"]?.arrayValue ?? []
        var prices: [String: String] = [:]
        for hit in hits { prices[hit["id"]?.stringValue ?? ""] = hit["unit_price"]?["amount"]?.stringValue }
        XCTAssertEqual(prices, [p1: "8.50", p2: "7.00", p3: "6.50"])
        // One listing on 8 lists, more than 5 × 1: listing first gives way to buyer first.
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, p1, quantity: 1), "8.50")
        XCTAssertEqual(try f.chargedPrice(p1, quantity: 1, by: f.buyer), "8.50")
        // A buyer on one list: buyer first.
        XCTAssertEqual(try f.quotedPrice(others[0].client, p1, quantity: 1), "5.00")
        XCTAssertEqual(try f.quotedPrice(f.market.client, p1, quantity: 1), "10.00")
    }

    func testListsOutsideTheirValidityAreIgnored() throws {
        let f = try OrderFixture()
        let bolts = try f.listing(price: "10.00", stock: 100)
        let now = f.market.clock.now()
        try f.createPriceList(name: "Expired", buyers: [f.buyer.organizationID], from: now.addingTimeInterval(-30 * 86_400),
                              to: now.addingTimeInterval(-86_400), entries: [["product_id": .string(bolts), "unit_price": "5.00"]])
        let future = try f.createPriceList(name: "Next quarter", buyers: [f.buyer.organizationID], from: now.addingTimeInterval(3600),
                                           entries: [["product_id": .string(bolts), "unit_price": "6.00"]])
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, bolts, quantity: 1), "10.00")
        XCTAssertEqual(try f.chargedPrice(bolts, quantity: 1, by: f.buyer), "10.00")
        let read = try f.supplier.client.get("/v1/seller/price-lists/\(future)")
        XCTAssertEqual(read.json["in_force"], false)

        f.market.clock.advance(seconds: 3600)
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, bolts, quantity: 1), "6.00", "valid_from is inclusive")
        XCTAssertEqual(try f.supplier.client.get("/v1/seller/price-lists/\(future)").json["in_force"], true)
    }

    func testPriceListValidationOwnershipAndConcurrency() throws {
        let f = try OrderFixture()
        let rival = try f.market.activeSupplier()
        let mine = try f.listing(price: "10.00")
        let theirs = try f.listing(rival, price: "10.00")

        let bad = try f.priceList(buyers: [f.buyer.organizationID, rival.organizationID], entries: [
            ["product_id": .string(theirs), "unit_price": "8.00"],
            ["product_id": .string(mine), "unit_price": "8.00", "discount_percent": "5"],
            ["product_id": .string(mine)],
            ["product_id": .string(mine), "discount_percent": "100"],
        ])
        XCTAssertEqual(bad.status, 422, bad.text)
        let fields = Set(OrderFixture.fields(bad))
        XCTAssertTrue(fields.isSuperset(of: ["entries[1].discount_percent", "entries[2].unit_price", "entries[3].discount_percent"]), "\(fields)")
        let refs = try f.priceList(buyers: [f.buyer.organizationID, rival.organizationID], entries: [
            ["product_id": .string(theirs), "unit_price": "8.00"], ["product_id": .string(mine), "unit_price": "8.00"],
        ])
        XCTAssertEqual(refs.status, 422, refs.text)
        XCTAssertEqual(Set(OrderFixture.fields(refs)), ["entries[0].product_id", "buyer_ids[1]"])
        let backwards = try f.priceList(buyers: [], from: f.market.clock.now(), to: f.market.clock.now().addingTimeInterval(-1),
                                        entries: [["product_id": .string(mine), "unit_price": "8.00"]])
        XCTAssertEqual(OrderFixture.fields(backwards), ["valid_to"])

        // Idempotent creation.
        let body: JSON = [
            "name": "Key account", "buyer_ids": [.string(f.buyer.organizationID)], "valid_from": "2026-01-01T00:00:00Z",
            "entries": [["product_id": .string(mine), "unit_price": "8.00"]],
        ]
        var headers = HTTPHeaders()
        headers.set("Idempotency-Key", "pl-1")
        let created = try f.supplier.client.post("/v1/seller/price-lists", json: body, headers: headers)
        XCTAssertEqual(created.status, 201, created.text)
        let replay = try f.supplier.client.post("/v1/seller/price-lists", json: body, headers: headers)
        XCTAssertEqual(replay.json["id"], created.json["id"])
        let id = created.json["id"]?.stringValue ?? ""
        XCTAssertEqual(try f.supplier.client.get("/v1/seller/price-lists").json["data"]?.arrayValue?.count, 1)
        XCTAssertEqual(created.json["entries"]?[at: 0]?["sku"]?.stringValue?.hasPrefix("SKU-"), true)

        // Another supplier's list is a 404; a buyer may not use the route.
        XCTAssertEqual(try rival.client.get("/v1/seller/price-lists/\(id)").status, 404)
        XCTAssertEqual(try rival.client.patch("/v1/seller/price-lists/\(id)", json: ["name": "mine now"]).status, 404)
        XCTAssertEqual(try rival.client.send(.delete, "/v1/seller/price-lists/\(id)").status, 404)
        XCTAssertEqual(try f.buyer.client.get("/v1/seller/price-lists").status, 403)

        // PATCH with If-Match: the current tag wins once, the stale one gets 412.
        var ifMatch = HTTPHeaders()
        ifMatch.set("If-Match", "\"v1\"")
        let changed = try f.supplier.client.patch("/v1/seller/price-lists/\(id)", json: ["entries": [["product_id": .string(mine), "unit_price": "7.50"]]], headers: ifMatch)
        XCTAssertEqual(changed.status, 200, changed.text)
        XCTAssertEqual(changed.json["version"], 2)
        XCTAssertEqual(changed.headers["ETag"], "\"v2\"")
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, mine, quantity: 1), "7.50")
        XCTAssertEqual(try f.supplier.client.patch("/v1/seller/price-lists/\(id)", json: ["name": "x"], headers: ifMatch).status, 412)

        // Deleting it restores the list price at once.
        XCTAssertEqual(try f.supplier.client.send(.delete, "/v1/seller/price-lists/\(id)").status, 204)
        XCTAssertEqual(try f.supplier.client.get("/v1/seller/price-lists/\(id)").status, 404)
        XCTAssertEqual(try f.quotedPrice(f.buyer.client, mine, quantity: 1), "10.00")
    }

    func testRestrictedListingIsInvisibleToOthersEverywhere() throws {
        let f = try OrderFixture()
        let other = try f.market.signUp(.buyer)
        let category = try f.market.category("Gaskets", "개스킷")
        let secret = try f.listing(price: "4.00", category: category, visibleTo: [f.buyer.organizationID])
        try f.createPriceList(buyers: [other.organizationID], entries: [["product_id": .string(secret), "unit_price": "1.00"]])

        for client in [other.client, f.market.client] {
            XCTAssertEqual(try client.get("/v1/catalog/products/\(secret)").status, 404)
            let words = try f.market.search(client, [("q", "bolt")])
            XCTAssertEqual(f.market.ids(words), [])
            XCTAssertNil(f.market.facets(words)[category])
            XCTAssertNil(f.market.facets(try f.market.search(client, []))[category])
        }
        // A price list does not open a restricted listing to its buyers.
        let refused = try f.checkout([(secret, 1)], by: other)
        XCTAssertEqual(refused.status, 422)
        XCTAssertEqual(OrderFixture.fields(refused), ["lines[0].product_id"])
        XCTAssertEqual(f.market.ids(try f.market.search(f.buyer.client, [("q", "bolt")])), [secret])
        XCTAssertEqual(f.market.facets(try f.market.search(f.buyer.client, []))[category], 1)
        XCTAssertEqual(try f.chargedPrice(secret, quantity: 1, by: f.buyer), "4.00")
    }
}
