import Foundation
import XCTest
@testable import MarketCore

final class MoneyTests: XCTestCase {
    private func money(_ amount: String, _ code: String, file: StaticString = #filePath, line: UInt = #line) -> Money {
        do { return try Money.parse(amount: amount, currency: code) } catch {
            XCTFail("\(amount) \(code): \(error)", file: file, line: line)
            return .zero(.usd)
        }
    }

    // MARK: - Parsing and formatting

    func testParseAndFormatPerExponent() {
        XCTAssertEqual(money("1234.50", "USD").minorUnits, 123450)
        XCTAssertEqual(money("1234.50", "USD").amountString, "1234.50")
        XCTAssertEqual(money("1000", "USD").amountString, "1000.00")
        XCTAssertEqual(money("1000.5", "EUR").amountString, "1000.50")
        XCTAssertEqual(money("1000", "KRW").amountString, "1000")
        XCTAssertEqual(money("1000", "KRW").minorUnits, 1000)
        XCTAssertEqual(money("1", "KWD").amountString, "1.000")
        XCTAssertEqual(money("1.234", "KWD").minorUnits, 1234)
        XCTAssertEqual(money("0.0001", "CLF").amountString, "0.0001")
        XCTAssertEqual(money("-5", "USD").amountString, "-5.00")
        XCTAssertEqual(money("-0.00", "USD").amountString, "0.00")
        XCTAssertEqual(money("0.07", "USD").description, "0.07 USD")
    }

    func testRejectsTooManyDecimals() {
        let cases: [(String, String, Int, Int)] = [
            ("12.345", "USD", 3, 2), ("1000.0", "KRW", 1, 0), ("1.5", "JPY", 1, 0), ("1.0000", "KWD", 4, 3),
            ("0.00001", "CLF", 5, 4),
        ]
        for (amount, code, found, allowed) in cases {
            XCTAssertThrowsError(try Money.parse(amount: amount, currency: code)) {
                XCTAssertEqual($0 as? MoneyError, .tooManyFractionDigits(currency: code, found: found, allowed: allowed))
                XCTAssertEqual(($0 as? MoneyError)?.description,
                               "\(code) amounts take at most \(allowed) decimal places, got \(found)")
            }
        }
    }

    func testRejectsGarbageAndUnknownCurrency() {
        XCTAssertThrowsError(try Money.parse(amount: "1,000.00", currency: "USD")) {
            XCTAssertEqual($0 as? MoneyError, .invalidAmount(.separator(",")))
        }
        XCTAssertThrowsError(try Money.parse(amount: "1e3", currency: "USD")) {
            XCTAssertEqual($0 as? MoneyError, .invalidAmount(.exponent))
        }
        XCTAssertThrowsError(try Money.parse(amount: "", currency: "USD")) {
            XCTAssertEqual($0 as? MoneyError, .invalidAmount(.empty))
        }
        XCTAssertThrowsError(try Money.parse(amount: "10.00", currency: "usd")) {
            XCTAssertEqual($0 as? MoneyError, .unknownCurrency("usd"))
        }
        XCTAssertThrowsError(try Money.parse(amount: "10.00", currency: "XXX")) {
            XCTAssertEqual($0 as? MoneyError, .unknownCurrency("XXX"))
        }
    }

    func testExactAndRoundingInitializers() throws {
        XCTAssertEqual(try Money(exactly: ExactDecimal.parse("2.500"), currency: .usd).minorUnits, 250)
        XCTAssertThrowsError(try Money(exactly: ExactDecimal.parse("2.505"), currency: .usd))
        XCTAssertEqual(try Money(rounding: ExactDecimal.parse("2.505"), currency: .usd).minorUnits, 250)
        XCTAssertEqual(try Money(rounding: ExactDecimal.parse("2.515"), currency: .usd).minorUnits, 252)
        XCTAssertEqual(try Money(rounding: ExactDecimal.parse("1049.5"), currency: .krw).minorUnits, 1050)
        XCTAssertEqual(try Money(rounding: ExactDecimal.parse("1048.5"), currency: .krw).minorUnits, 1048)
    }

    // MARK: - Large B2B amounts and overflow

    func testLargeB2BAmountsDoNotOverflow() throws {
        let big = money("9000000000000.00", "USD")            // 9 trillion dollars: 9 × 10^14 cents
        XCTAssertEqual(big.minorUnits, 900_000_000_000_000)
        var total = Money.zero(.usd)
        for _ in 0..<10_000 { total = try total.adding(big) }   // 9 × 10^18 cents < Int64.max
        XCTAssertEqual(total.amountString, "90000000000000000.00")
        let won = money("9000000000000", "KRW")
        XCTAssertEqual(try Money.sum(Array(repeating: won, count: 1_000_000), currency: .krw).amountString,
                       "9000000000000000000")
        XCTAssertEqual(money("92233720368547758.07", "USD").minorUnits, Int64.max)
        XCTAssertEqual(money("-92233720368547758.08", "USD").minorUnits, Int64.min)
    }

