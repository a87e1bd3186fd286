@testable import Buyer
import Foundation
import MarketCore
import Store
import Web
import XCTest

/// Hits' rows read by located rowid equal the rows read through `listing_docs`, and a location that no
/// longer holds its listing (as after a VACUUM renumbered rowids) falls back to `listing_docs`.
final class CatalogListingRowsTests: XCTestCase {
    func testLocatedRowsAndTheirFallback() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier(name: "Rows Supplier")
        var ids: [String] = []
        for title in ["Hex bolt", "Flat washer", "Pipe wrench", "Ball valve"] {
            ids.append(try market.createListing(supplier, ["title": ["en": .string(title)]])["id"]?.stringValue ?? "")
        }
        let database = market.app.services.database
        try database.read { db in
            var docs: [Int64] = []
            try db.forEach("SELECT doc FROM listing_docs ORDER BY doc DESC", []) { docs.append($0.int64(0)!) }
            docs.append(999_999)  // no such doc: no row, whichever way
            let plain = try CatalogListingJSON.rows(db, docs: docs)
            XCTAssertEqual(plain.rows.compactMap { $0.string("id") }, ids.reversed())
            XCTAssertEqual(plain.sellers.values.map(\.name), ["Rows Supplier"])

            let found = try CatalogListingJSON.locate(db, docs: docs)
            let locations = found.locations
            XCTAssertEqual(locations.count, 4)
            XCTAssertEqual(found.sellers.values.map(\.name), ["Rows Supplier"])
            let located = try CatalogListingJSON.rows(db, docs: docs, located: found)
            // The first column is the doc or the rowid; the listing's columns follow.
            func listings(_ rows: [Row]) -> [[SQLValue]] { rows.map { Array($0.values.dropFirst()) } }
            XCTAssertEqual(listings(located.rows), listings(plain.rows))

            // Rowids that now hold other listings: the check notices and the rows come through listing_docs.
            let shuffled = locations.enumerated().map { index, location in
                CatalogListingJSON.Location(doc: location.doc, rowID: locations[(index + 1) % locations.count].rowID, productID: location.productID)
            }
            XCTAssertEqual(listings(try CatalogListingJSON.rows(db, docs: docs, located: .init(locations: shuffled, sellers: [:])).rows), listings(plain.rows))
        }
    }

    func testACachedPageShowsTheSupplierCurrent() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier(name: "Old Name Co")
        try market.createListing(supplier, ["title": ["en": "Hex bolt"]])
        func sellerName() throws -> String? {
            let response = try market.search(market.client, [("q", "bolt")])
            return response.json["data"]?[at: 0]?["seller"]?["name"]?.stringValue
        }
        XCTAssertEqual(try sellerName(), "Old Name Co")
        XCTAssertEqual(try sellerName(), "Old Name Co", "now from the cache")
        // No route renames an organization yet; an operator's fix in SQL must still show at once.
        try market.app.services.database.write { db in
            try db.execute("UPDATE organizations SET name = 'New Name Co' WHERE id = ?", [.text(supplier.organizationID)])
        }
        XCTAssertEqual(try sellerName(), "New Name Co")
    }
}
