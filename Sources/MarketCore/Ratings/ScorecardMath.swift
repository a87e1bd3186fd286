import Foundation

/// The scorecard's arithmetic, pure over integers so that it is exact and testable without a database.
/// Averages, ratings and rates are in thousandths (4.667 stars → 4667, 87.5 % → 875), rounded half-to-even
/// like every other rounding in the marketplace. Every function answers nil rather than trapping when
/// there is nothing to divide by or a value would overflow.
public enum ScorecardMath {
    public static let secondsPerDay: Int64 = 86_400

    /// `numerator / denominator` rounded half-to-even; nil when `denominator` is not positive.
    public static func divideHalfEven(_ numerator: Int64, _ denominator: Int64) -> Int64? {
        guard denominator > 0 else { return nil }
        let quotient = numerator / denominator
        let remainder = numerator % denominator  // same sign as numerator
        guard remainder != 0 else { return quotient }
        let twice = remainder.magnitude * 2
        let step: Int64 = numerator < 0 ? -1 : 1
        if twice > denominator.magnitude { return quotient + step }
        if twice < denominator.magnitude { return quotient }
        return quotient % 2 == 0 ? quotient : quotient + step
    }

    /// `part / whole` in thousandths; nil when `whole` is 0 (no data must never read as 0).
    public static func milli(_ part: Int64, of whole: Int64) -> Int64? {
        guard whole > 0 else { return nil }
        let (scaled, overflow) = part.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return nil }
        return divideHalfEven(scaled, whole)
    }

    /// The average of `count` scores summing to `sum`, in thousandths of a star.
    public static func averageMilli(sum: Int64, count: Int64) -> Int64? { milli(sum, of: count) }

    /// The Bayesian average rating in thousandths: `(C·m + Σ ratings) / (C + n)`; nil without reviews
    /// (an unrated supplier has no rating, and sorts after every rated one).
    public static func bayesianMilli(ratingSum: Int64, count: Int64, prior: BayesianPrior = .marketplace) -> Int64? {
        guard count > 0, prior.weight >= 0 else { return nil }
        let (priorPart, o1) = prior.weight.multipliedReportingOverflow(by: prior.meanMilli)
        let (ratingsPart, o2) = ratingSum.multipliedReportingOverflow(by: 1000)
        let (numerator, o3) = priorPart.addingReportingOverflow(ratingsPart)
        let (denominator, o4) = prior.weight.addingReportingOverflow(count)
        guard !(o1 || o2 || o3 || o4) else { return nil }
        return divideHalfEven(numerator, denominator)
    }

    /// When an order placed at `placedAt` with the given lead time is due: `placedAt + leadTimeDays` days
    /// (a negative lead time counts as 0).
    public static func promisedBy(placedAt: Date, leadTimeDays: Int) -> Date {
        placedAt.addingTimeInterval(TimeInterval(Int64(max(0, leadTimeDays)) * secondsPerDay))
    }

    /// On time when delivered no later than promised: the boundary instant itself is on time.
    public static func isOnTime(placedAt: Date, deliveredAt: Date, leadTimeDays: Int) -> Bool {
        deliveredAt <= promisedBy(placedAt: placedAt, leadTimeDays: leadTimeDays)
    }

    /// The median; for an even count the mean of the two middle values, rounded half-to-even.
    public static func median(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return medianOfPair(sorted[middle - 1], sorted[middle])
    }

    /// The mean of the two middle values of an even-sized sample, rounded half-to-even.
    public static func medianOfPair(_ lower: Int64, _ upper: Int64) -> Int64? {
        let (sum, overflow) = lower.addingReportingOverflow(upper)
        guard !overflow else { return lower / 2 + upper / 2 }
        return divideHalfEven(sum, 2)
    }
}
