/// A line with its price in the order currency and the fee rule (fees already in the order currency).
struct PricedLine: Sendable {
    let resolved: ResolvedLine
    let line: CheckoutLine
    let price: LinePrice
    let rule: FeeRule
}

/// One supplier's share of a checkout, before it is written.
struct OrderDraft: Sendable {
    let seller: SellerInfo
    var lines: [PricedLine]
    var shipping: Money?
    private(set) var subtotal: Money = .zero(.usd)
    private(set) var total: Money = .zero(.usd)
    private(set) var commission: OrderCommission?
    /// Net terms: the hold in the buyer's credit currency and the rate it was converted at.
    var credit: (hold: Money, quote: FXQuote)?
    /// Set when an approval rule applies: the order starts `pending_approval`.
    var approvalRole: Role?

    init(seller: SellerInfo, lines: [PricedLine]) {
        self.seller = seller
        self.lines = lines
    }

    /// Subtotal = Σ rounded line totals; total = subtotal + shipping; commission per line from its rule,
    /// the fixed fee once, capped at the total (`CommissionCalculator`).
    mutating func computeTotals(currency: Currency) throws {
        subtotal = try Money.sum(lines.map(\.price.lineTotal), currency: currency)
        total = try subtotal.adding(shipping ?? .zero(currency))
        commission = try CommissionCalculator.order(
            lines: lines.map { CommissionLine(lineTotal: $0.price.lineTotal, rule: $0.rule) }, orderTotal: total)
    }

    var leadTimeDays: Int { lines.map(\.resolved.leadTimeDays).max() ?? 0 }
}
