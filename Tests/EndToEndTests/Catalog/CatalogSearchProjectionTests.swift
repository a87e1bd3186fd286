@testable import Buyer
import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// Searches answered from the in-memory `listing_index` (`ListingProjection`) equal the same searches
/// answered in SQL alone: hits, order, cursors and facets, for every sort and filter, page after page.
final class CatalogSearchProjectionTests: XCTestCase {
    func testProjectedSearchesEqualSQLSearches() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        try market.createFXRate(admin, base: "USD", quote: "KRW", rate: "1350", effectiveFrom: market.clock.now().addingTimeInterval(-60))
        try market.createFXRate(admin, base: "USD", quote: "EUR", rate: "0.92", effectiveFrom: market.clock.now().addingTimeInterval(-60))
        let fasteners = try market.category("Fasteners", "체결류")
        let bolts = try market.category("Bolts", "볼트", parent: fasteners)
        let tools = try market.category("Tools", "공구")
        let buyer = try market.signUp(.buyer, currency: "KRW")
        try market.setStatus(buyer.organizationID, .active)
        let suppliers = [try market.activeSupplier(currency: "KRW"), try market.activeSupplier(currency: "USD")]

        // 400 listings with few distinct words and prices, so that sorts have ties, filters cut, and
        // words match many listings.
        var random = SystemRandomNumberGenerator()
        let words = [("hex bolt", "육각볼트"), ("stainless bolt", "스테인리스볼트"), ("valve", "밸브"), ("wrench", "렌치"), ("pump", "펌프")]
        for (index, supplier) in suppliers.enumerated() {
            var csv = "sku,title_en,title_ko,category_id,currency,unit_price,stock,status\n"
            for row in 0..<200 {
                let word = words[Int.random(in: 0..<words.count, using: &random)]
                let category = [fasteners, bolts, tools, ""][Int.random(in: 0..<4, using: &random)]
                let currency = ["KRW", "USD", "EUR", "JPY"][Int.random(in: 0..<4, using: &random)]
                let price = currency == "KRW" || currency == "JPY" ? "\(Int.random(in: 1...20, using: &random) * 500)" : "\(Int.random(in: 1...40, using: &random)).50"
                let status = row % 9 == 0 ? "draft" : "active"
                csv += "S\(index)-\(row),\(word.0) m\(row % 12),\(word.1),\(category),\(currency),\(price),\(row % 5 == 0 ? 0 : 10),\(status)\n"
            }
            let response = try supplier.client.send(.post, "/v1/seller/products/import", headers: ["Content-Type": "text/csv"], body: Array(csv.utf8))
            XCTAssertEqual(response.status, 200, response.text)
        }
        // Restricted listings, visible to the buyer only.
        for _ in 0..<5 {
            try market.createListing(suppliers[0], ["title": ["en": "hex bolt restricted"], "visible_to_buyer_ids": [.string(buyer.organizationID)]])
        }

        let queries: [[(String, String)]] = [
            [("q", "bolt")], [("q", "볼트")], [("q", "육각볼트")], [("q", "hex bolt m1")], [("q", "m1")],
            [("q", "bolt"), ("sort", "newest")], [("q", "bolt"), ("sort", "rating")],
            [("q", "bolt"), ("sort", "price_asc"), ("currency", "KRW")], [("q", "bolt"), ("sort", "price_desc"), ("currency", "USD")],
            [("q", "bolt"), ("category_id", fasteners)], [("q", "valve"), ("in_stock", "true")],
            [("q", "bolt"), ("min_price", "3000"), ("max_price", "9000"), ("currency", "KRW")],
            [("q", "pump"), ("min_rating", "0")], [("q", "wrench"), ("max_price", "10"), ("currency", "USD"), ("sort", "price_asc")],
            [("min_price", "5"), ("currency", "USD")], [("category_id", fasteners), ("sort", "price_asc"), ("currency", "KRW")],
            [("category_id", bolts), ("sort", "rating")], [("category_id", tools), ("sort", "price_desc"), ("currency", "USD"), ("in_stock", "true")],
            [("category_id", fasteners), ("q", "bolt"), ("sort", "newest")], [("q", "bolt"), ("category_id", tools), ("in_stock", "true")], [("in_stock", "true"), ("min_rating", "0")], [("q", "nothing-matches")],
        ]
        let projection = ListingProjection.shared
        defer { projection.setEnabled(true) }
        for client in [market.client, buyer.client] {
            for parameters in queries {
                for limit in ["7", "50"] {
                    var cursor: String?
                    var pages = 0
                    repeat {
                        var query = parameters + [("limit", limit)]
                        if let cursor { query.append(("cursor", cursor)) }
                        let path = "/v1/catalog/products?" + query.map { "\($0.0)=\(TestMarket.encode($0.1))" }.joined(separator: "&")
                        projection.setEnabled(true)
                        let projected = try client.get(path, headers: ["Cache-Control": "no-cache"])
                        projection.setEnabled(false)
                        let sql = try client.get(path, headers: ["Cache-Control": "no-cache"])
                        XCTAssertEqual(projected.status, 200, projected.text)
                        XCTAssertEqual(projected.json, sql.json, "\(path)")
                        cursor = projected.json["next_cursor"]?.stringValue
                        pages += 1
                    } while cursor != nil && pages < 80
                }
            }
        }

        // Writes move the in-memory copy forward (from the change log): still equal.
        try market.createListing(suppliers[1], ["title": ["en": "hex bolt late"], "currency": "KRW", "unit_price": "4000"])
        let archived = try market.searchIDs([("q", "valve")]).first ?? ""
        XCTAssertEqual(try suppliers.map { try $0.client.delete("/v1/seller/products/\(archived)").status }.sorted(), [204, 404])
        for parameters in queries {
            let path = "/v1/catalog/products?" + parameters.map { "\($0.0)=\(TestMarket.encode($0.1))" }.joined(separator: "&")
            projection.setEnabled(true)
            let projected = try market.client.get(path, headers: ["Cache-Control": "no-cache"])
            projection.setEnabled(false)
            XCTAssertEqual(projected.json, try market.client.get(path, headers: ["Cache-Control": "no-cache"]).json, "\(path)")
        }
    }
}
