import Foundation
import Store
import Web

/// Recording money received from a buyer (API.md, `POST /v1/admin/payments` and the provider callback).
///
/// In ONE transaction (the caller's): the payment row, the ledger posting (Dr cash / Cr buyer receivable,
/// in the order currency), the order's net paid amount and `payment_status`, the invoice's paid amount
/// and status, the net-terms credit the payment frees, and the audit record. A payment is in the order's
/// currency (422 `currency_mismatch` otherwise), positive, may be partial, and never exceeds what is due
/// (`total − returned − paid`, 422 `overpayment`). Cancelled and rejected orders take no payment (409).
public struct Payments: Sendable {
    let services: MarketServices

    public init(services: MarketServices) { self.services = services }

    /// A payment as reported by a finance user or the provider.
    public struct Received: Sendable {
        public var orderID: String?
        public var invoiceID: String?
        public var amount: Money
        public var method: PaymentMethod
        public var reference: String
        public var source: PaymentSource
        /// False for a provider's `failed` attempt: recorded, never counted.
        public var succeeded: Bool

        public init(orderID: String?, invoiceID: String?, amount: Money, method: PaymentMethod, reference: String,
                    source: PaymentSource, succeeded: Bool = true) {
            self.orderID = orderID
            self.invoiceID = invoiceID
            self.amount = amount
            self.method = method
            self.reference = reference
            self.source = source
            self.succeeded = succeeded
        }
    }

    /// Records `payment` on `db` (inside `Database.write`) and returns its id.
    public func record(_ db: Connection, _ payment: Received, actor: Principal?) throws -> String {
        let orderID = try Self.resolveOrder(db, payment)
        guard let balance = try OrderBalance.load(db, orderID: orderID) else { throw APIError.notFound("order") }
        let now = services.nowText()
        let invoiceID = try db.scalar("SELECT id FROM invoices WHERE order_id = ?", [.text(orderID)]).stringValue
        guard payment.amount.isPositive else {
            throw APIError.validation(field: "amount.amount", "must be more than zero", ko: "0보다 커야 합니다")
        }

        guard payment.succeeded else {
            let id = try insert(db, payment, balance: balance, invoiceID: invoiceID, status: "failed", entryID: nil, actor: actor, at: now)
            try AuditLog.record(db, at: now, actor: actor, action: "payment.failed", entityType: "payment", entityID: id,
                                after: try PaymentView.detail(db, paymentID: id))
            return id
        }

        try Self.check(payment.amount, against: balance)
        if payment.source == .operator, try db.queryOne(
            "SELECT 1 FROM payments WHERE method = ? AND reference = ? AND source = 'operator' AND status = 'succeeded'",
            [.text(payment.method.rawValue), .text(payment.reference)]) != nil
        {
            throw APIError(
                .conflict, code: "duplicate_reference",
                detail: LocalizedText(
                    en: "A \(payment.method.rawValue) payment with the reference \(payment.reference) is already recorded.",
                    ko: "참조번호 \(payment.reference)의 \(payment.method.rawValue) 결제가 이미 기록되어 있습니다."),
                errors: [FieldError("reference", "is already recorded", ko: "이미 기록된 참조번호입니다")])
        }

        let id = ID.make("pay")
        let entry = try PaymentPostings.payment(id: id, buyerID: balance.buyerID, amount: payment.amount, reference: payment.reference)
        let posted = try Ledger.post(entry, in: db, at: now, by: actor?.userID)
        _ = try insert(db, payment, id: id, balance: balance, invoiceID: invoiceID, status: "succeeded", entryID: posted.id,
                       actor: actor, at: now)
        try db.execute(
            "UPDATE orders SET paid_minor = paid_minor + ?, updated_at = ? WHERE id = ?",
            [.integer(payment.amount.minorUnits), .text(now), .text(orderID)])
        guard let after = try PaymentFigures.store(db, orderID: orderID, at: now) else { throw APIError.notFound("order") }
        try releaseCredit(db, before: balance, after: after, amount: payment.amount)
        try AuditLog.record(db, at: now, actor: actor, action: "payment.received", entityType: "payment", entityID: id,
                            after: try PaymentView.detail(db, paymentID: id))
        return id
    }

