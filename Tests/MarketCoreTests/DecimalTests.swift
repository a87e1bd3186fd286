import XCTest
@testable import MarketCore

final class DecimalTests: XCTestCase {
    private func d(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> ExactDecimal {
        do { return try ExactDecimal.parse(s) } catch {
            XCTFail("\(s): \(error)", file: file, line: line)
            return .zero
        }
    }

    // MARK: - Parsing and formatting

    func testParsesAndFormatsCanonically() throws {
        let cases: [(String, Int128, Int)] = [
            ("0", 0, 0), ("7", 7, 0), ("-7", -7, 0), ("1234.50", 123450, 2), ("-0.5", -5, 1),
            ("0.000000000000000001", 1, 18), ("10", 10, 0), ("100.0", 1000, 1),
        ]
        for (text, mantissa, scale) in cases {
            let value = try ExactDecimal.parse(text)
            XCTAssertEqual(value.mantissa, mantissa, text)
            XCTAssertEqual(value.scale, scale, text)
            XCTAssertEqual(value.description, text, text)
        }
    }

    func testNegativeZeroFormatsWithoutSign() throws {
        XCTAssertEqual(try ExactDecimal.parse("-0").description, "0")
        XCTAssertEqual(try ExactDecimal.parse("-0.00").description, "0.00")
    }

    func testLargestValues() throws {
        let max = "170141183460469231731687303715884105727"   // Int128.max
        XCTAssertEqual(try ExactDecimal.parse(max).description, max)
        XCTAssertEqual(try ExactDecimal.parse("-" + max).description, "-" + max)
        XCTAssertEqual(try ExactDecimal.parse("170141183460469231.731687303715884105").scale, 18)
        XCTAssertThrowsError(try ExactDecimal.parse("170141183460469231731687303715884105728")) {
            XCTAssertEqual($0 as? DecimalParseError, .outOfRange)
        }
        XCTAssertThrowsError(try ExactDecimal.parse(String(repeating: "9", count: 10_000))) {
            XCTAssertEqual($0 as? DecimalParseError, .outOfRange)
        }
    }

    func testRejectsMalformedStringsSayingWhy() {
        let cases: [(String, DecimalParseError)] = [
            ("", .empty),
            ("+1", .leadingPlus),
            (" 1", .whitespace), ("1 ", .whitespace), ("1 000", .whitespace), ("1\t", .whitespace),
            ("1e5", .exponent), ("1E5", .exponent), ("1.5e-3", .exponent),
            ("1,000", .separator(",")), ("1_000", .separator("_")), ("1'000", .separator("'")),
            ("12,50", .separator(",")),
            ("1.2.3", .multipleDecimalPoints),
            (".5", .missingIntegerDigits), ("-", .missingIntegerDigits), ("-.5", .missingIntegerDigits),
            ("5.", .missingFractionDigits), ("-5.", .missingFractionDigits),
            ("01", .leadingZero), ("00", .leadingZero), ("-01.5", .leadingZero), ("00.5", .leadingZero),
            ("0x10", .invalidCharacter("x")), ("abc", .invalidCharacter("a")), ("NaN", .invalidCharacter("N")),
            ("Infinity", .invalidCharacter("I")), ("--1", .invalidCharacter("-")), ("1-", .invalidCharacter("-")),
            ("1+", .invalidCharacter("+")), ("١٢", .invalidCharacter("١")), ("$5", .invalidCharacter("$")),
            ("1.0000000000000000001", .tooManyFractionDigits(found: 19, allowed: 18)),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try ExactDecimal.parse(text), text) {
                XCTAssertEqual($0 as? DecimalParseError, expected, "\(text): \($0)")
            }
            XCTAssertNil(ExactDecimal(text), text)
        }
        XCTAssertThrowsError(try ExactDecimal.parse("1.234", maxScale: 2)) {
            XCTAssertEqual($0 as? DecimalParseError, .tooManyFractionDigits(found: 3, allowed: 2))
        }
    }

    func testErrorMessagesAreReadable() {
        XCTAssertEqual(DecimalParseError.tooManyFractionDigits(found: 3, allowed: 2).description,
                       "has 3 decimal places; at most 2 allowed")
        XCTAssertEqual(DecimalParseError.exponent.description, "must not use an exponent; write all digits")
    }

    // MARK: - Rounding

