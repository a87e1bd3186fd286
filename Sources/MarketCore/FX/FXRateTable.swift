import Foundation

/// A pure, immutable view of the rate history that answers which rate applies between two currencies at an
/// instant. API rule: the direct rate, else the inverse of the opposite rate, else a cross rate through the
/// operator's base currency (`MARKETPLACE_BASE_CURRENCY`, default USD).
///
/// For each pair the rate in force at `t` is the one with the latest `effectiveFrom <= t`; on equal dates the
/// one given later in `rates` wins (pass rates in insertion order).
public struct FXRateTable: Sendable {
    public let baseCurrency: Currency
    /// Decimals of inverse and cross rates, rounded half-to-even. 18 (the `ExactDecimal` maximum) rather
    /// than fewer: an inverse like KRW→USD (1/1350 = 0.000740740…) keeps 15 significant digits, so even a
    /// trillion-won amount converts within a fraction of a cent of the exact quotient.
    public let derivedRateScale: Int

    /// Per pair, sorted by `effectiveFrom` ascending, then by input order (so the last match wins ties).
    private let history: [Pair: [FXRate]]

    private struct Pair: Hashable, Sendable {
        let base: Currency
        let quote: Currency
    }

    public init(rates: [FXRate], baseCurrency: Currency = .usd, derivedRateScale: Int = ExactDecimal.maxScale) {
        self.baseCurrency = baseCurrency
        self.derivedRateScale = min(max(derivedRateScale, 0), ExactDecimal.maxScale)
        var grouped: [Pair: [(offset: Int, rate: FXRate)]] = [:]
        for (offset, rate) in rates.enumerated() {
            grouped[Pair(base: rate.base, quote: rate.quote), default: []].append((offset, rate))
        }
        history = grouped.mapValues { entries in
            entries.sorted {
                $0.rate.effectiveFrom != $1.rate.effectiveFrom
                    ? $0.rate.effectiveFrom < $1.rate.effectiveFrom : $0.offset < $1.offset
            }.map(\.rate)
        }
    }

    /// The stored `base/quote` rate in force at `instant`, if any (no inversion, no cross).
    public func storedRate(base: Currency, quote: Currency, at instant: Date) -> FXRate? {
        guard let rates = history[Pair(base: base, quote: quote)] else { return nil }
        // Binary search for the last rate with effectiveFrom <= instant.
        var low = 0
        var high = rates.count
        while low < high {
            let middle = (low + high) / 2
            if rates[middle].effectiveFrom <= instant { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : rates[low - 1]
    }

    /// The rate for 1 `from` in `to` at `instant`; nil when no rate, inverse or cross rate is known then.
    public func rate(from: Currency, to: Currency, at instant: Date) -> FXQuote? {
        if from == to {
            return FXQuote(from: from, to: to, rate: .one, method: .identity, rateIDs: [])
        }
        if let leg = leg(from: from, to: to, at: instant) {
            guard let rate = leg.rate(scale: derivedRateScale) else { return nil }
            return FXQuote(from: from, to: to, rate: rate, method: leg.inverted ? .inverse : .direct,
                           rateIDs: [leg.stored.id])
        }
        guard from != baseCurrency, to != baseCurrency,
              let first = leg(from: from, to: baseCurrency, at: instant),
              let second = leg(from: baseCurrency, to: to, at: instant),
              let rate = Leg.cross(first, second, scale: derivedRateScale) else { return nil }
        return FXQuote(from: from, to: to, rate: rate, method: .cross,
                       rateIDs: [first.stored.id, second.stored.id], via: baseCurrency)
    }

    /// `money` in `target` at the rate in force at `instant`, rounded half-to-even to the target's minor unit,
    /// with the quote used. nil when no rate applies or the result is out of range.
    public func convert(_ money: Money, to target: Currency, at instant: Date) -> (Money, FXQuote)? {
        guard let quote = rate(from: money.currency, to: target, at: instant),
              let converted = try? quote.convert(money) else { return nil }
        return (converted, quote)
    }

    // MARK: - Legs

    /// One step from one currency to another through a single stored rate, used as is or inverted.
    private struct Leg {
        let stored: FXRate
        let inverted: Bool

        func rate(scale: Int) -> ExactDecimal? {
            guard inverted else { return stored.rate }
            return Self.nonZero(try? ExactDecimal.one.divided(by: stored.rate, scale: scale))
        }

        /// `first × second` with as few roundings as the case allows: one for direct×direct and the mixed
        /// cases (a single multiplication or division), one for inverse×inverse when the exact product of the
        /// two stored rates fits; two (each at `scale`) only beyond that.
        static func cross(_ first: Leg, _ second: Leg, scale: Int) -> ExactDecimal? {
            let a = first.stored.rate
            let b = second.stored.rate
            switch (first.inverted, second.inverted) {
            case (false, false):
                return nonZero(try? a.multiplied(by: b, scale: scale))
            case (true, false):
                return nonZero(try? b.divided(by: a, scale: scale))
            case (false, true):
                return nonZero(try? a.divided(by: b, scale: scale))
            case (true, true):
                if let product = try? a.multiplied(by: b) {
                    return nonZero(try? ExactDecimal.one.divided(by: product, scale: scale))
                }
                guard let x = first.rate(scale: scale), let y = second.rate(scale: scale) else { return nil }
                return nonZero(try? x.multiplied(by: y, scale: scale))
            }
        }

        /// A derived rate that rounds to zero is unusable: treat the pair as unknown.
        private static func nonZero(_ value: ExactDecimal?) -> ExactDecimal? {
            guard let value, value.isPositive else { return nil }
            return value
        }
    }

    /// The direct `from/to` rate, else the inverted `to/from` rate.
    private func leg(from: Currency, to: Currency, at instant: Date) -> Leg? {
        if let direct = storedRate(base: from, quote: to, at: instant) {
            return Leg(stored: direct, inverted: false)
        }
        if let opposite = storedRate(base: to, quote: from, at: instant) {
            return Leg(stored: opposite, inverted: true)
        }
        return nil
    }
}
