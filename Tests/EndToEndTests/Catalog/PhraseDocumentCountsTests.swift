@testable import Buyer
import Foundation
import MarketCore
import Web
import XCTest

/// The document counts relevance ranks with (`PhraseDocumentCounts`): exact at the generation they
/// were read at, taken again after a change while they are small, kept while large and recent.
final class PhraseDocumentCountsTests: XCTestCase {
    func testCountsAreExactAndRareTermsFollowChanges() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        for title in ["Hex bolt M8", "Hex bolt M10", "Flat washer", "스테인리스볼트"] {
            try market.createListing(supplier, ["title": ["en": .string(title), "ko": .string(title)]])
        }
        let database = market.app.services.database
        let counts = PhraseDocumentCounts()
        func read(_ query: String) throws -> [Int64] {
            try database.read { db in
                try counts.counts(db, database: database.path, generation: try CatalogSchema.generation(db), terms: SearchText.matchTerms(query))
            }
        }
        XCTAssertEqual(try read("hex bolt washer"), [2, 2, 1])
        XCTAssertEqual(try read("스테인리스"), [1], "a Korean phrase of bigrams")
        XCTAssertEqual(try read("nothing"), [0])

        try market.createListing(supplier, ["title": ["en": "Hex nut"]])
        XCTAssertEqual(try read("hex nothing"), [3, 0], "a small count is taken again once the catalog changed")
    }

    func testSearchRanksWithTheCounts() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        // "zinc" is rare, "bolt" common: a listing with the rare word twice outranks one with the common
        // word twice, as bm25's IDF says.
        for index in 0..<8 { try market.createListing(supplier, ["title": ["en": .string("Bolt \(index)")]]) }
        let rare = try market.createListing(supplier, ["title": ["en": "Bolt zinc zinc"]])["id"]?.stringValue
        let common = try market.createListing(supplier, ["title": ["en": "Bolt bolt zinc"]])["id"]?.stringValue
        let first = try market.searchIDs([("q", "bolt zinc")])
        XCTAssertEqual(Array(first.prefix(2)), [rare, common].compactMap { $0 })
        XCTAssertEqual(try market.searchIDs([("q", "bolt zinc")]), first, "the same order when counted again")
    }
}
