import Foundation
import XCTest
@testable import MarketCore

final class CommissionTests: XCTestCase {
    private let t0 = Date(timeIntervalSince1970: 1_767_225_600)

    private func money(_ amount: String, _ code: String = "EUR") throws -> Money {
        try Money.parse(amount: amount, currency: code)
    }

    private func rule(_ percent: String, id: String = "r", fixed: Money? = nil, min: Money? = nil, max: Money? = nil)
        throws -> FeeRule {
        FeeRule(id: id, scope: .default, percent: try ExactDecimal.parse(percent), fixedFee: fixed, minFee: min,
                maxFee: max, effectiveFrom: t0, createdAt: t0)
    }

    func testWorkedExampleSevenPercent() throws {
        let gross = try money("900.00")
        let order = try CommissionCalculator.order(lines: [CommissionLine(lineTotal: gross, rule: rule("7"))])
        XCTAssertEqual(order.total.amountString, "63.00")
        XCTAssertEqual(try gross.subtracting(order.total).amountString, "837.00")
        XCTAssertFalse(order.capApplied)
    }

    func testPercentPartRoundsHalfEven() throws {
        func commission(_ amount: String, _ percent: String, _ code: String = "USD") throws -> String {
            try CommissionCalculator.line(lineTotal: money(amount, code), rule: rule(percent)).commission.amountString
        }
        XCTAssertEqual(try commission("1000.00", "8.5"), "85.00")
        XCTAssertEqual(try commission("0.50", "5"), "0.02")      // 0.025 → 0.02
        XCTAssertEqual(try commission("0.70", "5"), "0.04")      // 0.035 → 0.04
        XCTAssertEqual(try commission("0.90", "5"), "0.04")      // 0.045 → 0.04
        XCTAssertEqual(try commission("12345", "8.5", "KRW"), "1049")      // 1049.325
        XCTAssertEqual(try commission("1", "50", "JPY"), "0")              // 0.5 → 0
        XCTAssertEqual(try commission("3", "50", "JPY"), "2")              // 1.5 → 2
        XCTAssertEqual(try commission("1.005", "100", "KWD"), "1.005")
        XCTAssertEqual(try commission("10.00", "0.333333333333333333"), "0.03")
        XCTAssertEqual(try commission("10.00", "0"), "0.00")
    }

    func testMinAndMaxClamp() throws {
        let r = try rule("10", min: money("5.00"), max: money("50.00"))
        let small = try CommissionCalculator.line(lineTotal: money("20.00"), rule: r)
        XCTAssertEqual(small.percentPart.amountString, "2.00")
        XCTAssertEqual(small.commission.amountString, "5.00")
        XCTAssertEqual(small.clamp, .minFee)
        let large = try CommissionCalculator.line(lineTotal: money("1000.00"), rule: r)
        XCTAssertEqual(large.commission.amountString, "50.00")
        XCTAssertEqual(large.clamp, .maxFee)
        let middle = try CommissionCalculator.line(lineTotal: money("100.00"), rule: r)
        XCTAssertEqual(middle.commission.amountString, "10.00")
        XCTAssertEqual(middle.clamp, CommissionClamp.none)
        let tiny = try CommissionCalculator.line(lineTotal: money("3.00"), rule: r)
        XCTAssertEqual(tiny.commission.amountString, "3.00")
        XCTAssertEqual(tiny.clamp, .lineTotal)
        let zero = try CommissionCalculator.line(lineTotal: money("0.00"), rule: r)
        XCTAssertEqual(zero.commission.amountString, "0.00")
    }

    func testFixedFeeOncePerOrder() throws {
        let a = try rule("10", id: "a", fixed: money("2.00"))
        let b = try rule("5", id: "b", fixed: money("3.00"))
        let order = try CommissionCalculator.order(lines: [
            CommissionLine(lineTotal: money("100.00"), rule: a),
            CommissionLine(lineTotal: money("100.00"), rule: a),
            CommissionLine(lineTotal: money("100.00"), rule: b),
        ])
        XCTAssertEqual(order.lines.map(\.commission.amountString), ["10.00", "10.00", "5.00"])
        XCTAssertEqual(order.fixedFee.amountString, "3.00")
        XCTAssertEqual(order.fixedFeeRuleID, "b")
        XCTAssertEqual(order.total.amountString, "28.00")
        XCTAssertEqual(order.cap.amountString, "300.00")
    }

    func testOrderCapTakesFromFixedFeeFirst() throws {
        let r = try rule("50", fixed: money("3.00"), min: money("1.00"))
        let order = try CommissionCalculator.order(lines: [CommissionLine(lineTotal: money("2.00"), rule: r)])
        XCTAssertEqual(order.lines[0].commission.amountString, "1.00")
        XCTAssertEqual(order.fixedFeeBeforeCap.amountString, "3.00")
        XCTAssertEqual(order.fixedFee.amountString, "1.00")
        XCTAssertEqual(order.total.amountString, "2.00")
        XCTAssertTrue(order.capApplied)
    }

