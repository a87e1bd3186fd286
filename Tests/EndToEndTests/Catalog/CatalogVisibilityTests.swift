import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Who sees what in the catalog: restricted listings, drafts, suppliers not (or no longer) active; the
/// product page with tier and converted prices; the public seller profile.
final class CatalogVisibilityTests: XCTestCase {
    func testRestrictedListingIsSeenOnlyByTheChosenBuyer() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let chosen = try market.signUp(.buyer)
        let other = try market.signUp(.buyer)
        let category = try market.category("Seals", "씰")
        let otherCategory = try market.category("Pipes", "파이프")
        let open = try market.createListing(supplier, ["title": ["en": "Rubber seal"], "category_id": .string(otherCategory)])["id"]?.stringValue ?? ""
        let secret = try market.createListing(supplier, [
            "title": ["en": "Contract seal"], "category_id": .string(category),
            "visible_to_buyer_ids": .array([.string(chosen.organizationID)]),
        ])["id"]?.stringValue ?? ""

        for (client, name) in [(market.client, "anonymous"), (other.client, "other buyer"), (supplier.client, "a supplier")] {
            let words = try market.search(client, [("q", "seal")])
            XCTAssertEqual(market.ids(words), [open], name)
            XCTAssertNil(market.facets(words)[category], name)
            XCTAssertNil(market.facets(try market.search(client, []))[category], "\(name): browse facets")
            XCTAssertEqual(market.ids(try market.search(client, [("category_id", category)])), [], name)
            XCTAssertEqual(try client.get("/v1/catalog/products/\(secret)").status, 404, name)
        }
        let words = try market.search(chosen.client, [("q", "seal")])
        XCTAssertEqual(Set(market.ids(words)), [open, secret])
        XCTAssertEqual(market.facets(words)[category], 1)
        XCTAssertEqual(market.facets(try market.search(chosen.client, []))[category], 1, "browse facets add the buyer's restricted listings")
        let page = try chosen.client.get("/v1/catalog/products/\(secret)")
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.json["restricted"], .bool(true))

        // Opening it to everyone.
        XCTAssertEqual(try supplier.client.patch("/v1/seller/products/\(secret)", json: ["visible_to_buyer_ids": .null]).status, 200)
        XCTAssertEqual(try other.client.get("/v1/catalog/products/\(secret)").status, 200)
        XCTAssertEqual(market.facets(try market.search([]))[category], 1)
    }

    func testOnlyActiveListingsOfActiveSuppliersAreListed() throws {
        let market = try TestMarket()
        let pending = try market.signUp(.supplier)
        let supplier = try market.activeSupplier()
        let waiting = try market.createListing(pending, ["title": ["en": "Early widget"]])["id"]?.stringValue ?? ""
        let live = try market.createListing(supplier, ["title": ["en": "Live widget"]])["id"]?.stringValue ?? ""
        let draft = try market.createListing(supplier, ["title": ["en": "Draft widget"], "status": "draft"])["id"]?.stringValue ?? ""

        XCTAssertEqual(try market.searchIDs([("q", "widget")]), [live])
        XCTAssertEqual(try market.searchIDs([]), [live])
        XCTAssertEqual(market.facets(try market.search([])).count, 0, "no categories")
        XCTAssertEqual(try market.client.get("/v1/catalog/products/\(waiting)").status, 404)
        XCTAssertEqual(try market.client.get("/v1/catalog/products/\(draft)").status, 404)
        XCTAssertEqual(try market.client.get("/v1/catalog/sellers/\(pending.organizationID)").status, 404)

        // Approval lists the supplier's listings; suspension hides them again (triggers on the status).
        try market.setStatus(pending.organizationID, .active)
        XCTAssertEqual(Set(try market.searchIDs([("q", "widget")])), [live, waiting])
        XCTAssertEqual(try market.client.get("/v1/catalog/products/\(waiting)").status, 200)
        try market.setStatus(supplier.organizationID, .suspended)
        XCTAssertEqual(try market.searchIDs([("q", "widget")]), [waiting])
        XCTAssertEqual(try market.searchIDs([("sort", "price_asc"), ("currency", "USD")]), [waiting])
        XCTAssertEqual(try market.client.get("/v1/catalog/products/\(live)").status, 404)
        XCTAssertEqual(try market.client.get("/v1/catalog/sellers/\(supplier.organizationID)").status, 404)
        // The supplier still manages its listings while suspended.
        XCTAssertEqual(try supplier.client.get("/v1/seller/products/\(live)").status, 200)
    }

    func testProductPagePricesAQuantityByTierAndConverts() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        try market.createFXRate(admin, base: "USD", quote: "KRW", rate: "1350.5", effectiveFrom: market.clock.now().addingTimeInterval(-60))
        let supplier = try market.activeSupplier()
        let category = try market.category("Anchors", "앵커")
        let id = try market.createListing(supplier, [
            "title": ["en": "Wedge anchor", "ko": "웨지앵커"], "description": ["en": "Zinc", "ko": "아연"], "category_id": .string(category),
            "unit_price": "0.125", "price_tiers": [["min_quantity": 100, "unit_price": "0.115"], ["min_quantity": 1000, "unit_price": "0.1"]],
            "min_order_quantity": 10, "attributes": ["diameter_mm": 8],
        ])["id"]?.stringValue ?? ""

        let plain = try market.client.get("/v1/catalog/products/\(id)")
        XCTAssertEqual(plain.status, 200, plain.text)
        XCTAssertEqual(plain.json["description"]?["ko"]?.stringValue, "아연")
        XCTAssertEqual(plain.json["category"]?["name"]?["ko"]?.stringValue, "앵커")
        XCTAssertEqual(plain.json["attributes"]?["diameter_mm"]?.int64Value, 8)
        XCTAssertNil(plain.json["quote"])

        let quote = try market.client.get("/v1/catalog/products/\(id)?quantity=250&currency=KRW")
        XCTAssertEqual(quote.status, 200, quote.text)
        let q = quote.json["quote"]
        XCTAssertEqual(q?["quantity"]?.int64Value, 250)
        XCTAssertEqual(q?["unit_price"], ["amount": "0.115", "currency": "USD"])
        XCTAssertEqual(q?["line_total"], ["amount": "28.75", "currency": "USD"])
        XCTAssertEqual(q?["meets_min_order_quantity"], .bool(true))
        // 0.115 × 1350.5 = 155.3075 KRW a unit; × 250 = 38,826.875 → 38,827 (half-even at the line).
        XCTAssertEqual(q?["converted"]?["unit_price"], ["amount": "155.3075", "currency": "KRW"])
        XCTAssertEqual(q?["converted"]?["line_total"], ["amount": "38827", "currency": "KRW"])
        XCTAssertEqual(q?["converted"]?["rate"]?["method"]?.stringValue, "direct")
        XCTAssertEqual(quote.json["converted_unit_price"], ["amount": "168.8125", "currency": "KRW"])

        let small = try market.client.get("/v1/catalog/products/\(id)?quantity=5")
        XCTAssertEqual(small.json["quote"]?["unit_price"], ["amount": "0.125", "currency": "USD"])
        XCTAssertEqual(small.json["quote"]?["line_total"], ["amount": "0.62", "currency": "USD"], "0.625 rounds half to even")
        XCTAssertEqual(small.json["quote"]?["meets_min_order_quantity"], .bool(false))

        let bad = try market.client.get("/v1/catalog/products/\(id)?quantity=0&currency=WON")
        XCTAssertEqual(bad.status, 422)
        XCTAssertEqual(Set(errorFields(bad)), ["quantity", "currency"])
        XCTAssertEqual(try market.client.get("/v1/catalog/products/prd_nope").status, 404)
    }

    func testSellerProfileShowsTheScorecard() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier(name: "Hanil Tools", country: "KR")
        try market.createListing(supplier)
        let empty = try market.client.get("/v1/catalog/sellers/\(supplier.organizationID)")
        XCTAssertEqual(empty.status, 200, empty.text)
        XCTAssertEqual(empty.json["name"]?.stringValue, "Hanil Tools")
        XCTAssertEqual(empty.json["listings"]?.int64Value, 1)
        XCTAssertEqual(empty.json["scorecard"]?["rating"], .null)
        XCTAssertEqual(empty.json["scorecard"]?["on_time_delivery_rate"], .null)
        XCTAssertEqual(empty.json["scorecard"]?["review_count"]?.int64Value, 0)
        XCTAssertEqual(empty.json["reviews"], .array([]))

        try market.app.services.database.write { db in
            try db.execute(
                """
                INSERT INTO supplier_scorecards (supplier_id, review_count, rating_sum, quality_sum, delivery_sum, communication_sum,
                    bayesian_rating_milli, deliveries, on_time_deliveries, rfqs_invited, rfqs_answered, updated_at)
                VALUES (?, 3, 14, 13, 15, 12, 4410, 8, 7, 4, 3, ?)
                """, [.text(supplier.organizationID), .text(market.app.services.nowText())])
        }
        let card = try market.client.get("/v1/catalog/sellers/\(supplier.organizationID)").json["scorecard"]
        XCTAssertEqual(card?["rating"], .number("4.41"))
        XCTAssertEqual(card?["average_rating"], .number("4.67"))
        XCTAssertEqual(card?["on_time_delivery_rate"], .number("0.875"))
        XCTAssertEqual(card?["rfq_response_rate"], .number("0.75"))
        // The rating reaches every hit, the filter and the sort (triggers on the scorecard).
        XCTAssertEqual(try market.search([]).json["data"]?.arrayValue?.first?["seller"]?["rating"], .number("4.41"))
        XCTAssertEqual(try market.searchIDs([("min_rating", "4.4")]).count, 1)
        XCTAssertEqual(try market.searchIDs([("min_rating", "4.5")]).count, 0)

        let buyer = try market.signUp(.buyer)
        XCTAssertEqual(try market.client.get("/v1/catalog/sellers/\(buyer.organizationID)").status, 404)
    }
}
