/// Commission per API.md: per line `round_half_even(line_total × percent / 100)`, clamped to
/// `[min_fee, max_fee]` when set, plus `fixed_fee` once per order; never more than the order's total.
///
/// Amounts must already be in one currency: convert a rule's fees with `FeeRule.converted(to:using:at:)` first.
///
/// Caps, in order:
/// 1. Per line, after min/max, the commission is capped at the line total (a min fee larger than a small
///    line would otherwise make the supplier's net for that line negative).
/// 2. Per order, if `Σ line commissions + fixed fee` exceeds the order total, the excess is taken from the
///    fixed fee first (it is the order-level part), and whatever remains from the lines in proportion to their
///    commissions by the largest-remainder method, so reductions sum exactly and no line goes below zero.
///    With the default cap (the sum of line totals) step 1 guarantees the lines alone fit, so only the fixed
///    fee is ever reduced; lines are reduced only when the caller passes a smaller order total.
public enum CommissionCalculator {
    /// One line's commission before any order-level cap.
    public static func line(lineTotal: Money, rule: FeeRule) throws(CommissionError) -> LineCommission {
        guard !lineTotal.isNegative else { throw .negativeAmount }
        let percent = rule.percent
        guard !percent.isNegative, percent <= .hundred else { throw .invalidPercent(percent) }
        let currency = lineTotal.currency

        // line_total × percent / 100 = minor × percent.m / (100 × 10^percent.scale), one half-even rounding.
        guard let divisor = WideArithmetic.powerOfTen(percent.scale + 2),
              let minor = WideArithmetic.multiplyDivide(Int128(lineTotal.minorUnits), percent.mantissa, divisor,
                                                        rule: .halfEven),
              let percentUnits = Int64(exactly: minor) else { throw .overflow }
        let percentPart = Money(minorUnits: percentUnits, currency: currency)

        var value = percentUnits
        var clamp = CommissionClamp.none
        if let minFee = rule.minFee {
            try check(minFee, field: "min_fee", currency: currency)
            if value < minFee.minorUnits { value = minFee.minorUnits; clamp = .minFee }
        }
        if let maxFee = rule.maxFee {
            try check(maxFee, field: "max_fee", currency: currency)
            if value > maxFee.minorUnits { value = maxFee.minorUnits; clamp = .maxFee }
        }
        if value > lineTotal.minorUnits { value = lineTotal.minorUnits; clamp = .lineTotal }
        let clamped = Money(minorUnits: value, currency: currency)
        return LineCommission(ruleID: rule.id, percent: percent, lineTotal: lineTotal, percentPart: percentPart,
                              clamp: clamp, clamped: clamped, orderReduction: .zero(currency), commission: clamped)
    }

    /// The commission of a whole order. `orderTotal` (default: the sum of the line totals) caps the result.
    public static func order(lines: [CommissionLine], orderTotal: Money? = nil) throws(CommissionError)
        -> OrderCommission {
        guard let first = lines.first else { throw .noLines }
        let currency = first.lineTotal.currency

        var priced = [LineCommission]()
        var linesTotal: Int64 = 0
        var commissionTotal: Int64 = 0
        var fixed: (fee: Money, ruleID: String)?
        for line in lines {
            try check(line.lineTotal, field: "line_total", currency: currency)
            let commission = try Self.line(lineTotal: line.lineTotal, rule: line.rule)
            priced.append(commission)
            linesTotal = try add(linesTotal, line.lineTotal.minorUnits)
            commissionTotal = try add(commissionTotal, commission.clamped.minorUnits)
            if let fee = line.rule.fixedFee {
                try check(fee, field: "fixed_fee", currency: currency)
                guard !fee.isNegative else { throw .negativeAmount }
                if fee.minorUnits > (fixed?.fee.minorUnits ?? -1) { fixed = (fee, line.rule.id) }
            }
        }

        let cap = orderTotal ?? Money(minorUnits: linesTotal, currency: currency)
        try check(cap, field: "order_total", currency: currency)
        guard !cap.isNegative else { throw .negativeAmount }

        let fixedBefore = fixed?.fee.minorUnits ?? 0
        let gross = try add(commissionTotal, fixedBefore)
        var excess = max(gross - cap.minorUnits, 0)
        let fixedCut = min(excess, fixedBefore)
        excess -= fixedCut
        if excess > 0 {
            // excess ≤ commissionTotal here (cap ≥ 0), so proportional shares never exceed a line's commission.
            let weights = priced.map(\.clamped.minorUnits)
            let cuts: [Money]
            do {
                cuts = try Money(minorUnits: excess, currency: currency).allocated(proportionalTo: weights)
            } catch {
                throw .overflow
            }
            priced = zip(priced, cuts).map { $0.reduced(by: $1) }
        }

        let fixedFee = Money(minorUnits: fixedBefore - fixedCut, currency: currency)
        var total = fixedFee.minorUnits
        for line in priced { total = try add(total, line.commission.minorUnits) }
        return OrderCommission(lines: priced, fixedFeeBeforeCap: Money(minorUnits: fixedBefore, currency: currency),
                               fixedFeeRuleID: fixed?.ruleID, fixedFee: fixedFee, cap: cap,
                               capApplied: gross > cap.minorUnits, total: Money(minorUnits: total, currency: currency))
    }

    /// The preview of one amount under one rule: a one-line order.
    public static func preview(amount: Money, rule: FeeRule) throws(CommissionError) -> CommissionBreakdown {
        let order = try order(lines: [CommissionLine(lineTotal: amount, rule: rule)])
        return CommissionBreakdown(rule: rule, order: order)
    }

    private static func check(_ money: Money, field: String, currency: Currency) throws(CommissionError) {
        guard money.currency == currency else {
            throw .currencyMismatch(field: field, expected: currency.code, found: money.currency.code)
        }
    }

    private static func add(_ a: Int64, _ b: Int64) throws(CommissionError) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw .overflow }
        return sum
    }
}
