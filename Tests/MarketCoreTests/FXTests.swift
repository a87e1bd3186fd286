import Foundation
import XCTest
@testable import MarketCore

final class FXTests: XCTestCase {
    private let jan1 = Date(timeIntervalSince1970: 1_767_225_600)   // 2026-01-01T00:00:00Z
    private func day(_ n: Int) -> Date { jan1.addingTimeInterval(Double(n) * 86_400) }

    private func rate(_ id: String, _ base: Currency, _ quote: Currency, _ value: String, from: Date) throws -> FXRate {
        try FXRate(id: id, base: base, quote: quote, rate: ExactDecimal.parse(value), effectiveFrom: from, source: "test")
    }

    private func money(_ amount: String, _ code: String) -> Money {
        (try? Money.parse(amount: amount, currency: code)) ?? .zero(.usd)
    }

    // MARK: - The worked example (issue 8)

    func testWorkedExampleDirect() throws {
        let table = try FXRateTable(rates: [rate("r1", .usd, .eur, "0.9", from: jan1)])
        let converted = try XCTUnwrap(table.convert(money("1000.00", "USD"), to: .eur, at: day(3)))
        XCTAssertEqual(converted.0.amountString, "900.00")
        XCTAssertEqual(converted.0.currency, .eur)
        XCTAssertEqual(converted.1.rate.description, "0.9")
        XCTAssertEqual(converted.1.method, .direct)
        XCTAssertEqual(converted.1.rateIDs, ["r1"])
    }

    func testWorkedExampleBuyerPaysInUSD() throws {
        // 100 units at 9.00 EUR bought in USD at USD/EUR 0.9 → 1000.00 USD; settled at the locked rate → 900.00 EUR.
        let table = try FXRateTable(rates: [rate("r1", .usd, .eur, "0.9", from: jan1),
                                        rate("r2", .usd, .eur, "0.8", from: day(10))])
        let lineEUR = try UnitPrice.parse(amount: "9.00", currency: "EUR").lineTotal(quantity: 100)
        let (lineUSD, locked) = try XCTUnwrap(table.convert(lineEUR, to: .usd, at: day(1)))
        XCTAssertEqual(lineUSD.amountString, "1000.00")
        XCTAssertEqual(locked.method, .inverse)
        XCTAssertEqual(locked.rate.description, "1.111111111111111111")
        // The rate changes to 0.8; settlement converts back at the rate the order locked (USD/EUR 0.9).
        let lockedBack = try XCTUnwrap(table.rate(from: .usd, to: .eur, at: day(1)))
        XCTAssertEqual(try lockedBack.convert(lineUSD).amountString, "900.00")
        XCTAssertEqual(try XCTUnwrap(table.convert(lineUSD, to: .eur, at: day(11))).0.amountString, "800.00")
    }

    // MARK: - Direct, inverse, cross

    func testInverseRate() throws {
        let table = try FXRateTable(rates: [rate("r1", .usd, .krw, "1350", from: jan1)])
        let quote = try XCTUnwrap(table.rate(from: .krw, to: .usd, at: day(1)))
        XCTAssertEqual(quote.method, .inverse)
        XCTAssertEqual(quote.rate.description, "0.000740740740740741")
        XCTAssertEqual(quote.rateIDs, ["r1"])
        XCTAssertEqual(try XCTUnwrap(table.convert(money("1350000", "KRW"), to: .usd, at: day(1))).0.amountString,
                       "1000.00")
    }

    func testCrossRateMixedLegsUsesOneRounding() throws {
        let table = try FXRateTable(rates: [rate("eur", .usd, .eur, "0.9", from: jan1),
                                        rate("krw", .usd, .krw, "1350", from: jan1)])
        let quote = try XCTUnwrap(table.rate(from: .eur, to: .krw, at: day(1)))
        XCTAssertEqual(quote.method, .cross)
        XCTAssertEqual(quote.via, .usd)
        XCTAssertEqual(quote.rateIDs, ["eur", "krw"])
        XCTAssertEqual(quote.rate, try ExactDecimal.parse("1500"))   // 1350 / 0.9 exactly
        XCTAssertEqual(try XCTUnwrap(table.convert(money("100.00", "EUR"), to: .krw, at: day(1))).0.amountString,
                       "150000")
        let back = try XCTUnwrap(table.rate(from: .krw, to: .eur, at: day(1)))
        XCTAssertEqual(back.rate.description, "0.000666666666666667")   // 0.9 / 1350
    }

    func testCrossRateBothDirect() throws {
        let table = try FXRateTable(rates: [rate("a", .eur, .usd, "1.1", from: jan1),
                                        rate("b", .usd, .jpy, "150", from: jan1)])
        let quote = try XCTUnwrap(table.rate(from: .eur, to: .jpy, at: day(1)))
        XCTAssertEqual(quote.rate, try ExactDecimal.parse("165"))
        XCTAssertEqual(quote.rateIDs, ["a", "b"])
    }

    func testCrossRateBothInverse() throws {
        let table = try FXRateTable(rates: [rate("a", .usd, .eur, "0.8", from: jan1),
                                        rate("b", .jpy, .usd, "0.0066", from: jan1)])
        let quote = try XCTUnwrap(table.rate(from: .eur, to: .jpy, at: day(1)))
        XCTAssertEqual(quote.method, .cross)
        XCTAssertEqual(quote.rate.description, "189.393939393939393939")   // 1 / (0.8 × 0.0066), one rounding
        XCTAssertEqual(try XCTUnwrap(table.convert(money("100.00", "EUR"), to: .jpy, at: day(1))).0.amountString,
                       "18939")
    }

