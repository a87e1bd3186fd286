import Foundation
import XCTest
@testable import MarketCore

/// Property tests over random amounts, rates and rules (seeded SplitMix64; a failure prints the seed, and
/// `PROPERTY_SEED=<seed> swift test --filter MoneyPropertyTests` replays it).
final class MoneyPropertyTests: XCTestCase {
    private static let currencies: [Currency] = ["USD", "EUR", "JPY", "KRW", "KWD", "BHD", "CLF", "ISK", "GBP"]
        .compactMap { Currency(code: $0) }
    private let t0 = Date(timeIntervalSince1970: 1_767_225_600)

    // MARK: - Generators

    private func currency(_ g: inout SplitMix64) -> Currency {
        Self.currencies[Int.random(in: 0..<Self.currencies.count, using: &g)]
    }

    /// 0 ... 10^digits − 1 with `digits` uniform in `0...maxDigits`, so small and large values both occur.
    private func magnitude(_ g: inout SplitMix64, maxDigits: Int) -> Int64 {
        let digits = Int.random(in: 0...maxDigits, using: &g)
        guard digits > 0 else { return 0 }
        var limit: Int64 = 1
        for _ in 0..<digits { limit *= 10 }
        return Int64.random(in: 0..<limit, using: &g)
    }

    private func decimal(_ g: inout SplitMix64) -> ExactDecimal {
        let bits = Int.random(in: 0...126, using: &g)
        let magnitude = bits == 0 ? 0 : Int128.random(in: 0...(Int128(1) << bits), using: &g)
        let mantissa = Bool.random(using: &g) ? -magnitude : magnitude
        return ExactDecimal(unchecked: mantissa, scale: Int.random(in: 0...ExactDecimal.maxScale, using: &g))
    }

    // MARK: - Commission

    func testCommissionWithinMinMaxAndNeverAboveAmount() {
        forAll("commission bounds") { g in
            let currency = currency(&g)
            let percent = ExactDecimal(unchecked: Int128(Int.random(in: 0...100_000, using: &g)), scale: 3)
            let minFee = Bool.random(using: &g) ? Money(minorUnits: magnitude(&g, maxDigits: 6), currency: currency) : nil
            let maxFee = Bool.random(using: &g)
                ? Money(minorUnits: (minFee?.minorUnits ?? 0) + magnitude(&g, maxDigits: 7), currency: currency) : nil
            let fixedFee = Bool.random(using: &g) ? Money(minorUnits: magnitude(&g, maxDigits: 5), currency: currency) : nil
            let rule = FeeRule(id: "r", scope: .default, percent: percent, fixedFee: fixedFee, minFee: minFee,
                               maxFee: maxFee, effectiveFrom: t0, createdAt: t0)
            let lines = (0..<Int.random(in: 1...5, using: &g)).map { _ in
                CommissionLine(lineTotal: Money(minorUnits: magnitude(&g, maxDigits: 14), currency: currency), rule: rule)
            }
            let linesTotal = lines.reduce(Int64(0)) { $0 + $1.lineTotal.minorUnits }
            // Half the time the caller caps with a smaller order total (e.g. after a discount).
            let orderTotal = Bool.random(using: &g)
                ? Money(minorUnits: Int64.random(in: 0...max(linesTotal, 0), using: &g), currency: currency) : nil
            let order = try CommissionCalculator.order(lines: lines, orderTotal: orderTotal)

            for (line, priced) in zip(lines, order.lines) {
                let amount = line.lineTotal.minorUnits
                let before = priced.clamped.minorUnits
                try require(before >= 0 && before <= amount, "line commission \(before) outside [0, \(amount)]")
                if let maxFee { try require(before <= maxFee.minorUnits, "above max fee: \(before) > \(maxFee)") }
                if let minFee, amount >= minFee.minorUnits {
                    try require(before >= minFee.minorUnits, "below min fee: \(before) < \(minFee)")
                }
                try require(priced.commission.minorUnits >= 0 && priced.commission.minorUnits <= before,
                            "order cap made a line negative or larger")
                // The percent part is the exact product rounded half-to-even.
                let divisor = Int128(100_000)   // 100 × 10^3
                let exact = Int128(amount) * percent.mantissa
                let error = Int128(priced.percentPart.minorUnits) * divisor - exact
                try require(2 * abs(error) < divisor
                            || (2 * abs(error) == divisor && priced.percentPart.minorUnits % 2 == 0),
                            "percent part \(priced.percentPart) is not round_half_even(\(line.lineTotal) × \(percent)%)")
            }
            let lineSum = order.lines.reduce(Int64(0)) { $0 + $1.commission.minorUnits }
            try require(order.total.minorUnits == lineSum + order.fixedFee.minorUnits, "total is not the sum of its parts")
            try require(order.total.minorUnits <= (orderTotal?.minorUnits ?? linesTotal),
                        "commission \(order.total) above the order total")
            try require(order.fixedFee.minorUnits <= order.fixedFeeBeforeCap.minorUnits, "fixed fee grew")
            if orderTotal == nil {
                try require(order.lines.allSatisfy { $0.orderReduction.isZero }, "lines reduced under the default cap")
            }
        }
    }

