import Foundation
@testable import MarketCore

/// An in-memory marketplace for the model-based ledger test: orders with lines in mixed currencies, the
/// order state machine's money edges, returns pro-rated exactly like `OrderReturns`, rate changes,
/// settlement runs like `SettlementRun` (through the same `SettlementPlanner`, `SettlementLine` and
/// `LedgerPostings`) and payouts — all posting into a `LedgerBook`.
///
/// Every operation either applies completely or is rejected without changing anything (like a 409).
struct LedgerModelMarket: Equatable {
    static let currencies: [Currency] = [.usd, .eur, .jpy, .krw, .kwd]

    struct Line: Equatable {
        var quantity: Int64
        var total: Money
        var commission: Money
        var returned: Int64 = 0
    }

    struct Order: Equatable {
        let id: String
        let buyerID: String
        let supplierID: String
        let currency: Currency
        let payoutCurrency: Currency
        /// The rate locked at placement (nil: none was known then); never changes afterwards.
        let lockedRate: ExactDecimal?
        var lines: [Line]
        let shipping: Money
        let fixedFee: Money
        var status: OrderStatus
        var deliveredAt: Int?
        var refunded: Int64 = 0
        var reversed: Int64 = 0
        var fixedFeeReversed: Int64 = 0
        /// The rate of its settlement line, once settled.
        var settledRate: ExactDecimal?

        var total: Int64 { lines.reduce(shipping.minorUnits) { $0 + $1.total.minorUnits } }
        var commission: Int64 { lines.reduce(fixedFee.minorUnits) { $0 + $1.commission.minorUnits } }
        var isDelivered: Bool { deliveredAt != nil }
        var isSettled: Bool { settledRate != nil }
    }

    struct Return: Equatable {
        let id: String
        let orderID: String
        let refund: Int64
        let reversed: Int64
        let at: Int
        let afterSettlement: Bool
        var deducted = false
    }

    struct Statement: Equatable {
        let id: String
        let supplierID: String
        let currency: Currency
        let lines: [SettlementLine]
        let totals: SettlementTotals
        var paid = false
    }

    struct Pair: Hashable {
        let from: Currency
        let to: Currency
    }

    /// What an operation did: applied, or rejected with nothing changed.
    enum Outcome: Equatable {
        case applied
        case rejected(String)
    }

    let suppliers: [(id: String, payout: Currency)]
    let buyers: [String]
    private(set) var orders: [Order] = []
    private(set) var returns: [Return] = []
    private(set) var statements: [Statement] = []
    private(set) var book = LedgerBook()
    private(set) var rates: [Pair: ExactDecimal] = [:]
    private(set) var time = 0
    private(set) var counter = 0
    /// Idempotency keys of returns and checkouts: a retried request gets the first answer and changes nothing.
    private(set) var returnKeys: [String: String] = [:]
    private(set) var checkoutKeys: Set<String> = []

    static func == (a: LedgerModelMarket, b: LedgerModelMarket) -> Bool {
        a.orders == b.orders && a.returns == b.returns && a.statements == b.statements && a.book == b.book
            && a.rates == b.rates && a.time == b.time && a.counter == b.counter && a.returnKeys == b.returnKeys
            && a.checkoutKeys == b.checkoutKeys
    }

    init(suppliers: [(id: String, payout: Currency)], buyers: [String], rates: [Pair: ExactDecimal]) {
        self.suppliers = suppliers
        self.buyers = buyers
        self.rates = rates
    }

