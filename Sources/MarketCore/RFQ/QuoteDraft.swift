import Foundation

/// A supplier's quote after its shape was validated, before the checks against the RFQ
/// (`QuoteSubmission.submit`). Partial quotes are allowed: at least one line, each RFQ item at most once.
public struct QuoteDraft: Sendable {
    public struct Line: Sendable {
        public var itemID: String
        public var unitPrice: UnitPrice
        public var leadTimeDays: Int
        /// The request path errors name (`lines[2]`).
        public var field: String

        public init(itemID: String, unitPrice: UnitPrice, leadTimeDays: Int, field: String) {
            self.itemID = itemID
            self.unitPrice = unitPrice
            self.leadTimeDays = leadTimeDays
            self.field = field
        }
    }

    public var currency: Currency
    public var lines: [Line]
    /// In the quote currency; zero when absent.
    public var shipping: Money?
    public var validUntil: Date
    public var notes: String?

    public init(currency: Currency, lines: [Line], shipping: Money?, validUntil: Date, notes: String?) {
        self.currency = currency
        self.lines = lines
        self.shipping = shipping
        self.validUntil = validUntil
        self.notes = notes
    }
}
