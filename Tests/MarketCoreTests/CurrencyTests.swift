import XCTest
@testable import MarketCore

final class CurrencyTests: XCTestCase {
    func testExponentsOfNamedCurrencies() {
        let expected: [String: Int] = [
            "USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "CNY": 2, "MGA": 2, "IDR": 2,
            "JPY": 0, "KRW": 0, "ISK": 0, "VND": 0, "CLP": 0, "PYG": 0, "UGX": 0, "XAF": 0, "XOF": 0, "UYI": 0,
            "KWD": 3, "BHD": 3, "JOD": 3, "OMR": 3, "TND": 3, "LYD": 3, "IQD": 3,
            "CLF": 4, "UYW": 4,
        ]
        for (code, exponent) in expected {
            XCTAssertEqual(Currency(code: code)?.minorUnits, exponent, code)
        }
    }

    func testUnknownCodesAreNil() {
        for code in ["usd", "Usd", "XXX", "XAU", "XDR", "ABC", "", "US", "USDD", " USD", "HRK", "ZWL"] {
            XCTAssertNil(Currency(code: code), code)
        }
    }

    func testTableIsWellFormed() {
        XCTAssertEqual(Currency.all.count, 165)
        XCTAssertEqual(Currency.all.map(\.code), Currency.all.map(\.code).sorted())
        for currency in Currency.all {
            XCTAssertEqual(currency.code.count, 3)
            XCTAssertTrue(currency.code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }, currency.code)
            XCTAssertTrue([0, 2, 3, 4].contains(currency.minorUnits), currency.code)
        }
        XCTAssertEqual(Set(Currency.all.map(\.minorUnits)), [0, 2, 3, 4])
    }

    func testNamedConstantsAgreeWithTable() {
        for named in [Currency.usd, .eur, .gbp, .jpy, .krw, .kwd, .clf] {
            XCTAssertEqual(Currency(code: named.code), named)
        }
    }

    func testEveryCurrencyRoundTripsParseAndFormat() throws {
        for currency in Currency.all {
            let e = currency.minorUnits
            let samples = e == 0 ? ["0", "1", "1000", "-42"]
                : ["0." + String(repeating: "0", count: e), "1." + String(repeating: "0", count: e - 1) + "5",
                   "1000." + String(repeating: "9", count: e), "-0." + String(repeating: "0", count: e - 1) + "1"]
            for text in samples {
                let money = try Money.parse(amount: text, currency: currency.code)
                XCTAssertEqual(money.amountString, text, currency.code)
                XCTAssertEqual(try Money.parse(amount: money.amountString, currency: currency), money)
            }
            // One decimal too many is refused, whatever the exponent.
            let tooMany = "1." + String(repeating: "0", count: e + 1)
            XCTAssertThrowsError(try Money.parse(amount: tooMany, currency: currency)) {
                XCTAssertEqual($0 as? MoneyError,
                               .tooManyFractionDigits(currency: currency.code, found: e + 1, allowed: e))
            }
        }
    }
}
