/// A statement's totals: the sums of its rounded lines (never a conversion of the sums).
public struct SettlementTotals: Sendable, Hashable {
    public private(set) var gross: Money
    public private(set) var commission: Money
    public private(set) var refunds: Money
    public private(set) var commissionReversed: Money
    public private(set) var net: Money
    public private(set) var orderCount = 0
    public private(set) var adjustmentCount = 0

    public init(currency: Currency) {
        gross = .zero(currency)
        commission = .zero(currency)
        refunds = .zero(currency)
        commissionReversed = .zero(currency)
        net = .zero(currency)
    }

    public var currency: Currency { net.currency }
    public var lineCount: Int { orderCount + adjustmentCount }

    public mutating func add(_ line: SettlementLine) throws {
        gross = try gross.adding(line.gross)
        commission = try commission.adding(line.commission)
        refunds = try refunds.adding(line.refunds)
        commissionReversed = try commissionReversed.adding(line.commissionReversed)
        net = try net.adding(line.net)
        if line.item.kind == .order { orderCount += 1 } else { adjustmentCount += 1 }
    }
}
