import Foundation
import MarketCore
import Store
import Web

/// The buyer's view of listings: search hits and the product page, with the seller and prices in the
/// listing's currency and, when the buyer asks for one, converted.
enum CatalogListingJSON {
    /// Columns for hits and pages: the listing, its seller and the seller's rating, in one statement
    /// (no query per hit).
    static let columns = """
        \(Listing.columns), o.name AS seller_name, o.status AS seller_status, s.bayesian_rating_milli AS seller_rating
        """
    static let from = """
        products p JOIN organizations o ON o.id = p.seller_id
        LEFT JOIN supplier_scorecards s ON s.supplier_id = p.seller_id
        """

    /// `columns` without what a hit does not show (descriptions, attributes): a page of hits neither
    /// copies those texts out of SQLite nor parses the attributes' JSON, for every search, cached or not.
    static let hitColumns = columns
        .replacingOccurrences(of: "p.description_en,", with: "NULL AS description_en,")
        .replacingOccurrences(of: "p.description_ko,", with: "NULL AS description_ko,")
        .replacingOccurrences(of: "p.attributes,", with: "'{}' AS attributes,")

    /// The hits' rows, in the order of `docs` (`hitColumns`).
    static func rows(_ db: Connection, docs: [Int64]) throws -> [Row] {
        guard !docs.isEmpty else { return [] }
        var byDoc: [Int64: Row] = [:]
        try db.forEach(
            """
            SELECT ld.doc AS doc, \(hitColumns) FROM listing_docs ld CROSS JOIN \(from)
            WHERE ld.doc IN (SELECT value FROM json_each(?)) AND p.id = ld.product_id
            """,
            [.text(JSONSerializer.string(.array(docs.map { .int($0) })))]
        ) { row in
            if let doc = row.int64("doc") { byDoc[doc] = row }
        }
        return docs.compactMap { byDoc[$0] }
    }

    /// A rating in thousandths as a JSON number with up to three decimals (4800 → 4.8); null for none.
    static func rating(_ milli: Int64?) -> JSON {
        guard let milli, milli >= 0, let value = try? ExactDecimal(mantissa: Int128(milli), scale: 3) else { return .null }
        return .number(value.normalized().description)
    }

    static func price(_ amount: ExactDecimal, _ currency: Currency) -> JSON {
        ["amount": .string((try? UnitPrice(amount: amount, currency: currency))?.amountString ?? amount.description),
         "currency": .string(currency.code)]
    }

    /// One hit: what a result list shows.
    static func hit(_ listing: Listing, row: Row, language: Language, rates: inout CatalogRates?) -> JSONObject {
        var object: JSONObject = [
            "id": .string(listing.id), "sku": .string(listing.sku), "title": listing.title.json,
            "display_title": .optional(listing.title.text(language)), "category_id": .optional(listing.categoryID),
            "unit": .string(listing.unit), "unit_price": price(listing.unitPrice, listing.currency),
        ]
        if rates != nil {
            object["converted_unit_price"] = converted(listing.unitPrice, from: listing.currency, rates: &rates)
        }
        object["price_tiers"] = listing.tiersJSON
        object["min_order_quantity"] = .int(listing.minOrderQuantity)
        object["in_stock"] = .bool(listing.stock > 0)
        object["stock"] = .int(listing.stock)
        object["lead_time_days"] = .int(listing.leadTimeDays)
        object["seller"] = [
            "id": .string(listing.sellerID), "name": .optional(row.string("seller_name")),
            "rating": rating(row.int64("seller_rating")),
        ]
        object["restricted"] = .bool(listing.visibleTo != nil)
        object["created_at"] = .string(listing.createdAt)
        return object
    }

    /// `{"amount","currency"}` in the requested currency, or null when no rate applies.
    static func converted(_ amount: ExactDecimal, from currency: Currency, rates: inout CatalogRates?) -> JSON {
        guard var table = rates else { return .null }
        defer { rates = table }
        guard let quote = table.quote(from: currency), let value = CatalogRates.convertedUnitPrice(amount, quote: quote) else {
            return .null
        }
        return price(value, table.target)
    }
}
