/// The journal entries of money received from and returned to buyers, in the ORDER currency, as pure
/// functions (the ledger's `LedgerPostings` holds the order-side ones).
///
/// A payment settles what the buyer owes: Dr cash / Cr buyer receivable. A prepaid order is paid before
/// delivery debits the receivable, so until then the buyer's receivable carries a credit balance — money
/// the marketplace holds for goods not yet delivered (a customer prepayment); delivery brings it back to
/// zero. A refund is the mirror image: Dr buyer receivable / Cr cash.
public enum PaymentPostings {
    public static let paymentKind = "payment"
    public static let refundKind = "payment_refund"

    public static func payment(id: String, buyerID: String, amount: Money, reference: String) throws -> JournalEntry {
        var entry = JournalEntryBuilder(key: "\(paymentKind):\(id)", kind: paymentKind, sourceType: "payment", sourceID: id, memo: reference)
        try entry.debit(.cash(amount.currency), amount)
        try entry.credit(.buyerReceivable(buyerID, amount.currency), amount)
        return try entry.build()
    }

    public static func refund(id: String, buyerID: String, amount: Money, memo: String) throws -> JournalEntry {
        var entry = JournalEntryBuilder(key: "\(refundKind):\(id)", kind: refundKind, sourceType: "payment_refund", sourceID: id, memo: memo)
        try entry.debit(.buyerReceivable(buyerID, amount.currency), amount)
        try entry.credit(.cash(amount.currency), amount)
        return try entry.build()
    }
}