    func testHalfEvenTable() throws {
        let cases: [(String, Int, String)] = [
            ("0.5", 0, "0"), ("1.5", 0, "2"), ("2.5", 0, "2"), ("3.5", 0, "4"), ("4.5", 0, "4"),
            ("-0.5", 0, "0"), ("-1.5", 0, "-2"), ("-2.5", 0, "-2"), ("-3.5", 0, "-4"),
            ("2.51", 0, "3"), ("2.49", 0, "2"), ("-2.51", 0, "-3"), ("2.500000000000000001", 0, "3"),
            ("0.05", 1, "0.0"), ("0.15", 1, "0.2"), ("0.25", 1, "0.2"), ("0.35", 1, "0.4"),
            ("1.005", 2, "1.00"), ("1.015", 2, "1.02"), ("1.025", 2, "1.02"), ("1.0250001", 2, "1.03"),
            ("0.0005", 3, "0.000"), ("0.0015", 3, "0.002"), ("12345.6789", 2, "12345.68"),
            ("999.995", 2, "1000.00"), ("-999.995", 2, "-1000.00"), ("7", 2, "7.00"), ("0.1", 4, "0.1000"),
        ]
        for (input, scale, expected) in cases {
            let rounded = try d(input).rounded(toScale: scale)
            XCTAssertEqual(rounded.description, expected, "\(input) to \(scale)")
            XCTAssertEqual(rounded.scale, scale)
        }
    }

    func testOtherRoundingRules() throws {
        XCTAssertEqual(try d("2.59").rounded(toScale: 1, rule: .towardZero).description, "2.5")
        XCTAssertEqual(try d("-2.59").rounded(toScale: 1, rule: .towardZero).description, "-2.5")
        XCTAssertEqual(try d("2.51").rounded(toScale: 1, rule: .awayFromZero).description, "2.6")
        XCTAssertEqual(try d("-2.51").rounded(toScale: 1, rule: .awayFromZero).description, "-2.6")
        XCTAssertEqual(try d("2.50").rounded(toScale: 1, rule: .awayFromZero).description, "2.5")
    }

    func testRoundingErrors() {
        XCTAssertThrowsError(try d("1").rounded(toScale: 19)) { XCTAssertEqual($0 as? DecimalError, .scaleOutOfRange(19)) }
        XCTAssertThrowsError(try d("1").rounded(toScale: -1)) { XCTAssertEqual($0 as? DecimalError, .scaleOutOfRange(-1)) }
        let huge = d("170141183460469231731687303715884105727")
        XCTAssertThrowsError(try huge.rounded(toScale: 1)) { XCTAssertEqual($0 as? DecimalError, .overflow) }
    }

    // MARK: - Comparison

    func testComparisonAcrossScales() {
        XCTAssertEqual(d("1.5"), d("1.50"))
        XCTAssertEqual(d("1.5").hashValue, d("1.500").hashValue)
        XCTAssertEqual(Set([d("2"), d("2.0"), d("2.000")]).count, 1)
        XCTAssertEqual(d("0"), d("-0.000"))
        XCTAssertLessThan(d("1.05"), d("1.5"))
        XCTAssertLessThan(d("-1.5"), d("-1.05"))
        XCTAssertLessThan(d("-0.000000000000000001"), d("0"))
        XCTAssertLessThan(d("0.000000000000000001"), d("170141183460469231731687303715884105727"))
        // Would overflow if both sides were scaled up in 128 bits.
        XCTAssertLessThan(d("170141183460469231731.687303715884105727"), d("170141183460469231731687303715884105727"))
        XCTAssertGreaterThan(d("-170141183460469231731.687303715884105727"), d("-170141183460469231731687303715884105727"))
        XCTAssertEqual([d("3"), d("-1.25"), d("0.5"), d("0.50001")].sorted().map(\.description),
                       ["-1.25", "0.5", "0.50001", "3"])
    }

    // MARK: - Arithmetic

    func testAdditionIsExact() throws {
        XCTAssertEqual(try d("0.1").adding(d("0.2")), d("0.3"))
        XCTAssertEqual(try d("0.1").adding(d("0.2")).description, "0.3")
        XCTAssertEqual(try d("1.5").adding(d("0.25")).description, "1.75")
        XCTAssertEqual(try d("1.50").subtracting(d("3")).description, "-1.50")
    }

    func testAdditionOverflowThrows() {
        let max = d("170141183460469231731687303715884105727")
        XCTAssertThrowsError(try max.adding(d("1"))) { XCTAssertEqual($0 as? DecimalError, .overflow) }
        XCTAssertThrowsError(try max.negated().subtracting(d("1"))) { XCTAssertEqual($0 as? DecimalError, .overflow) }
        XCTAssertThrowsError(try max.adding(d("0.1"))) { XCTAssertEqual($0 as? DecimalError, .overflow) }
    }