    func testOverflowIsReportedNotTrapped() {
        let max = Money(minorUnits: .max, currency: .usd)
        XCTAssertThrowsError(try max.adding(Money(minorUnits: 1, currency: .usd))) {
            XCTAssertEqual($0 as? MoneyError, .overflow)
        }
        XCTAssertThrowsError(try Money(minorUnits: .min, currency: .usd).subtracting(Money(minorUnits: 1, currency: .usd)))
        XCTAssertThrowsError(try Money(minorUnits: .min, currency: .usd).negated())
        XCTAssertThrowsError(try max.multiplied(by: 2))
        XCTAssertThrowsError(try Money.parse(amount: "92233720368547758.08", currency: "USD")) {
            XCTAssertEqual($0 as? MoneyError, .overflow)
        }
        XCTAssertThrowsError(try Money.parse(amount: "9223372036854775808", currency: "KRW"))
        XCTAssertThrowsError(try Money.lineTotal(unitPrice: ExactDecimal.parse("999999999.999999"),
                                                 quantity: .max, currency: .usd)) {
            XCTAssertEqual($0 as? MoneyError, .overflow)
        }
        XCTAssertThrowsError(try Money.sum([max, max], currency: .usd))
    }

    func testCurrencyMismatch() {
        XCTAssertThrowsError(try money("1.00", "USD").adding(money("1.00", "EUR"))) {
            XCTAssertEqual($0 as? MoneyError, .currencyMismatch(expected: "USD", found: "EUR"))
        }
        XCTAssertThrowsError(try Money.sum([money("1.00", "EUR")], currency: .usd))
        XCTAssertThrowsError(try money("1.00", "USD").compare(to: money("1", "JPY")))
    }

    func testComparisonHelpers() throws {
        let a = money("1.00", "USD")
        let b = money("2.00", "USD")
        XCTAssertTrue(try a.isLess(than: b))
        XCTAssertEqual(try a.minimum(b), a)
        XCTAssertEqual(try a.maximum(b), b)
        XCTAssertEqual(try b.subtracting(a).amountString, "1.00")
        XCTAssertEqual(try a.negated().amountString, "-1.00")
    }

    // MARK: - Line totals and unit prices

    func testLineTotalsRoundHalfEvenAtTheLine() throws {
        func total(_ price: String, _ quantity: Int64, _ code: String) throws -> String {
            try UnitPrice.parse(amount: price, currency: code).lineTotal(quantity: quantity).amountString
        }
        XCTAssertEqual(try total("9.00", 100, "EUR"), "900.00")          // the worked example
        XCTAssertEqual(try total("0.125", 1, "USD"), "0.12")             // tie → even
        XCTAssertEqual(try total("0.125", 3, "USD"), "0.38")             // 0.375 → 0.38
        XCTAssertEqual(try total("0.135", 1, "USD"), "0.14")
        XCTAssertEqual(try total("1.005", 1, "USD"), "1.00")
        XCTAssertEqual(try total("0.333333", 3, "USD"), "1.00")          // 0.999999
        XCTAssertEqual(try total("12.5", 1, "KRW"), "12")
        XCTAssertEqual(try total("13.5", 1, "KRW"), "14")
        XCTAssertEqual(try total("1500", 1000, "KRW"), "1500000")
        XCTAssertEqual(try total("0.0005", 1, "KWD"), "0.000")
        XCTAssertEqual(try total("0.0015", 1, "KWD"), "0.002")
        XCTAssertEqual(try total("0.000001", 1_000_000, "USD"), "1.00")
        XCTAssertEqual(try total("7", 0, "USD"), "0.00")
        XCTAssertEqual(try total("2.5", 3, "CLF"), "7.5000")
    }

    func testUnitPriceParsingAndFormatting() throws {
        XCTAssertEqual(try UnitPrice.parse(amount: "9.00", currency: "EUR").amountString, "9.00")
        XCTAssertEqual(try UnitPrice.parse(amount: "9", currency: "EUR").amountString, "9.00")
        XCTAssertEqual(try UnitPrice.parse(amount: "0.125000", currency: "USD").amountString, "0.125")
        XCTAssertEqual(try UnitPrice.parse(amount: "1500", currency: "KRW").amountString, "1500")
        XCTAssertEqual(try UnitPrice.parse(amount: "12.5", currency: "KRW").amountString, "12.5")
        XCTAssertEqual(try UnitPrice.parse(amount: "0.123456", currency: "KWD").amountString, "0.123456")
        XCTAssertThrowsError(try UnitPrice.parse(amount: "0.1234567", currency: "USD")) {
            XCTAssertEqual($0 as? MoneyError, .tooManyFractionDigits(currency: "USD", found: 7, allowed: 6))
        }
        XCTAssertThrowsError(try UnitPrice.parse(amount: "-1.00", currency: "USD")) {
            XCTAssertEqual($0 as? MoneyError, .negativeNotAllowed)
        }
        XCTAssertThrowsError(try UnitPrice.parse(amount: "1.00", currency: "EURO"))
    }

