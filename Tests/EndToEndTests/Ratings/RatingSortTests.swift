import Foundation
import MarketCore
import Web
import XCTest

/// The Bayesian rating in the catalog: three 5-star reviews do not outrank many 4.8s.
final class RatingSortTests: XCTestCase {
    func testBayesianRatingOrdersTheCatalogAndFiltersIt() throws {
        let f = try RatingFixture()
        let fewPerfect = try f.market.activeSupplier(name: "Three Stars Co")
        let established = try f.market.activeSupplier(name: "Established Co")
        let unrated = f.supplier
        _ = try f.orders.listing(unrated)

        for _ in 0..<3 { try f.reviewedOrder(seller: fewPerfect, rating: 5) }
        // Fifteen reviews averaging 4.8: twelve 5s and three 4s.
        for index in 0..<15 { try f.reviewedOrder(seller: established, rating: index < 12 ? 5 : 4) }

        let perfectCard = try f.scorecard(fewPerfect)
        let establishedCard = try f.scorecard(established)
        XCTAssertEqual(perfectCard["average_rating"], .number("5"))
        XCTAssertEqual(establishedCard["average_rating"], .number("4.8"))
        XCTAssertEqual(perfectCard["rating"], .number("3.846"))  // (35 + 15) / 13
        XCTAssertEqual(establishedCard["rating"], .number("4.28"))  // (35 + 72) / 25

        // sort=rating: every listing of the established supplier, then the three-review one, then the unrated.
        let response = try f.market.search([("sort", "rating"), ("limit", "200")])
        XCTAssertEqual(response.status, 200, response.text)
        var order: [String] = []
        for hit in response.json["data"]?.arrayValue ?? [] {
            guard let seller = hit["seller"]?["id"]?.stringValue else { continue }
            if order.last != seller { order.append(seller) }
        }
        XCTAssertEqual(order, [established.organizationID, fewPerfect.organizationID, unrated.organizationID])

        // min_rating compares the same Bayesian rating.
        let filtered = try f.market.search([("min_rating", "4"), ("limit", "200")]).json["data"]?.arrayValue ?? []
        XCTAssertEqual(Set(filtered.compactMap { $0["seller"]?["id"]?.stringValue }), [established.organizationID])
        XCTAssertEqual(filtered.count, 15)
    }
}
