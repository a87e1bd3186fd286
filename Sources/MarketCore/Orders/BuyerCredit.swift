import Foundation
import Store
import Web

/// A buyer's net-terms credit: the limit the operator set (`organizations.credit_limit_minor`,
/// `credit_currency`) and what open net-terms orders hold against it (`orders.credit_held_minor`).
///
/// Each net-terms order holds its total converted into the credit currency at the rate in force at
/// checkout (`orders.credit_rate`, locked); it releases that hold when cancelled or rejected, in
/// proportion when goods are returned, and — with payments (issue 14) — as it is paid
/// (`BuyerCredit.release`). Holds recorded in an older credit currency (the operator changed it) are
/// converted at the current rate.
public struct BuyerCredit: Sendable {
    public let limit: Money
    public let held: Money

    public var available: Money { Money(minorUnits: max(0, limit.minorUnits - held.minorUnits), currency: limit.currency) }

    public static func load(_ db: Connection, buyerID: String, fx: FXRateTable, at instant: Date) throws -> BuyerCredit? {
        guard let org = try db.queryOne(
            "SELECT credit_limit_minor, credit_currency, default_currency FROM organizations WHERE id = ?", [.text(buyerID)]),
            let currency = (org.string("credit_currency") ?? org.string("default_currency")).flatMap(Currency.init(code:))
        else { return nil }
        var held = Money.zero(currency)
        try db.forEach(
            """
            SELECT credit_currency, SUM(credit_held_minor) AS held FROM orders
            WHERE buyer_id = ? AND credit_held_minor > 0 GROUP BY credit_currency
            """, [.text(buyerID)]
        ) { row in
            guard let code = row.string("credit_currency"), let from = Currency(code: code), let minor = row.int64("held") else { return }
            let amount = Money(minorUnits: minor, currency: from)
            // A hold with no rate to today's credit currency still counts, one for one: never less credit used.
            let converted = fx.convert(amount, to: currency, at: instant)?.0 ?? Money(minorUnits: minor, currency: currency)
            held = try held.adding(converted)
        }
        return BuyerCredit(limit: Money(minorUnits: org.int64("credit_limit_minor") ?? 0, currency: currency), held: held)
    }

    /// Lowers an order's hold by `amount` of its credit currency (never below zero). Payments call this.
    public static func release(_ db: Connection, orderID: String, minorUnits amount: Int64) throws {
        guard amount > 0 else { return }
        try db.execute(
            "UPDATE orders SET credit_held_minor = MAX(0, credit_held_minor - ?) WHERE id = ?",
            [.integer(amount), .text(orderID)])
    }

    /// Drops an order's whole hold (cancel, reject).
    public static func releaseAll(_ db: Connection, orderID: String) throws {
        try db.execute("UPDATE orders SET credit_held_minor = 0 WHERE id = ?", [.text(orderID)])
    }

    /// The 422 for an order beyond the open credit.
    static func exceeded(needed: Money, credit: BuyerCredit) -> APIError {
        APIError(
            .unprocessableContent, code: "credit_limit_exceeded",
            detail: LocalizedText(
                en: "These net-terms orders need \(needed) of credit; \(credit.available) is open (limit \(credit.limit)).",
                ko: "후불 주문에 \(needed)의 신용이 필요하지만 사용 가능한 한도는 \(credit.available)입니다 (한도 \(credit.limit))."),
            errors: [FieldError("payment_terms", "exceeds the open credit of \(credit.available)",
                                ko: "사용 가능한 신용 한도 \(credit.available)를 넘습니다")],
            extensions: ["credit_limit": credit.limit.json, "credit_used": credit.held.json,
                         "credit_available": credit.available.json, "credit_needed": needed.json])
    }
}
