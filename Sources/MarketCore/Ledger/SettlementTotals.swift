/// A statement's totals: the sums of its rounded lines (never a conversion of the sums).
public struct SettlementTotals: Sendable, Hashable {
    public let currency: Currency
    private var sums = (gross: Int64(0), commission: Int64(0), refunds: Int64(0), reversed: Int64(0), net: Int64(0))
    public private(set) var orderCount = 0
    public private(set) var adjustmentCount = 0

    public init(currency: Currency) {
        self.currency = currency
    }

    public var gross: Money { Money(minorUnits: sums.gross, currency: currency) }
    public var commission: Money { Money(minorUnits: sums.commission, currency: currency) }
    public var refunds: Money { Money(minorUnits: sums.refunds, currency: currency) }
    public var commissionReversed: Money { Money(minorUnits: sums.reversed, currency: currency) }
    public var net: Money { Money(minorUnits: sums.net, currency: currency) }
    public var lineCount: Int { orderCount + adjustmentCount }

    public mutating func add(_ line: SettlementLine) throws {
        guard line.net.currency == currency else {
            throw MoneyError.currencyMismatch(expected: currency.code, found: line.net.currency.code)
        }
        func add(_ total: Int64, _ amount: Money) throws -> Int64 {
            let (sum, overflow) = total.addingReportingOverflow(amount.minorUnits)
            guard !overflow else { throw MoneyError.overflow }
            return sum
        }
        sums = (try add(sums.gross, line.gross), try add(sums.commission, line.commission), try add(sums.refunds, line.refunds),
                try add(sums.reversed, line.commissionReversed), try add(sums.net, line.net))
        if line.item.kind == .order { orderCount += 1 } else { adjustmentCount += 1 }
    }

    public static func == (a: SettlementTotals, b: SettlementTotals) -> Bool {
        a.currency == b.currency && a.sums == b.sums && a.orderCount == b.orderCount && a.adjustmentCount == b.adjustmentCount
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(currency)
        hasher.combine(sums.net)
        hasher.combine(lineCount)
    }
}
