import Crypto
import Foundation
import Store
import Web

/// Places a checkout: resolves and prices every line, splits them into one order per supplier, applies
/// commission, approval rules and credit, reserves stock, and writes everything — or nothing — in one
/// transaction. The one way orders come into existence: the buyer's cart, RFQ awards, requisition lists,
/// reorders and schedules all call `place`.
///
/// Order of checks, so a client learns the most useful error first:
/// 1. 422 for anything wrong with the request itself (unknown, inactive or hidden listing, below minimum
///    order quantity, duplicate listing, terms not allowed, no exchange rate) — every problem at once;
/// 2. 422 `credit_limit_exceeded` for net terms beyond the open credit;
/// 3. 409 `insufficient_stock` naming every line short of stock (a conflict with the current state: the
///    same request may succeed later, after a restock).
public struct Checkout: Sendable {
    let services: MarketServices

    public init(services: MarketServices) {
        self.services = services
    }

    /// Places the checkout in its own write transaction (a savepoint when the caller already holds one,
    /// e.g. inside `Idempotency.run`). Concurrent checkouts share a commit (`Database.write` groups them),
    /// each with its own all-or-nothing outcome. The answer is built after the commit, off the single
    /// writer, from the rows the checkout wrote (`OrderView.placed`): the same JSON as reading them back.
    public func place(_ request: CheckoutRequest) throws -> CheckoutResult {
        let (checkoutID, orders) = try services.database.write { db in try placeInTransaction(request, db: db) }
        return Self.result(checkoutID, orders, buyerID: request.buyerID)
    }

    /// Places the checkout on `db`, which must be inside `Database.write` (RFQ award calls this in its own
    /// transaction, so the award and its orders commit together). Runs in a savepoint: on a throw nothing
    /// of the checkout remains, and the caller's transaction may continue or roll back as it chooses.
    public func place(_ request: CheckoutRequest, in db: Connection) throws -> CheckoutResult {
        let (checkoutID, orders) = try db.savepoint { try placeInTransaction(request, db: db) }
        return Self.result(checkoutID, orders, buyerID: request.buyerID)
    }

    /// The API answer: every order as the buyer sees it.
    static func result(_ checkoutID: String, _ orders: [WrittenOrder], buyerID: String) -> CheckoutResult {
        let views = orders.map { OrderView.placed($0, scope: .buyer(buyerID)) }
        return CheckoutResult(checkoutID: checkoutID, orders: orders.map(\.placed),
                              json: ["checkout_id": .string(checkoutID), "orders": .array(views)])
    }

    // MARK: - Steps