    func testCrossThroughConfiguredBase() throws {
        let table = try FXRateTable(rates: [rate("a", .eur, .krw, "1500", from: jan1),
                                        rate("b", .eur, .kwd, "0.33", from: jan1)], baseCurrency: .eur)
        let quote = try XCTUnwrap(table.rate(from: .krw, to: .kwd, at: day(1)))
        XCTAssertEqual(quote.via, .eur)
        XCTAssertEqual(quote.rate.description, "0.000220000000000000")
        XCTAssertNil(FXRateTable(rates: table.storedRate(base: .eur, quote: .krw, at: day(1)).map { [$0] } ?? [])
            .rate(from: .krw, to: .kwd, at: day(1)))
    }

    func testSameCurrencyIsIdentity() throws {
        let table = FXRateTable(rates: [])
        let quote = try XCTUnwrap(table.rate(from: .jpy, to: .jpy, at: jan1))
        XCTAssertEqual(quote.method, .identity)
        XCTAssertEqual(quote.rate, .one)
        XCTAssertEqual(quote.rateIDs, [])
        XCTAssertEqual(try XCTUnwrap(table.convert(money("123", "JPY"), to: .jpy, at: jan1)).0, money("123", "JPY"))
    }

    func testMissingRatesGiveNil() throws {
        let table = try FXRateTable(rates: [rate("a", .usd, .eur, "0.9", from: jan1)])
        XCTAssertNil(table.rate(from: .eur, to: .krw, at: day(1)))              // no USD/KRW leg
        XCTAssertNil(table.rate(from: .usd, to: .krw, at: day(1)))              // base involved: no cross
        XCTAssertNil(table.convert(money("1.00", "GBP"), to: .jpy, at: day(1)))
    }

    func testDirectPreferredOverNewerInverse() throws {
        let table = try FXRateTable(rates: [rate("direct", .usd, .eur, "0.9", from: jan1),
                                        rate("inverse", .eur, .usd, "1.2", from: day(5))])
        XCTAssertEqual(try XCTUnwrap(table.rate(from: .usd, to: .eur, at: day(6))).rateIDs, ["direct"])
        XCTAssertEqual(try XCTUnwrap(table.rate(from: .eur, to: .usd, at: day(6))).rateIDs, ["inverse"])
        // Before the EUR/USD rate existed the USD/EUR rate is inverted.
        XCTAssertEqual(try XCTUnwrap(table.rate(from: .eur, to: .usd, at: day(1))).rateIDs, ["direct"])
    }

    func testConvertingLargeAmounts() throws {
        let table = try FXRateTable(rates: [rate("a", .usd, .krw, "1350.25", from: jan1)])
        let (won, _) = try XCTUnwrap(table.convert(money("9000000000000.00", "USD"), to: .krw, at: day(1)))
        XCTAssertEqual(won.amountString, "12152250000000000")
        XCTAssertNil(table.convert(Money(minorUnits: .max, currency: .usd), to: .krw, at: day(1)))   // overflow → nil
    }

    // MARK: - History

    func testRateEffectiveAtAnInstant() throws {
        let table = try FXRateTable(rates: [rate("feb", .usd, .eur, "0.8", from: day(31)),
                                        rate("jan", .usd, .eur, "0.9", from: jan1),
                                        rate("mar", .usd, .eur, "0.85", from: day(59))])
        XCTAssertNil(table.rate(from: .usd, to: .eur, at: jan1.addingTimeInterval(-1)))
        XCTAssertEqual(try XCTUnwrap(table.rate(from: .usd, to: .eur, at: jan1)).rateIDs, ["jan"])
        XCTAssertEqual(try XCTUnwrap(table.rate(from: .usd, to: .eur, at: day(30))).rateIDs, ["jan"])
        XCTAssertEqual(try XCTUnwrap(table.rate(from: .usd, to: .eur, at: day(31))).rateIDs, ["feb"])
        XCTAssertEqual(try XCTUnwrap(table.rate(from: .usd, to: .eur, at: day(58))).rateIDs, ["feb"])
        XCTAssertEqual(try XCTUnwrap(table.rate(from: .usd, to: .eur, at: day(400))).rateIDs, ["mar"])
        XCTAssertEqual(try XCTUnwrap(table.rate(from: .eur, to: .usd, at: day(40))).rate, try ExactDecimal.parse("1.25"))
    }

    func testEqualEffectiveDatesLaterInputWins() throws {
        let table = try FXRateTable(rates: [rate("first", .usd, .eur, "0.9", from: jan1),
                                        rate("second", .usd, .eur, "0.91", from: jan1)])
        XCTAssertEqual(try XCTUnwrap(table.rate(from: .usd, to: .eur, at: day(1))).rateIDs, ["second"])
    }

    func testRateValidation() throws {
        XCTAssertThrowsError(try FXRate(id: "a", base: .usd, quote: .usd, rate: .one, effectiveFrom: jan1)) {
            XCTAssertEqual($0 as? FXRateError, .sameCurrency)
        }
        XCTAssertThrowsError(try FXRate(id: "a", base: .usd, quote: .eur, rate: .zero, effectiveFrom: jan1)) {
            XCTAssertEqual($0 as? FXRateError, .nonPositiveRate)
        }
        XCTAssertThrowsError(try FXRate(id: "a", base: .usd, quote: .eur, rate: ExactDecimal(-1), effectiveFrom: jan1))
    }

    func testQuoteRefusesOtherCurrency() throws {
        let table = try FXRateTable(rates: [rate("a", .usd, .eur, "0.9", from: jan1)])
        let quote = try XCTUnwrap(table.rate(from: .usd, to: .eur, at: day(1)))
        XCTAssertThrowsError(try quote.convert(money("1.00", "GBP"))) {
            XCTAssertEqual($0 as? MoneyError, .currencyMismatch(expected: "USD", found: "GBP"))
        }
    }
}
