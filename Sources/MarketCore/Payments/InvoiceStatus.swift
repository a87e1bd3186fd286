import Foundation

/// A net-terms invoice's status (API.md, Buyer: invoices). `open`, `partially_paid` and `paid` are stored
/// and follow the money; `overdue` is never stored: it is how an unpaid invoice reads once the clock
/// (`services.now()`, injectable) has passed its due date, so it needs no job to flip it and tests can move
/// the clock to see it.
public enum InvoiceStatus: String, Sendable, Hashable, CaseIterable {
    case open
    case partiallyPaid = "partially_paid"
    case paid
    case overdue

    /// The stored status for an amount still `due` after `paid` was received. An invoice with nothing left
    /// to pay is `paid`, whether payments or returns settled it.
    public static func stored(due: Int64, paid: Int64) -> InvoiceStatus {
        if due <= 0 { return .paid }
        return paid > 0 ? .partiallyPaid : .open
    }

    /// The status as read at `now`: overdue when something is still due after the due date.
    public static func effective(stored: InvoiceStatus, due: Int64, dueAt: Date?, now: Date) -> InvoiceStatus {
        guard stored != .paid, due > 0, let dueAt, now > dueAt else { return stored == .overdue ? .open : stored }
        return .overdue
    }

    /// Whole days past the due date at `now` (0 on or before it): 1 second late is day 1.
    public static func daysOverdue(dueAt: Date, now: Date) -> Int {
        let seconds = now.timeIntervalSince(dueAt)
        guard seconds > 0 else { return 0 }
        return Int((seconds / 86_400).rounded(.up))
    }
}