    private func placeInTransaction(_ request: CheckoutRequest, db: Connection) throws -> (String, [WrittenOrder]) {
        let now = services.now()
        let nowText = Timestamp.format(now)
        let errors = Validation()

        // Who buys, and on which terms.
        guard let buyer = try db.queryOne(
            "SELECT status, payment_terms, name FROM organizations WHERE id = ? AND kind = 'buyer'", [.text(request.buyerID)])
        else { throw APIError.notFound("buyer organization") }
        guard buyer.string("status") == OrganizationStatus.active.rawValue else {
            throw APIError(.forbidden, code: "organization_inactive",
                           detail: LocalizedText(en: "Your organization is not active.", ko: "조직이 활성 상태가 아닙니다."))
        }
        // Prepaid is always allowed (`PaymentTerms.allowed`), so only net terms need the stored list.
        if request.paymentTerms != .prepaid,
           !PaymentTerms.allowed(storage: buyer.string("payment_terms")).contains(request.paymentTerms) {
            errors.add("payment_terms", "\(request.paymentTerms.rawValue) is not allowed for your organization; the operator sets the allowed terms",
                       ko: "\(request.paymentTerms.rawValue) 결제 조건은 허용되지 않습니다")
        }

        let fx = try ReferenceData.fxTable(db, baseCurrency: services.settings.baseCurrency)
        let feeRules = try ReferenceData.feeRules(db)
        var lookup = CheckoutLookup(db: db, buyerID: request.buyerID, at: now)

        // Resolve and price each line.
        var priced = [PricedLine]()
        var seenProducts = [String: String]()
        for line in request.lines {
            guard let resolved = try lookup.resolve(line, errors: errors) else { continue }
            if let productID = resolved.productID, resolved.reservesStock {
                if let first = seenProducts[productID] {
                    errors.add("\(line.field).product_id", "repeats the listing of \(first); combine the quantities in one line",
                               ko: "\(first)와 같은 상품입니다. 수량을 한 줄로 합치세요")
                    continue
                }
                seenProducts[productID] = line.field
            }
            guard let quote = fx.rate(from: resolved.sourcePrice.currency, to: request.currency, at: now) else {
                errors.add("currency", "no exchange rate from \(resolved.sourcePrice.currency.code) to \(request.currency.code) is in force (\(line.field))",
                           ko: "\(resolved.sourcePrice.currency.code)에서 \(request.currency.code)로의 환율이 없습니다")
                continue
            }
            let price: LinePrice
            do {
                price = try LinePricing.price(resolved.sourcePrice, quantity: line.quantity, fx: quote)
            } catch {
                errors.add("\(line.field).quantity", "makes the line total too large", ko: "줄 합계가 너무 큽니다")
                continue
            }
            let path = try lookup.categoryPath(resolved.categoryID)
            let rule = FeeRuleSelector.select(rules: feeRules, sellerID: resolved.sellerID, categoryPath: path, at: now)
            guard let rule = try Self.ruleInOrderCurrency(rule, currency: request.currency, fx: fx, at: now) else {
                errors.add("currency", "the commission rule for \(line.field) has fees in a currency with no rate to \(request.currency.code)",
                           ko: "수수료 규칙의 통화에서 \(request.currency.code)로의 환율이 없습니다")
                continue
            }
            priced.append(PricedLine(resolved: resolved, line: line, price: price, rule: rule))
        }

        // One order per supplier, in the order suppliers first appear.
        var drafts = [OrderDraft]()
        for line in priced {
            if let index = drafts.firstIndex(where: { $0.seller.id == line.resolved.sellerID }) {
                drafts[index].lines.append(line)
            } else if let seller = lookup.sellers[line.resolved.sellerID] {
                drafts.append(OrderDraft(seller: seller, lines: [line]))
            }
        }
        for sellerID in request.shipping.keys where !drafts.contains(where: { $0.seller.id == sellerID }) {
            errors.add("shipping", "names a supplier with no line in this checkout", ko: "이 주문에 없는 공급사입니다")
        }
        for index in drafts.indices {
            guard let charge = request.shipping[drafts[index].seller.id] else { continue }
            if let (converted, _) = fx.convert(charge, to: request.currency, at: now), !converted.isNegative {
                drafts[index].shipping = converted
            } else {
                errors.add("shipping", "no exchange rate from \(charge.currency.code) to \(request.currency.code) is in force",
                           ko: "배송비 통화의 환율이 없습니다")
            }
        }
        try errors.check()
        guard !drafts.isEmpty else { throw APIError.validation(field: "lines", "must have at least one line") }

        // Totals and commission.
        for index in drafts.indices {
            do {
                try drafts[index].computeTotals(currency: request.currency)
            } catch {
                throw APIError.validation(field: "lines", "the order total for one supplier is out of range",
                                          ko: "공급사별 주문 합계가 범위를 벗어났습니다")
            }
        }

        // Credit: all net-terms orders of this checkout together must fit in the open credit.
        if request.paymentTerms.isCredit {
            guard let credit = try BuyerCredit.load(db, buyerID: request.buyerID, fx: fx, at: now) else {
                throw APIError.notFound("buyer organization")
            }
            var needed = Money.zero(credit.limit.currency)
            for index in drafts.indices {
                guard let quote = fx.rate(from: request.currency, to: credit.limit.currency, at: now),
                      let hold = try? quote.convert(drafts[index].total) else {
                    throw APIError.validation(field: "currency",
                                              "no exchange rate from \(request.currency.code) to your credit currency \(credit.limit.currency.code) is in force")
                }
                drafts[index].credit = (hold, quote)
                needed = try needed.adding(hold)
            }
            if needed.minorUnits > credit.available.minorUnits || credit.held.minorUnits > credit.limit.minorUnits {
                throw BuyerCredit.exceeded(needed: needed, credit: credit)
            }
        }

        // Approval rules, per order.
        let approvalRules = try ApprovalRuleStore.load(db, buyerID: request.buyerID)
        for index in drafts.indices {
            drafts[index].approvalRole = ApprovalPolicy.requiredRole(
                total: drafts[index].total, rules: approvalRules, fx: fx, at: now)
        }

        // Stock, last: one conditional UPDATE per listing; any shortfall undoes the whole checkout.
        var shortages = [FieldError]()
        for draft in drafts {
            for line in draft.lines where line.resolved.reservesStock {
                guard let productID = line.resolved.productID else { continue }
                if try !StockReservation.reserve(db, productID: productID, quantity: line.line.quantity) {
                    let left = try StockReservation.available(db, productID: productID) ?? 0
                    shortages.append(FieldError("\(line.line.field).quantity", "only \(left) in stock",
                                                ko: "재고가 \(left)개뿐입니다"))
                }
            }
        }
        if !shortages.isEmpty {
            throw APIError(
                .conflict, code: "insufficient_stock",
                detail: LocalizedText(en: "Some listings do not have enough stock; nothing was ordered.",
                                      ko: "재고가 부족한 상품이 있어 주문하지 않았습니다."),
                errors: shortages)
        }

        // Write.
        let checkoutID = ID.make("chk")
        try db.execute(
            "INSERT INTO checkouts (id, buyer_id, placed_by, currency, source, source_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(checkoutID), .text(request.buyerID), .text(request.placedBy), .text(request.currency.code),
             .text(request.source.kind), request.source.id.map { .text($0) } ?? .null, .text(nowText)])
        var written = [WrittenOrder]()
        let actor = OrderActor(party: .buyer, userID: request.placedBy, organizationID: request.buyerID)
        for draft in drafts {
            let rows = try OrderWriter.insert(draft, checkoutID: checkoutID, request: request, buyerName: buyer.string("name"),
                                              fx: fx, now: now, nowText: nowText, db: db)
            let order = rows.placed
            try OrderEvents.emit(
                OrderEvent(kind: .created, orderID: order.id, buyerID: request.buyerID, sellerID: order.sellerID,
                           action: nil, from: nil, to: order.status, actor: actor, at: nowText), in: db)
            written.append(rows)
        }
        return (checkoutID, written)
    }

    /// The rule with its fees in the order currency; a zero rule (no commission) when none applies. nil
    /// when a fee cannot be converted.
    static func ruleInOrderCurrency(_ rule: FeeRule?, currency: Currency, fx: FXRateTable, at instant: Date) throws -> FeeRule? {
        guard let rule else {
            return FeeRule(id: "", scope: .default, percent: .zero, effectiveFrom: instant, createdAt: instant)
        }
        return rule.converted(to: currency, using: fx, at: instant)
    }
}

/// What a checkout created.
public struct CheckoutResult: Sendable {
    public let checkoutID: String
    public let orders: [PlacedOrder]
    /// The API answer: `{"checkout_id","orders":[...]}` with each order as the buyer sees it.
    public let json: JSON
}

/// One order a checkout created.
public struct PlacedOrder: Sendable, Hashable {
    public let id: String
    public let sellerID: String
    public let status: OrderStatus
    public let total: Money
    public let trackingToken: String
}