    // MARK: - Rules

    /// The order a payment names: `order_id`, or the order of `invoice_id` (both: they must agree).
    static func resolveOrder(_ db: Connection, _ payment: Received) throws -> String {
        guard let invoiceID = payment.invoiceID else {
            guard let orderID = payment.orderID else { throw APIError.validation(field: "order_id", "or invoice_id is required") }
            return orderID
        }
        guard let orderID = try db.scalar("SELECT order_id FROM invoices WHERE id = ?", [.text(invoiceID)]).stringValue else {
            throw APIError.notFound("invoice")
        }
        if let named = payment.orderID, named != orderID {
            throw APIError.validation(field: "invoice_id", "is not the invoice of order_id", ko: "order_id 주문의 송장이 아닙니다")
        }
        return orderID
    }

    /// Currency, sign, state and the ceiling of what is due.
    static func check(_ amount: Money, against balance: OrderBalance) throws {
        guard !balance.isVoid else {
            throw APIError(
                .conflict, code: "order_not_payable",
                detail: LocalizedText(en: "A \(balance.status.rawValue) order takes no payment.",
                                      ko: "\(balance.status.rawValue) 상태의 주문에는 결제할 수 없습니다."),
                extensions: ["current_status": .string(balance.status.rawValue)])
        }
        guard amount.currency == balance.currency else {
            throw APIError(
                .unprocessableContent, code: "currency_mismatch",
                detail: LocalizedText(en: "The order is in \(balance.currency.code); pay it in that currency.",
                                      ko: "주문 통화는 \(balance.currency.code)입니다. 같은 통화로 결제하세요."),
                errors: [FieldError("amount.currency", "must be the order's currency \(balance.currency.code)",
                                    ko: "주문 통화 \(balance.currency.code)여야 합니다")])
        }
        guard amount.minorUnits <= balance.due else {
            let due = balance.money(balance.due)
            throw APIError(
                .unprocessableContent, code: "overpayment",
                detail: LocalizedText(en: "\(amount) is more than the \(due) still due on this order.",
                                      ko: "\(amount)은(는) 이 주문의 미결제 금액 \(due)보다 많습니다."),
                errors: [FieldError("amount.amount", "must be at most \(due.amountString)", ko: "\(due.amountString) 이하여야 합니다")],
                extensions: ["amount_due": due.json, "paid": balance.money(balance.paid).json])
        }
    }

    /// Net-terms credit comes back as the order is paid: the payment at the rate the order locked
    /// (order → credit currency), and the whole remaining hold once nothing is due.
    func releaseCredit(_ db: Connection, before: OrderBalance, after: OrderBalance, amount: Money) throws {
        guard before.terms.isCredit, before.creditHeld > 0 else { return }
        if after.due == 0 {
            try BuyerCredit.releaseAll(db, orderID: before.orderID)
        } else if let rate = before.creditRate, let creditCurrency = before.creditCurrency {
            let release = try amount.converted(to: creditCurrency, rate: rate)
            try BuyerCredit.release(db, orderID: before.orderID, minorUnits: release.minorUnits)
        }
    }

    private func insert(_ db: Connection, _ payment: Received, id: String = ID.make("pay"), balance: OrderBalance, invoiceID: String?,
                        status: String, entryID: String?, actor: Principal?, at now: String) throws -> String {
        try db.execute(
            """
            INSERT INTO payments (id, order_id, invoice_id, buyer_id, currency, amount_minor, method, source, status, reference,
                ledger_entry_id, recorded_by, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(balance.orderID), invoiceID.map { .text($0) } ?? .null, .text(balance.buyerID),
             .text(payment.amount.currency.code), .integer(payment.amount.minorUnits), .text(payment.method.rawValue),
             .text(payment.source.rawValue), .text(status), .text(payment.reference), entryID.map { .text($0) } ?? .null,
             actor.map { .text($0.userID) } ?? .null, .text(now)])
        return id
    }
}