    // MARK: - Conversion

    func testConversionThereAndBackWithinOneMinorUnit() {
        forAll("there and back") { g in
            let from = currency(&g)
            var to = currency(&g)
            while to == from { to = currency(&g) }
            // Rates from 10^-6 to 10^3 with up to 9 decimals.
            let rate = ExactDecimal(unchecked: Int128(Int.random(in: 1_000...9_999_999, using: &g)),
                                    scale: Int.random(in: 4...9, using: &g))
            let amount = Money(minorUnits: magnitude(&g, maxDigits: 10), currency: from)

            let table: FXRateTable
            if Bool.random(using: &g) || from == .usd || to == .usd {
                table = FXRateTable(rates: [try FXRate(id: "d", base: from, quote: to, rate: rate, effectiveFrom: t0)])
            } else {
                // Cross through USD: from/USD and USD/to whose product is about `rate`.
                let leg = ExactDecimal(unchecked: Int128(Int.random(in: 1_000...9_999, using: &g)), scale: 3)
                let second = try rate.divided(by: leg, scale: 18)
                guard second.isPositive else { return }
                table = FXRateTable(rates: [
                    try FXRate(id: "a", base: from, quote: .usd, rate: leg, effectiveFrom: t0),
                    try FXRate(id: "b", base: .usd, quote: to, rate: second, effectiveFrom: t0),
                ])
            }
            guard let (there, forward) = table.convert(amount, to: to, at: t0) else {
                throw PropertyFailure(description: "no conversion \(from)->\(to)")
            }
            guard let (back, _) = table.convert(there, to: from, at: t0) else {
                throw PropertyFailure(description: "no conversion back \(to)->\(from)")
            }
            let difference = abs(back.minorUnits - amount.minorUnits)
            // Target minor units per source minor unit.
            let minorRate = try forward.rate.multiplied(
                by: ExactDecimal(unchecked: WideArithmetic.powersOfTen[to.minorUnits + 4], scale: from.minorUnits + 4),
                scale: 18)
            if minorRate >= .one {
                try require(difference <= 1, "\(amount) -> \(there) -> \(back) at \(forward.rate) (\(forward.method))")
            } else {
                // A coarser target loses up to half its minor unit, worth 0.5 / minorRate source units.
                let bound = try ExactDecimal(unchecked: 5, scale: 1).divided(by: minorRate, scale: 0, rule: .awayFromZero)
                try require(ExactDecimal(difference) <= (try bound.adding(.one)),
                            "\(amount) -> \(there) -> \(back) off by \(difference), bound \(bound) + 1")
            }
        }
    }

    // MARK: - Line totals