    // MARK: - Conversion, pro-rating, allocation

    func testConversionAtALockedRate() throws {
        let usd = money("1000.00", "USD")
        XCTAssertEqual(try usd.converted(to: .eur, rate: ExactDecimal.parse("0.9")).amountString, "900.00")
        XCTAssertEqual(try usd.converted(to: .krw, rate: ExactDecimal.parse("1350.255")).amountString, "1350255")
        XCTAssertEqual(try money("1.00", "USD").converted(to: .kwd, rate: ExactDecimal.parse("0.3085")).amountString,
                       "0.308")   // 0.3085 → 0.308 (tie → even)
        XCTAssertEqual(try money("1.00", "USD").converted(to: .kwd, rate: ExactDecimal.parse("0.3075")).amountString,
                       "0.308")
        XCTAssertEqual(try money("100", "JPY").converted(to: .usd, rate: ExactDecimal.parse("0.0066667")).amountString,
                       "0.67")
        XCTAssertEqual(try money("1", "KRW").converted(to: .clf, rate: ExactDecimal.parse("0.00003")).amountString,
                       "0.0000")
        XCTAssertThrowsError(try Money(minorUnits: .max, currency: .usd).converted(to: .krw, rate: ExactDecimal(1350)))
    }

    func testProrating() throws {
        XCTAssertEqual(try money("63.00", "EUR").prorated(numerator: 3, denominator: 10).amountString, "18.90")
        XCTAssertEqual(try money("0.05", "USD").prorated(numerator: 1, denominator: 2).amountString, "0.02")
        XCTAssertEqual(try money("0.15", "USD").prorated(numerator: 1, denominator: 2).amountString, "0.08")
        XCTAssertEqual(try money("100", "KRW").prorated(numerator: 1, denominator: 3).amountString, "33")
        XCTAssertEqual(try money("-0.15", "USD").prorated(numerator: 1, denominator: 2).amountString, "-0.08")
        XCTAssertEqual(try Money(minorUnits: .max, currency: .usd).prorated(numerator: .max, denominator: .max).minorUnits,
                       .max)
        XCTAssertThrowsError(try money("1.00", "USD").prorated(numerator: 1, denominator: 0)) {
            XCTAssertEqual($0 as? MoneyError, .divisionByZero)
        }
        XCTAssertThrowsError(try money("1.00", "USD").prorated(numerator: 3, denominator: 1).multiplied(by: .max))
    }

    func testAllocationSumsExactly() throws {
        XCTAssertEqual(try money("1.00", "USD").allocated(proportionalTo: [1, 1, 1]).map(\.minorUnits), [34, 33, 33])
        XCTAssertEqual(try money("-1.00", "USD").allocated(proportionalTo: [1, 1, 1]).map(\.minorUnits), [-34, -33, -33])
        XCTAssertEqual(try money("10", "KRW").allocated(proportionalTo: [0, 3, 7]).map(\.minorUnits), [0, 3, 7])
        XCTAssertEqual(try money("0.05", "USD").allocated(proportionalTo: [1, 2]).map(\.minorUnits), [2, 3])
        XCTAssertEqual(try Money(minorUnits: .max, currency: .usd).allocated(proportionalTo: [.max, .max])
                        .map(\.minorUnits).reduce(Int128(0)) { $0 + Int128($1) }, Int128(Int64.max))
        XCTAssertThrowsError(try money("1.00", "USD").allocated(proportionalTo: [0, 0]))
        XCTAssertThrowsError(try money("1.00", "USD").allocated(proportionalTo: []))
        XCTAssertThrowsError(try money("1.00", "USD").allocated(proportionalTo: [1, -1]))
    }

    // MARK: - JSON

    func testJSONShape() throws {
        let decoded = try JSONDecoder().decode(Money.self, from: Data(#"{"amount":"1234.50","currency":"USD"}"#.utf8))
        XCTAssertEqual(decoded, money("1234.50", "USD"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(String(decoding: try encoder.encode(money("1000", "KRW")), as: UTF8.self),
                       #"{"amount":"1000","currency":"KRW"}"#)
        XCTAssertEqual(String(decoding: try encoder.encode(ExactDecimal.parse("8.50")), as: UTF8.self), #""8.50""#)
        XCTAssertEqual(try JSONDecoder().decode(Currency.self, from: Data(#""KWD""#.utf8)), .kwd)
        for bad in [#"{"amount":1234.5,"currency":"USD"}"#, #"{"amount":"12.345","currency":"USD"}"#,
                    #"{"amount":"1","currency":"usd"}"#, #"{"amount":"1"}"#] {
            XCTAssertThrowsError(try JSONDecoder().decode(Money.self, from: Data(bad.utf8)), bad)
        }
    }
}
