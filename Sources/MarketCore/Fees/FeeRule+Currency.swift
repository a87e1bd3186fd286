import Foundation

extension FeeRule {
    /// This rule with its fee amounts expressed in `currency`, converted half-to-even at the rates in force at
    /// `instant`; nil when some fee needs a rate the table does not have. Commission is computed in the line's
    /// currency, so a rule whose fees are in USD must be converted before it prices an order in EUR.
    public func converted(to currency: Currency, using table: FXRateTable, at instant: Date) -> FeeRule? {
        func convert(_ fee: Money?) -> Money?? {
            guard let fee else { return .some(nil) }
            guard let (converted, _) = table.convert(fee, to: currency, at: instant) else { return nil }
            return .some(converted)
        }
        guard let fixed = convert(fixedFee), let minimum = convert(minFee), let maximum = convert(maxFee) else {
            return nil
        }
        return withFees(fixedFee: fixed, minFee: minimum, maxFee: maximum)
    }
}