    func testSumOfRoundedLinesEqualsTheTotal() {
        forAll("sum of rounded lines") { g in
            let currency = currency(&g)
            var totals = [Money]()
            var expectedSum: Int128 = 0
            for _ in 0..<Int.random(in: 1...20, using: &g) {
                let priceScale = Int.random(in: 0...6, using: &g)
                let price = ExactDecimal(unchecked: Int128(magnitude(&g, maxDigits: 8)), scale: priceScale)
                let quantity = Int64.random(in: 1...100_000, using: &g)
                let total = try Money.lineTotal(unitPrice: price, quantity: quantity, currency: currency)
                // Half-to-even at the line, checked independently.
                let exact = price.mantissa * Int128(quantity)
                let shift = priceScale - currency.minorUnits
                if shift >= 0 {
                    let unit = WideArithmetic.powersOfTen[shift]
                    let error = Int128(total.minorUnits) * unit - exact
                    try require(2 * abs(error) < unit || (2 * abs(error) == unit && total.minorUnits % 2 == 0),
                                "\(price) × \(quantity) rounded to \(total)")
                } else {
                    try require(Int128(total.minorUnits) == exact * WideArithmetic.powersOfTen[-shift], "exact line wrong")
                }
                totals.append(total)
                expectedSum += Int128(total.minorUnits)
            }
            let sum = try Money.sum(totals, currency: currency)
            try require(Int128(sum.minorUnits) == expectedSum, "sum \(sum) != \(expectedSum)")
            try require(try Money.parse(amount: sum.amountString, currency: currency) == sum, "total does not round-trip")

            // Allocating the total back over the lines gives them exactly, and any split sums exactly.
            let weights = totals.map(\.minorUnits)
            if weights.contains(where: { $0 > 0 }) {
                let parts = try sum.allocated(proportionalTo: weights)
                try require(parts == totals, "allocation by own weights changed lines")
                let random = weights.map { _ in Int64.random(in: 0...1000, using: &g) }
                if random.contains(where: { $0 > 0 }) {
                    let split = try sum.allocated(proportionalTo: random)
                    try require(split.reduce(0) { $0 + Int128($1.minorUnits) } == expectedSum, "split does not sum")
                }
            }
            // A partial return and its remainder, each pro-rated half-even, differ from the line by at most 1.
            if let line = totals.first {
                let quantity = Int64.random(in: 1...1000, using: &g)
                let returned = Int64.random(in: 0...quantity, using: &g)
                let a = try line.prorated(numerator: returned, denominator: quantity)
                let b = try line.prorated(numerator: quantity - returned, denominator: quantity)
                try require(abs(a.minorUnits + b.minorUnits - line.minorUnits) <= 1, "pro-rating drifted")
            }
        }
    }

    // MARK: - Round trips

    func testParseFormatRoundTrip() {
        forAll("parse(format(x)) == x") { g in
            let x = decimal(&g)
            let parsed = try ExactDecimal.parse(x.description)
            try require(parsed == x && parsed.mantissa == x.mantissa && parsed.scale == x.scale,
                        "\(x.description) parsed as \(parsed)")

            let currency = Currency.all[Int.random(in: 0..<Currency.all.count, using: &g)]
            let money = Money(minorUnits: Int64.random(in: .min ... .max, using: &g), currency: currency)
            try require(try Money.parse(amount: money.amountString, currency: currency.code) == money,
                        "\(money) does not round-trip")
            let json = try JSONEncoder().encode(money)
            try require(try JSONDecoder().decode(Money.self, from: json) == money, "\(money) JSON round trip")

            let price = try UnitPrice(amount: ExactDecimal(unchecked: Int128(magnitude(&g, maxDigits: 15)),
                                                           scale: Int.random(in: 0...6, using: &g)), currency: currency)
            let reparsed = try UnitPrice.parse(amount: price.amountString, currency: currency)
            try require(reparsed.amount == price.amount, "unit price \(price) does not round-trip")
        }
    }

    func testRoundingIsHalfEven() {
        forAll("half-even rounding") { g in
            let x = decimal(&g)
            guard x.scale > 0 else { return }
            let target = Int.random(in: 0..<x.scale, using: &g)
            let rounded = try x.rounded(toScale: target)
            let unit = WideArithmetic.powersOfTen[x.scale - target]
            // error in units of 10^-x.scale; |error| ≤ unit/2, and an exact tie lands on an even mantissa.
            let error = rounded.mantissa.multipliedReportingOverflow(by: unit)
            guard !error.overflow else { return }
            let difference = error.partialValue - x.mantissa
            try require(2 * abs(difference) < unit || (2 * abs(difference) == unit && rounded.mantissa % 2 == 0),
                        "\(x) rounded to \(target) gave \(rounded)")
        }
    }
}
