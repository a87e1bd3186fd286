import Store
import Web

/// A prepaid order ships only once paid (API.md, order `payment_status`): the supplier must not send goods
/// the buyer has not paid for. Net-terms orders ship unpaid — that is the credit the operator extends.
/// `OrderTransitions` asks this before `ship`, so every route that ships goes through it.
public enum PaymentRequirement {
    /// 409 `payment_required` while a prepaid order still has something due.
    public static func checkShippable(_ db: Connection, orderID: String) throws {
        guard let balance = try OrderBalance.load(db, orderID: orderID) else { throw APIError.notFound("order") }
        try checkShippable(balance)
    }

    public static func checkShippable(_ balance: OrderBalance) throws(APIError) {
        guard balance.terms == .prepaid, balance.due > 0 else { return }
        let due = balance.money(balance.due)
        throw APIError(
            .conflict, code: "payment_required",
            detail: LocalizedText(
                en: "This prepaid order cannot ship before it is paid: \(due) is still due.",
                ko: "선결제 주문은 결제 전에 배송할 수 없습니다. 미결제 금액: \(due)."),
            extensions: ["payment_status": .string(balance.paymentStatus.rawValue), "amount_due": due.json,
                         "paid": balance.money(balance.paid).json])
    }
}
