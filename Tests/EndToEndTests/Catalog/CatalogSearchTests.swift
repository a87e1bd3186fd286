import Foundation
import HTTPServer
import MarketCore
import Store
import Web
import XCTest

/// `GET /v1/catalog/products`: Korean and English text, filters, sorts, facets and cursors.
final class CatalogSearchTests: XCTestCase {
    func testKoreanCompoundsAreFoundByTheirParts() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier(currency: "KRW")
        let hex = try market.createListing(supplier, ["title": ["ko": "육각볼트 M8", "en": "Hex bolt M8"], "currency": "KRW", "unit_price": "150"])["id"]?.stringValue
        let stainless = try market.createListing(supplier, ["title": ["ko": "스테인리스볼트"], "currency": "KRW", "unit_price": "300"])["id"]?.stringValue
        let nut = try market.createListing(supplier, ["title": ["ko": "스테인리스 너트"], "currency": "KRW", "unit_price": "90"])["id"]?.stringValue
        let nail = try market.createListing(supplier, ["title": ["ko": "콘크리트못"], "currency": "KRW", "unit_price": "10"])["id"]?.stringValue

        XCTAssertEqual(Set(try market.searchIDs([("q", "볼트")])), [hex, stainless].compactMap { $0 }.asSet)
        XCTAssertEqual(Set(try market.searchIDs([("q", "스테인리스")])), [stainless, nut].compactMap { $0 }.asSet)
        XCTAssertEqual(try market.searchIDs([("q", "육각볼트")]), [hex].compactMap { $0 })
        XCTAssertEqual(try market.searchIDs([("q", "스테인리스 볼트")]), [stainless].compactMap { $0 }, "every word must match")
        XCTAssertEqual(try market.searchIDs([("q", "못")]), [nail].compactMap { $0 }, "a one-syllable noun at the end of a compound")
        XCTAssertEqual(try market.searchIDs([("q", "볼트 m8")]), [hex].compactMap { $0 })
        XCTAssertEqual(try market.searchIDs([("q", "트볼")]), [], "no match across the parts' order")
    }

    func testEnglishWordsPrefixesSKUAndDescriptions() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let bolts = try market.createListing(supplier, ["sku": "DIN-933-M8", "title": ["en": "Hex Bolts, zinc"]])["id"]?.stringValue ?? ""
        let washer = try market.createListing(supplier, ["title": ["en": "Flat washer"], "description": ["en": "Fits every bolt"],
                                                          "attributes": ["finish": "galvanised"]])["id"]?.stringValue ?? ""
        try market.createListing(supplier, ["title": ["en": "Pipe wrench"]])

        XCTAssertEqual(try market.searchIDs([("q", "bolt")]), [bolts, washer], "a title hit ranks above a description hit")
        XCTAssertEqual(try market.searchIDs([("q", "BOL")]).sorted(), [bolts, washer].sorted(), "prefix, any case")
        XCTAssertEqual(try market.searchIDs([("q", "hex zinc")]), [bolts])
        XCTAssertEqual(try market.searchIDs([("q", "din-933")]), [bolts], "SKU as written")
        XCTAssertEqual(try market.searchIDs([("q", "galvanised")]), [washer], "attribute values")
        XCTAssertEqual(try market.searchIDs([("q", "\"OR\" NOT bolt*")]), [], "user text is never FTS5 syntax")
        XCTAssertEqual(try market.searchIDs([("q", "!!!")]).count, 3, "nothing to search for lists everything")
    }

    func testTheIndexFollowsEveryWrite() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let id = try market.createListing(supplier, ["title": ["en": "Copper tube"]])["id"]?.stringValue ?? ""
        XCTAssertEqual(try market.searchIDs([("q", "copper")]), [id])
        XCTAssertEqual(try supplier.client.patch("/v1/seller/products/\(id)", json: ["title": ["en": "Brass tube"]]).status, 200)
        XCTAssertEqual(try market.searchIDs([("q", "copper")]), [])
        XCTAssertEqual(try market.searchIDs([("q", "brass")]), [id])
        XCTAssertEqual(try supplier.client.patch("/v1/seller/products/\(id)", json: ["status": "draft"]).status, 200)
        XCTAssertEqual(try market.searchIDs([("q", "brass")]), [])
        XCTAssertEqual(try supplier.client.patch("/v1/seller/products/\(id)", json: ["status": "active"]).status, 200)
        XCTAssertEqual(try market.searchIDs([("q", "brass")]), [id])
        // Stock changed by checkout (a plain UPDATE of products) reaches the in-stock filter by trigger.
        XCTAssertEqual(try market.searchIDs([("in_stock", "true")]), [id])
        try market.app.services.database.write { db in try db.execute("UPDATE products SET stock = 0 WHERE id = ?", [.text(id)]) }
        XCTAssertEqual(try market.searchIDs([("in_stock", "true")]), [])
        XCTAssertEqual(try market.searchIDs([("in_stock", "false")]), [id])
    }

    func testCategoryIncludesSubCategoriesAndFacetsCount() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let fasteners = try market.category("Fasteners", "체결류")
        let bolts = try market.category("Bolts", "볼트", parent: fasteners)
        let anchors = try market.category("Anchor bolts", "앵커볼트", parent: bolts)
        let tools = try market.category("Tools", "공구")
        let a = try market.createListing(supplier, ["title": ["en": "Hex bolt"], "category_id": .string(bolts)])["id"]?.stringValue ?? ""
        let b = try market.createListing(supplier, ["title": ["en": "Wedge anchor bolt"], "category_id": .string(anchors)])["id"]?.stringValue ?? ""
        let c = try market.createListing(supplier, ["title": ["en": "Rivet"], "category_id": .string(fasteners)])["id"]?.stringValue ?? ""
        let d = try market.createListing(supplier, ["title": ["en": "Bolt cutter"], "category_id": .string(tools)])["id"]?.stringValue ?? ""
        try market.createListing(supplier, ["title": ["en": "Bolt draft"], "category_id": .string(tools), "status": "draft"])

        XCTAssertEqual(Set(try market.searchIDs([("category_id", fasteners)])), [a, b, c])
        XCTAssertEqual(Set(try market.searchIDs([("category_id", bolts)])), [a, b])
        XCTAssertEqual(Set(try market.searchIDs([("category_id", anchors)])), [b])

        // Facets: per listing category, for the search without its category filter.
        let words = try market.search([("q", "bolt"), ("category_id", bolts)])
        XCTAssertEqual(Set(market.ids(words)), [a, b])
        XCTAssertEqual(market.facets(words), [bolts: 1, anchors: 1, tools: 1])
        XCTAssertEqual(words.json["facets"]?["complete"], .bool(true))
        let browse = try market.search([("category_id", tools)])
        XCTAssertEqual(market.ids(browse), [d])
        XCTAssertEqual(market.facets(browse), [bolts: 1, anchors: 1, fasteners: 1, tools: 1], "from the maintained counts")
        XCTAssertEqual(market.facets(try market.search([("in_stock", "true")])).values.reduce(0, +), 4)
        XCTAssertEqual(market.facets(try market.search([("min_rating", "0")])), [:], "unrated suppliers have no rating to pass")

        XCTAssertEqual(try market.search([("category_id", "cat_nope")]).status, 422)
    }

    func testPriceFilterAndSortInAnotherCurrency() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        try market.createFXRate(admin, base: "USD", quote: "KRW", rate: "1350", effectiveFrom: market.clock.now().addingTimeInterval(-60))
        let supplier = try market.activeSupplier()
        let usd = try market.createListing(supplier, ["title": ["en": "Valve A"], "currency": "USD", "unit_price": "10.00"])["id"]?.stringValue ?? ""
        let krw = try market.createListing(supplier, ["title": ["en": "Valve B"], "currency": "KRW", "unit_price": "13500"])["id"]?.stringValue ?? ""
        let cheap = try market.createListing(supplier, ["title": ["en": "Valve C"], "currency": "KRW", "unit_price": "1000"])["id"]?.stringValue ?? ""
        let eur = try market.createListing(supplier, ["title": ["en": "Valve Delta"], "currency": "EUR", "unit_price": "1.00"])["id"]?.stringValue ?? ""

        // 10 USD = 13,500 KRW exactly: both bounds are inclusive.
        XCTAssertEqual(Set(try market.searchIDs([("min_price", "13500"), ("max_price", "13500"), ("currency", "KRW")])), [usd, krw])
        let under5 = try market.search([("q", "valve"), ("max_price", "5"), ("currency", "USD")])
        XCTAssertEqual(Set(market.ids(under5)), [cheap], under5.text)
        XCTAssertEqual(Set(try market.searchIDs([("min_price", "9.99"), ("currency", "USD")])), [usd, krw])
        XCTAssertEqual(try market.searchIDs([("min_price", "10.01"), ("currency", "USD")]), [])

        let sorted = try market.search([("sort", "price_asc"), ("currency", "KRW")])
        XCTAssertEqual(market.ids(sorted), [cheap, usd, krw], "no EUR rate: left out of a price sort")
        let first = sorted.json["data"]?.arrayValue?.first
        XCTAssertEqual(first?["unit_price"], ["amount": "1000", "currency": "KRW"])
        XCTAssertEqual(first?["converted_unit_price"], ["amount": "1000", "currency": "KRW"])
        XCTAssertEqual(sorted.json["data"]?.arrayValue?[1]["converted_unit_price"], ["amount": "13500", "currency": "KRW"])
        // In USD the KRW listing is 13,500 × (1/1350, rounded to 18 decimals) = 10.0000000000000035: above 10.00.
        XCTAssertEqual(try market.searchIDs([("sort", "price_desc"), ("q", "valve"), ("currency", "USD")]), [krw, usd, cheap])
        let display = try market.search([("q", "valve delta"), ("currency", "KRW")])
        XCTAssertEqual(display.json["data"]?.arrayValue?.first?["converted_unit_price"], .null, "no rate: no converted price")
        XCTAssertEqual(market.ids(display), [eur])

        // A new rate takes over at its effective time, without any write in between (cached results are
        // keyed by the rates in force).
        try market.createFXRate(admin, base: "USD", quote: "KRW", rate: "1000", effectiveFrom: market.clock.now().addingTimeInterval(3600))
        XCTAssertEqual(Set(try market.searchIDs([("min_price", "9.99"), ("currency", "USD")])), [usd, krw])
        market.clock.advance(seconds: 7200)
        XCTAssertEqual(Set(try market.searchIDs([("min_price", "9.99"), ("currency", "USD")])), [usd, krw], "13,500 KRW is 13.50 USD now")
        XCTAssertEqual(Set(try market.searchIDs([("min_price", "13.50"), ("currency", "USD")])), [krw])
        let fresh = try market.client.get("/v1/catalog/products?min_price=13.50&currency=USD", headers: ["Cache-Control": "no-cache"])
        XCTAssertEqual(market.ids(fresh), [krw])

        let missing = try market.search([("min_price", "1")])
        XCTAssertEqual(missing.status, 422)
        XCTAssertEqual(errorFields(missing), ["currency"])
    }

    func testParametersAreValidated() throws {
        let market = try TestMarket()
        let bad = try market.search([("limit", "500"), ("sort", "cheapest"), ("currency", "usd"), ("min_rating", "6"), ("in_stock", "maybe"),
                                     ("min_price", "-1"), ("cursor", "!!!")])
        XCTAssertEqual(bad.status, 422, bad.text)
        XCTAssertEqual(Set(errorFields(bad)), ["limit", "sort", "currency", "min_rating", "in_stock", "min_price", "cursor"])
        XCTAssertEqual(try market.search([("q", String(repeating: "a", count: 201))]).status, 422)
        // A cursor of one sort is refused by another.
        let supplier = try market.activeSupplier()
        for _ in 0..<3 { try market.createListing(supplier) }
        let page = try market.search([("limit", "1")])
        let cursor = page.json["next_cursor"]?.stringValue ?? ""
        XCTAssertEqual(errorFields(try market.search([("limit", "1"), ("sort", "rating"), ("cursor", cursor)])), ["cursor"])
    }

    func testCursorsWalkEverySortWithoutGapsOrRepeats() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        try market.createFXRate(admin, base: "USD", quote: "KRW", rate: "1000", effectiveFrom: market.clock.now().addingTimeInterval(-60))
        let sellers = [try market.activeSupplier(), try market.activeSupplier(), try market.activeSupplier()]
        try market.app.services.database.write { db in
            for (n, seller) in sellers.enumerated() where n < 2 {
                try db.execute(
                    "INSERT INTO supplier_scorecards (supplier_id, review_count, bayesian_rating_milli, updated_at) VALUES (?, 3, ?, ?)",
                    [.text(seller.organizationID), .integer(Int64(4000 + n * 500)), .text(market.app.services.nowText())])
            }
        }
        var all: Set<String> = []
        for n in 0..<23 {
            let krw = n % 3 == 0
            let id = try market.createListing(sellers[n % 3], [
                "title": ["en": .string("Gear \(n) spur gear")], "currency": .string(krw ? "KRW" : "USD"),
                // Equal converted prices across currencies on purpose: ties are broken by doc.
                "unit_price": .string(krw ? "\((n % 5) * 1000)" : "\(n % 5).00"),
            ])["id"]?.stringValue ?? ""
            all.insert(id)
        }
        for sort in ["newest", "relevance", "price_asc", "price_desc", "rating"] {
            let pages = try market.allPages([("q", "gear"), ("sort", sort), ("limit", "4"), ("currency", "KRW")])
            let ids = pages.flatMap { $0 }
            XCTAssertEqual(ids.count, 23, sort)
            XCTAssertEqual(Set(ids), all, sort)
            XCTAssertEqual(pages.count, 6, sort)
            // Without words too (the browse plans).
            if sort != "relevance" {
                let browse = try market.allPages([("sort", sort), ("limit", "5"), ("currency", "KRW")]).flatMap { $0 }
                XCTAssertEqual(browse.count, 23, "browse \(sort)")
                XCTAssertEqual(Set(browse), all, "browse \(sort)")
            }
        }
        // Price order is by converted price.
        let hits = try market.search([("sort", "price_asc"), ("limit", "50"), ("currency", "USD")]).json["data"]?.arrayValue ?? []
        let prices = hits.compactMap { $0["converted_unit_price"]?["amount"]?.stringValue }.compactMap { Double($0) }
        XCTAssertEqual(prices, prices.sorted())
        // Rating order, and the minimum rating filter on the supplier's Bayesian rating.
        let rated = try market.search([("sort", "rating"), ("limit", "50")]).json["data"]?.arrayValue ?? []
        let ratings = rated.map { $0["seller"]?["rating"] ?? .null }
        XCTAssertEqual(ratings.first, .number("4.5"))
        XCTAssertEqual(ratings.last, .null)
        let good = try market.searchIDs([("min_rating", "4.5"), ("limit", "50")])
        XCTAssertEqual(good.count, 8)
        // Newest first means the most recently listed.
        let newest = try market.searchIDs([("limit", "1")])
        let latest = try market.createListing(sellers[0], ["title": ["en": "Gear latest"]])["id"]?.stringValue ?? ""
        XCTAssertNotEqual(newest, [latest])
        XCTAssertEqual(try market.searchIDs([("limit", "1")]), [latest])
    }

    func testHitsCarryTheSellerAndLocalizedTitle() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier(name: "Daehan Fasteners")
        try market.app.services.database.write { db in
            try db.execute(
                "INSERT INTO supplier_scorecards (supplier_id, review_count, bayesian_rating_milli, updated_at) VALUES (?, 12, 4820, ?)",
                [.text(supplier.organizationID), .text(market.app.services.nowText())])
        }
        let id = try market.createListing(supplier, ["title": ["en": "Hex bolt", "ko": "육각볼트"], "price_tiers": [["min_quantity": 10, "unit_price": "9.00"]]])["id"]?.stringValue
        let response = try market.client.get("/v1/catalog/products?q=hex", headers: ["Accept-Language": "ko"])
        let hit = response.json["data"]?.arrayValue?.first
        XCTAssertEqual(hit?["id"]?.stringValue, id)
        XCTAssertEqual(hit?["display_title"]?.stringValue, "육각볼트")
        XCTAssertEqual(hit?["title"]?["en"]?.stringValue, "Hex bolt")
        XCTAssertEqual(hit?["seller"]?["id"]?.stringValue, supplier.organizationID)
        XCTAssertEqual(hit?["seller"]?["name"]?.stringValue, "Daehan Fasteners")
        XCTAssertEqual(hit?["seller"]?["rating"], .number("4.82"))
        XCTAssertEqual(hit?["unit_price"], ["amount": "10.00", "currency": "USD"])
        XCTAssertNil(hit?["converted_unit_price"], "no currency asked for")
        XCTAssertEqual(hit?["in_stock"], .bool(true))
        XCTAssertEqual(hit?["price_tiers"]?.arrayValue?.first?["unit_price"]?.stringValue, "9.00")
    }
}

extension Array where Element: Hashable {
    var asSet: Set<Element> { Set(self) }
}