    private mutating func makeID(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)_\(counter)"
    }

    mutating func advance(_ minutes: Int) { time += minutes }

    mutating func setRate(_ pair: Pair, _ rate: ExactDecimal?) { rates[pair] = rate }

    // MARK: - Orders

    /// Places an order (lines: quantity, unit price in minor units of `currency`, commission in basis points).
    mutating func place(buyer: Int, supplier: Int, currency: Currency, lines specs: [(quantity: Int64, unitMinor: Int64, bps: Int64)],
                        shippingMinor: Int64, fixedFeeMinor: Int64, needsApproval: Bool, key: String) throws -> Outcome {
        if checkoutKeys.contains(key) { return .applied }   // the replayed answer
        guard buyers.indices.contains(buyer), suppliers.indices.contains(supplier), !specs.isEmpty else { return .rejected("bad order") }
        var lines = [Line]()
        for spec in specs {
            let total = try Money(minorUnits: spec.unitMinor, currency: currency).multiplied(by: spec.quantity)
            lines.append(Line(quantity: spec.quantity, total: total, commission: try total.prorated(numerator: spec.bps, denominator: 10_000)))
        }
        let shipping = Money(minorUnits: shippingMinor, currency: currency)
        // The order's commission never exceeds its total: the fixed fee is capped (as checkout caps it).
        let linesTotal = lines.reduce(0) { $0 + $1.total.minorUnits }
        let linesCommission = lines.reduce(0) { $0 + $1.commission.minorUnits }
        let fixedFee = Money(minorUnits: max(0, min(fixedFeeMinor, linesTotal - linesCommission)), currency: currency)
        let payout = suppliers[supplier].payout
        let locked = currency == payout ? ExactDecimal.one : rates[Pair(from: currency, to: payout)]
        orders.append(Order(
            id: makeID("ord"), buyerID: buyers[buyer], supplierID: suppliers[supplier].id, currency: currency, payoutCurrency: payout,
            lockedRate: locked, lines: lines, shipping: shipping, fixedFee: fixedFee, status: needsApproval ? .pendingApproval : .placed))
        checkoutKeys.insert(key)
        return .applied
    }

    /// approve, confirm+ship+deliver (as one `deliver`), receive: the state machine decides.
    mutating func act(_ action: OrderAction, order index: Int) throws -> Outcome {
        guard orders.indices.contains(index) else { return .rejected("no order") }
        var order = orders[index]
        let party: OrderParty = action == .deliver ? .seller : .buyer
        var status = order.status
        if action == .deliver {
            // confirm and ship first, as the supplier would.
            for step in [OrderAction.confirm, .ship] where OrderStateMachine.next(from: status, action: step, by: .seller) != nil {
                status = OrderStateMachine.next(from: status, action: step, by: .seller) ?? status
            }
        }
        guard let next = OrderStateMachine.next(from: status, action: action, by: party) else {
            return .rejected("\(action.rawValue) from \(order.status.rawValue)")
        }
        order.status = next
        if action == .deliver {
            order.deliveredAt = time
            let facts = LedgerPostings.Order(
                id: order.id, buyerID: order.buyerID, sellerID: order.supplierID,
                total: Money(minorUnits: order.total, currency: order.currency),
                commission: Money(minorUnits: order.commission, currency: order.currency))
            if let entry = try LedgerPostings.delivered(facts) { try book.post(entry) }
        }
        orders[index] = order
        return .applied
    }

    /// `POST /v1/buyer/orders/{id}/returns` of `quantity` units of line `lineIndex`, under an idempotency key.
    mutating func returnUnits(order index: Int, line lineIndex: Int, quantity: Int64, key: String) throws -> Outcome {
        if returnKeys[key] != nil { return .applied }   // the replayed answer; nothing happens again
        guard orders.indices.contains(index) else { return .rejected("no order") }
        var order = orders[index]
        guard OrderStateMachine.next(from: order.status, action: .returnPart, by: .buyer) != nil else {
            return .rejected("return from \(order.status.rawValue)")
        }
        guard order.lines.indices.contains(lineIndex) else { return .rejected("no line") }
        var line = order.lines[lineIndex]
        guard quantity >= 1, quantity <= line.quantity - line.returned else { return .rejected("quantity") }
        let share = try ReturnProration.share(lineTotal: line.total, commission: line.commission, quantity: line.quantity,
                                              alreadyReturned: line.returned, returning: quantity)
        line.returned += quantity
        order.lines[lineIndex] = line
        let everything = order.lines.allSatisfy { $0.returned == $0.quantity }
        let fixedFeeReversed = ReturnProration.fixedFeeReversed(
            fixedFee: order.fixedFee.minorUnits, alreadyReversed: order.fixedFeeReversed, everything: everything,
            grossLeft: order.total - order.refunded - share.refund.minorUnits,
            commissionLeft: order.commission - order.reversed - share.commissionReversed.minorUnits)
        order.fixedFeeReversed += fixedFeeReversed
        let refund = share.refund.minorUnits
        let reversed = share.commissionReversed.minorUnits + fixedFeeReversed
        guard let next = OrderStateMachine.next(from: order.status, action: everything ? .returnAll : .returnPart, by: .buyer) else {
            return .rejected("return")
        }
        order.status = next
        order.refunded += refund
        order.reversed += reversed
        let item = Return(id: makeID("ret"), orderID: order.id, refund: refund, reversed: reversed, at: time,
                          afterSettlement: order.isSettled)
        let posting = LedgerPostings.Return(
            id: item.id, orderID: order.id, buyerID: order.buyerID, sellerID: order.supplierID,
            refund: Money(minorUnits: refund, currency: order.currency),
            commissionReversed: Money(minorUnits: reversed, currency: order.currency), afterSettlement: item.afterSettlement)
        if let entry = try LedgerPostings.returned(posting) { try book.post(entry) }
        orders[index] = order
        returns.append(item)
        returnKeys[key] = item.id
        return .applied
    }

    // MARK: - Settlement and payout

    /// A run up to now, the way `SettlementRun` does it. Returns how many statements it issued.
    mutating func settle() throws -> Int {
        var counter = self.counter
        var planner = SettlementPlanner(makeID: { counter += 1; return "stl_\(counter)" })

        // Deductions: returns after settlement, not deducted yet, per statement group, oldest first.
        var deductions = [SettlementPlanner.Key: [(returnIndex: Int, line: SettlementLine)]]()
        for (index, item) in returns.enumerated() where item.afterSettlement && !item.deducted && item.at <= time {
            guard let order = orders.first(where: { $0.id == item.orderID }), let rate = order.settledRate else { continue }
            let line = try SettlementLine(converting: SettlementItem(
                kind: .adjustment, orderID: order.id, returnID: item.id, supplierID: order.supplierID, sourceCurrency: order.currency,
                payoutCurrency: order.payoutCurrency, rate: rate, rateMethod: .locked, gross: 0, commission: 0, refunds: item.refund,
                commissionReversed: item.reversed, occurredAt: String(item.at)))
            deductions[SettlementPlanner.Key(supplierID: order.supplierID, currency: order.payoutCurrency), default: []].append((index, line))
        }

        var linesByStatement = [String: [SettlementLine]]()
        var settledRates = [Int: ExactDecimal]()
        for (index, order) in orders.enumerated() where order.isDelivered && !order.isSettled && (order.deliveredAt ?? .max) <= time {
            guard let (rate, method) = SettlementRateMethod.resolve(
                source: order.currency, payout: order.payoutCurrency, locked: order.lockedRate,
                inForce: { rates[Pair(from: order.currency, to: order.payoutCurrency)] })
            else { continue }   // waits for a rate
            let line = try SettlementLine(converting: SettlementItem(
                kind: .order, orderID: order.id, supplierID: order.supplierID, sourceCurrency: order.currency,
                payoutCurrency: order.payoutCurrency, rate: rate, rateMethod: method, gross: order.total, commission: order.commission,
                refunds: order.refunded, commissionReversed: order.reversed, occurredAt: String(order.deliveredAt ?? 0)))
            let placement = try planner.add(line)
            linesByStatement[placement.settlementID, default: []].append(line)
            settledRates[index] = rate
        }
        var deducted = [Int]()
        for key in deductions.keys.sorted() {
            let group = deductions[key] ?? []
            let (placed, _) = try planner.deduct(group.map(\.line))
            for (offset, placement) in placed.enumerated() {
                linesByStatement[placement.settlementID, default: []].append(placement.line)
                deducted.append(group[offset].returnIndex)
            }
        }

        var issued = [Statement]()
        var entries = [JournalEntry]()
        for (id, builder) in planner.statements {
            if let entry = try builder.journalEntry(settlementID: id) { entries.append(entry) }
            issued.append(Statement(id: id, supplierID: builder.supplierID, currency: builder.currency,
                                    lines: linesByStatement[id] ?? [], totals: builder.totals))
        }
        guard !issued.isEmpty else { return 0 }   // nothing settled: no run, no id consumed
        for entry in entries { try book.post(entry) }
        for (index, rate) in settledRates { orders[index].settledRate = rate }
        for index in deducted { returns[index].deducted = true }
        statements += issued
        self.counter = counter
        return issued.count
    }

    /// `POST /v1/admin/settlements/{id}/paid`: once.
    mutating func pay(statement index: Int) throws -> Outcome {
        guard statements.indices.contains(index) else { return .rejected("no statement") }
        guard !statements[index].paid else { return .rejected("already paid") }
        let statement = statements[index]
        if let entry = try LedgerPostings.payout(settlementID: statement.id, supplierID: statement.supplierID, net: statement.totals.net,
                                                 reference: "WIRE-\(statement.id)") {
            try book.post(entry)
        }
        statements[index].paid = true
        return .applied
    }
}
