/// Where a statement line's rate came from.
public enum SettlementRateMethod: String, Sendable, Hashable {
    /// The order and payout currencies are the same: no conversion.
    case identity
    /// The rate the order locked at checkout (`orders.payout_rate`): later rate changes never alter it.
    case locked
    /// The order locked no rate (none was known at checkout): the rate in force when it was first settled,
    /// kept on the statement line and reused for later adjustments of the order.
    case atSettlement = "at_settlement"

    /// The rate a settlement uses for an order of `source` paid out in `payout`: none needed when they are
    /// the same; else the rate the order locked; else (it locked none) the rate in force now; nil when
    /// there is none — the order waits.
    public static func resolve(source: Currency, payout: Currency, locked: ExactDecimal?, inForce: () -> ExactDecimal?)
        -> (rate: ExactDecimal, method: SettlementRateMethod)?
    {
        if source == payout { return (.one, .identity) }
        if let locked, locked.isPositive { return (locked, .locked) }
        guard let rate = inForce(), rate.isPositive else { return nil }
        return (rate, .atSettlement)
    }
}
