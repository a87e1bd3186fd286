import Foundation
import XCTest
@testable import MarketCore

/// The scorecard arithmetic: exact integer thousandths, half-to-even, and the documented prior.
final class ScorecardMathTests: XCTestCase {
    func testDivisionRoundsHalfToEven() {
        XCTAssertEqual(ScorecardMath.divideHalfEven(5, 2), 2)  // 2.5 → 2
        XCTAssertEqual(ScorecardMath.divideHalfEven(7, 2), 4)  // 3.5 → 4
        XCTAssertEqual(ScorecardMath.divideHalfEven(10, 4), 2)  // 2.5 → 2
        XCTAssertEqual(ScorecardMath.divideHalfEven(11, 4), 3)  // 2.75 → 3
        XCTAssertEqual(ScorecardMath.divideHalfEven(9, 4), 2)  // 2.25 → 2
        XCTAssertEqual(ScorecardMath.divideHalfEven(-5, 2), -2)
        XCTAssertEqual(ScorecardMath.divideHalfEven(-7, 2), -4)
        XCTAssertEqual(ScorecardMath.divideHalfEven(6, 3), 2)
        XCTAssertNil(ScorecardMath.divideHalfEven(1, 0))
        XCTAssertNil(ScorecardMath.divideHalfEven(1, -3))
    }

    func testAveragesInThousandths() {
        XCTAssertEqual(ScorecardMath.averageMilli(sum: 14, count: 3), 4667)  // 4.6666…
        XCTAssertEqual(ScorecardMath.averageMilli(sum: 13, count: 3), 4333)  // 4.3333…
        XCTAssertEqual(ScorecardMath.averageMilli(sum: 9, count: 2), 4500)
        XCTAssertEqual(ScorecardMath.averageMilli(sum: 5, count: 1), 5000)
        XCTAssertNil(ScorecardMath.averageMilli(sum: 0, count: 0), "no reviews is no average, never 0")
    }

    func testAverageTiesRoundToEvenThousandth() {
        // 1/16 = 0.0625 → 62.5 thousandths → 62 (even); 3/16 = 187.5 → 188 (even).
        XCTAssertEqual(ScorecardMath.milli(1, of: 16), 62)
        XCTAssertEqual(ScorecardMath.milli(3, of: 16), 188)
        // 4.0625 and 4.1875 stars over 16 reviews.
        XCTAssertEqual(ScorecardMath.averageMilli(sum: 65, count: 16), 4062)
        XCTAssertEqual(ScorecardMath.averageMilli(sum: 67, count: 16), 4188)
    }

    func testRates() {
        XCTAssertEqual(ScorecardMath.milli(7, of: 8), 875)
        XCTAssertEqual(ScorecardMath.milli(2, of: 3), 667)
        XCTAssertEqual(ScorecardMath.milli(0, of: 5), 0)
        XCTAssertNil(ScorecardMath.milli(0, of: 0))
        XCTAssertNil(ScorecardMath.milli(Int64.max, of: 2), "overflow answers nil, never traps")
    }

    func testBayesianExamples() {
        // Three 5-star reviews: (10 × 3.5 + 15) / 13 = 3.84615…
        XCTAssertEqual(ScorecardMath.bayesianMilli(ratingSum: 15, count: 3), 3846)
        // Three hundred reviews averaging 4.8 (sum 1440): (35 + 1440) / 310 = 4.75806…
        XCTAssertEqual(ScorecardMath.bayesianMilli(ratingSum: 1440, count: 300), 4758)
        XCTAssertLessThan(ScorecardMath.bayesianMilli(ratingSum: 15, count: 3)!, ScorecardMath.bayesianMilli(ratingSum: 1440, count: 300)!)
        // One review at the prior's mean moves nothing beyond rounding; one 1-star review pulls only a little.
        XCTAssertEqual(ScorecardMath.bayesianMilli(ratingSum: 4, count: 1), 3545)  // 39/11 = 3.5454…
        XCTAssertEqual(ScorecardMath.bayesianMilli(ratingSum: 1, count: 1), 3273)  // 36/11 = 3.2727…
        XCTAssertNil(ScorecardMath.bayesianMilli(ratingSum: 0, count: 0), "unrated stays unrated")
        // Many reviews converge on their own mean.
        XCTAssertEqual(ScorecardMath.bayesianMilli(ratingSum: 50_000, count: 10_000), 4999)  // 50035/10010 = 4.9985015
    }

    func testBayesianTieRoundsHalfToEven() {
        // A prior where the exact value ends in .5 thousandths:
        // m = 4.001, C = 1, one 5-star review → (4001 + 5000) / 2 = 4500.5 → 4500.
        XCTAssertEqual(ScorecardMath.bayesianMilli(ratingSum: 5, count: 1, prior: BayesianPrior(meanMilli: 4001, weight: 1)), 4500)
        // m = 4.003 → 4501.5 → 4502.
        XCTAssertEqual(ScorecardMath.bayesianMilli(ratingSum: 5, count: 1, prior: BayesianPrior(meanMilli: 4003, weight: 1)), 4502)
        // Without a prior it is the plain average.
        XCTAssertEqual(ScorecardMath.bayesianMilli(ratingSum: 14, count: 3, prior: BayesianPrior(meanMilli: 0, weight: 0)), 4667)
    }

    func testOnTimeBoundary() {
        let placed = Date(timeIntervalSince1970: 1_793_000_000)
        let due = placed.addingTimeInterval(3 * 86_400)
        XCTAssertEqual(ScorecardMath.promisedBy(placedAt: placed, leadTimeDays: 3), due)
        XCTAssertTrue(ScorecardMath.isOnTime(placedAt: placed, deliveredAt: due, leadTimeDays: 3), "the due instant itself is on time")
        XCTAssertTrue(ScorecardMath.isOnTime(placedAt: placed, deliveredAt: due.addingTimeInterval(-0.001), leadTimeDays: 3))
        XCTAssertFalse(ScorecardMath.isOnTime(placedAt: placed, deliveredAt: due.addingTimeInterval(0.001), leadTimeDays: 3))
        XCTAssertFalse(ScorecardMath.isOnTime(placedAt: placed, deliveredAt: due.addingTimeInterval(1), leadTimeDays: 3))
        XCTAssertTrue(ScorecardMath.isOnTime(placedAt: placed, deliveredAt: placed, leadTimeDays: 0))
        XCTAssertFalse(ScorecardMath.isOnTime(placedAt: placed, deliveredAt: placed.addingTimeInterval(1), leadTimeDays: 0))
        XCTAssertEqual(ScorecardMath.promisedBy(placedAt: placed, leadTimeDays: -4), placed, "a negative lead time counts as 0")
    }

    func testMedian() {
        XCTAssertNil(ScorecardMath.median([]))
        XCTAssertEqual(ScorecardMath.median([42]), 42)
        XCTAssertEqual(ScorecardMath.median([300, 10, 20]), 20)
        XCTAssertEqual(ScorecardMath.median([10, 20, 30, 40]), 25)
        XCTAssertEqual(ScorecardMath.median([10, 11]), 10, "10.5 rounds half-to-even")
        XCTAssertEqual(ScorecardMath.median([11, 12]), 12, "11.5 rounds half-to-even")
        XCTAssertEqual(ScorecardMath.median([Int64.max, Int64.max]), Int64.max - 1, "no overflow trap")
    }
}