    func testMultiplication() throws {
        XCTAssertEqual(try d("1.5").multiplied(by: d("1.5")).description, "2.25")
        XCTAssertEqual(try d("9.00").multiplied(by: d("100")).description, "900.00")
        XCTAssertEqual(try d("-0.5").multiplied(by: d("0.5")).description, "-0.25")
        XCTAssertThrowsError(try d("0.000000000001").multiplied(by: d("0.000000001"))) {
            XCTAssertEqual($0 as? DecimalError, .precisionExceeded)
        }
        // Trailing zeros beyond the maximum scale are dropped, not refused.
        XCTAssertEqual(try d("0.00000000000100").multiplied(by: d("0.000010")).description, "0.000000000000000010")
        XCTAssertEqual(try d("0.000000000001").multiplied(by: d("0.000000001"), scale: 18).description,
                       "0.000000000000000000")
        XCTAssertEqual(try d("1.005").multiplied(by: d("1"), scale: 2).description, "1.00")
        XCTAssertEqual(try d("2").multiplied(by: d("3"), scale: 2).description, "6.00")
        XCTAssertThrowsError(try d("18446744073709551616").multiplied(by: d("18446744073709551616"))) {
            XCTAssertEqual($0 as? DecimalError, .overflow)
        }
        // The 256-bit intermediate lets a product whose mantissa overflows 128 bits round back into range.
        let big = d("10000000000000000000.000000000000000000")
        let one = d("1.000000000000000000")
        XCTAssertThrowsError(try big.multiplied(by: one)) { XCTAssertEqual($0 as? DecimalError, .overflow) }
        XCTAssertEqual(try big.multiplied(by: one, scale: 0).description, "10000000000000000000")
        XCTAssertEqual(try big.multiplied(by: d("0.333333333333333333"), scale: 2).description,
                       "3333333333333333330.00")
    }

    func testDivisionRoundsHalfEven() throws {
        XCTAssertEqual(try d("1").divided(by: d("3"), scale: 12).description, "0.333333333333")
        XCTAssertEqual(try d("2").divided(by: d("3"), scale: 12).description, "0.666666666667")
        XCTAssertEqual(try d("1").divided(by: d("0.9"), scale: 12).description, "1.111111111111")
        XCTAssertEqual(try d("1").divided(by: d("8"), scale: 2).description, "0.12")    // 0.125 → 0.12
        XCTAssertEqual(try d("3").divided(by: d("8"), scale: 2).description, "0.38")    // 0.375 → 0.38
        XCTAssertEqual(try d("-1").divided(by: d("8"), scale: 2).description, "-0.12")
        XCTAssertEqual(try d("1").divided(by: d("-8"), scale: 2).description, "-0.12")
        XCTAssertEqual(try d("1350").divided(by: d("0.9"), scale: 0).description, "1500")
        XCTAssertEqual(try d("0.000001").divided(by: d("1000000"), scale: 0).description, "0")
        XCTAssertEqual(try d("1.23456789").divided(by: d("1"), scale: 2).description, "1.23")
        XCTAssertThrowsError(try d("1").divided(by: d("0.00"), scale: 2)) {
            XCTAssertEqual($0 as? DecimalError, .divisionByZero)
        }
        XCTAssertThrowsError(try d("170141183460469231731687303715884105727").divided(by: d("0.5"), scale: 0)) {
            XCTAssertEqual($0 as? DecimalError, .overflow)
        }
    }

    func testDivisionByHugeDivisorRoundsToZero() throws {
        let tiny = try d("5.000000000000000000").divided(by: d("170141183460469231731687303715884105727"), scale: 0)
        XCTAssertEqual(tiny, .zero)
        let up = try d("5.000000000000000000").divided(by: d("170141183460469231731687303715884105727"),
                                                     scale: 0, rule: .awayFromZero)
        XCTAssertEqual(up, d("1"))
    }

    func testNormalizedAndSign() {
        XCTAssertEqual(d("1.500").normalized().description, "1.5")
        XCTAssertEqual(d("2.00").normalized().description, "2")
        XCTAssertEqual(d("0.000").normalized().description, "0")
        XCTAssertEqual(d("-3.10").negated().description, "3.10")
        XCTAssertEqual(d("-3.10").magnitude.description, "3.10")
        XCTAssertEqual(d("-3").signum, -1)
        XCTAssertTrue(d("0.00").isZero)
    }

    func testInitRejectsBadScale() {
        XCTAssertThrowsError(try ExactDecimal(mantissa: 1, scale: 19))
        XCTAssertThrowsError(try ExactDecimal(mantissa: .min, scale: 0))
        XCTAssertEqual(try ExactDecimal(mantissa: 12345, scale: 3).description, "12.345")
    }
}