    func testSmallerOrderTotalReducesLinesProportionally() throws {
        let r = try rule("50", fixed: money("1.00"))
        let order = try CommissionCalculator.order(lines: [
            CommissionLine(lineTotal: money("10.00"), rule: r),   // 5.00
            CommissionLine(lineTotal: money("20.00"), rule: r),   // 10.00
        ], orderTotal: money("12.00"))
        // 15.00 + 1.00 fixed = 16.00 > 12.00: 1.00 from the fixed fee, 3.00 from the lines 1:2.
        XCTAssertEqual(order.fixedFee.amountString, "0.00")
        XCTAssertEqual(order.lines.map(\.orderReduction.amountString), ["1.00", "2.00"])
        XCTAssertEqual(order.lines.map(\.commission.amountString), ["4.00", "8.00"])
        XCTAssertEqual(order.total.amountString, "12.00")
        let zeroCap = try CommissionCalculator.order(lines: [CommissionLine(lineTotal: money("10.00"), rule: r)],
                                                     orderTotal: money("0.00"))
        XCTAssertEqual(zeroCap.total.amountString, "0.00")
    }

    func testPreviewBreakdown() throws {
        let r = try rule("8.5", fixed: money("0.30", "USD"), min: money("1.00", "USD"), max: money("100.00", "USD"))
        let preview = try CommissionCalculator.preview(amount: money("10.00", "USD"), rule: r)
        XCTAssertEqual(preview.rule.id, "r")
        XCTAssertEqual(preview.percent.description, "8.5")
        XCTAssertEqual(preview.percentPart.amountString, "0.85")
        XCTAssertEqual(preview.clamp, .minFee)
        XCTAssertEqual(preview.clampedPercentPart.amountString, "1.00")
        XCTAssertEqual(preview.fixedFee.amountString, "0.30")
        XCTAssertEqual(preview.total.amountString, "1.30")
        XCTAssertFalse(preview.capApplied)
    }

    func testErrors() throws {
        XCTAssertThrowsError(try CommissionCalculator.order(lines: [])) {
            XCTAssertEqual($0 as? CommissionError, .noLines)
        }
        XCTAssertThrowsError(try CommissionCalculator.line(lineTotal: money("1.00", "USD"), rule: rule("5", min: money("1.00")))) {
            XCTAssertEqual($0 as? CommissionError, .currencyMismatch(field: "min_fee", expected: "USD", found: "EUR"))
        }
        XCTAssertThrowsError(try CommissionCalculator.line(lineTotal: money("-1.00"), rule: rule("5"))) {
            XCTAssertEqual($0 as? CommissionError, .negativeAmount)
        }
        XCTAssertThrowsError(try CommissionCalculator.line(lineTotal: money("1.00"), rule: rule("101")))
        XCTAssertThrowsError(try CommissionCalculator.order(lines: [
            CommissionLine(lineTotal: money("1.00"), rule: rule("5")),
            CommissionLine(lineTotal: money("1.00", "USD"), rule: rule("5")),
        ]))
        XCTAssertThrowsError(try CommissionCalculator.order(lines: [
            CommissionLine(lineTotal: Money(minorUnits: .max, currency: .eur), rule: rule("5")),
            CommissionLine(lineTotal: Money(minorUnits: .max, currency: .eur), rule: rule("5")),
        ])) { XCTAssertEqual($0 as? CommissionError, .overflow) }
    }

    func testLargeAmountsDoNotOverflow() throws {
        let line = try CommissionCalculator.line(lineTotal: Money(minorUnits: .max, currency: .krw), rule: rule("99.999999"))
        // Int64.max × 99.999999 % = 9223371944621055438.45224193 → ...438 (exact via the 256-bit intermediate).
        XCTAssertEqual(line.commission.minorUnits, 9_223_371_944_621_055_438)
    }

    func testFeesConvertedIntoTheLineCurrency() throws {
        let table = FXRateTable(rates: [try FXRate(id: "fx", base: .usd, quote: .eur, rate: ExactDecimal.parse("0.9"),
                                                   effectiveFrom: t0)])
        let r = try rule("1", fixed: money("1.00", "USD"), min: money("10.00", "USD"))
        let converted = try XCTUnwrap(r.converted(to: .eur, using: table, at: t0))
        XCTAssertEqual(converted.fixedFee, try money("0.90"))
        XCTAssertEqual(converted.minFee, try money("9.00"))
        XCTAssertNil(converted.maxFee)
        XCTAssertEqual(converted.id, r.id)
        XCTAssertNil(r.converted(to: .krw, using: table, at: t0))
    }
}
