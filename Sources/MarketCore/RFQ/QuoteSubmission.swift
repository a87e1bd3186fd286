import Foundation
import Store
import Web

/// A supplier's answers to an RFQ: a quote (each posting a new revision that supersedes the last) or a
/// decline. Runs in the caller's write transaction.
///
/// Rules (issue 7):
/// - only while the RFQ is open (before `respond_by`, not awarded or cancelled): else 409;
/// - partial quotes are allowed — at least one line, each RFQ item at most once — so a supplier can bid on
///   what it makes; the buyer's comparison says how many items each quote covers;
/// - a decline after a quote is 409 (a quote is an offer the buyer may rely on; there is no withdrawal);
///   a quote after a decline is allowed before the deadline (the supplier changed its mind) and replaces it;
/// - the first answer, quote or decline, is the supplier's response: it counts once in
///   `supplier_scorecards.rfqs_answered`, and its delay from the invitation is kept per recipient
///   (`rfq_recipients.response_seconds`) for the median response time (issue 9).
public enum QuoteSubmission {
    /// Stores a new revision and returns it (with lines).
    public static func submit(
        _ db: Connection, rfq: RFQRecord, recipient: RFQRecipient, draft: QuoteDraft, userID: String, now: Date
    ) throws -> QuoteRecord {
        let status = rfq.status(at: now)
        guard status.acceptsResponses else { throw RFQProblems.notAcceptingResponses(status) }

        let items = Dictionary(uniqueKeysWithValues: try RFQItem.load(db, rfqID: rfq.id).map { ($0.id, $0) })
        let validation = Validation()
        var seen = [String: String]()
        var lines = [QuoteRecord.Line]()
        for line in draft.lines {
            guard let item = items[line.itemID] else {
                validation.add("\(line.field).item_id", "is not an item of this RFQ", ko: "이 견적 요청의 품목이 아닙니다")
                continue
            }
            if let first = seen[line.itemID] {
                validation.add("\(line.field).item_id", "repeats the item of \(first); quote each item once",
                               ko: "\(first)와 같은 품목입니다. 품목마다 한 번만 견적하세요")
                continue
            }
            seen[line.itemID] = line.field
            guard line.unitPrice.currency == draft.currency,
                  let total = try? line.unitPrice.lineTotal(quantity: item.quantity) else {
                validation.add("\(line.field).unit_price", "makes the line total too large", ko: "줄 합계가 너무 큽니다")
                continue
            }
            lines.append(QuoteRecord.Line(itemID: item.id, unitPrice: line.unitPrice, quantity: item.quantity,
                                          lineTotal: total, leadTimeDays: line.leadTimeDays))
        }
        let shipping = draft.shipping ?? .zero(draft.currency)
        if shipping.currency != draft.currency {
            validation.add("shipping.currency", "must be the quote's currency (\(draft.currency.code))",
                           ko: "견적 통화(\(draft.currency.code))여야 합니다")
        }
        try validation.check()
        let subtotal: Money
        let total: Money
        do {
            subtotal = try Money.sum(lines.map(\.lineTotal), currency: draft.currency)
            total = try subtotal.adding(shipping)
        } catch {
            throw APIError.validation(field: "lines", "the quote total is out of range", ko: "견적 합계가 범위를 벗어났습니다")
        }

        let nowText = Timestamp.format(now)
        let previous = try db.queryOne(
            "SELECT id, revision FROM rfq_quotes WHERE rfq_id = ? AND supplier_id = ? AND is_current = 1",
            [.text(rfq.id), .text(recipient.supplierID)])
        if let previousID = previous?.string("id") {
            try db.execute("UPDATE rfq_quotes SET is_current = 0 WHERE id = ?", [.text(previousID)])
        }
        let revision = (previous?.int("revision") ?? 0) + 1
        let id = ID.make("quo", at: now)
        let longest = lines.map(\.leadTimeDays).max() ?? 0
        try db.execute(
            """
            INSERT INTO rfq_quotes (id, rfq_id, supplier_id, revision, supersedes_id, is_current, currency, subtotal_minor,
                                    shipping_minor, total_minor, longest_lead_time_days, valid_until, notes, submitted_by,
                                    submitted_at)
            VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(id), .text(rfq.id), .text(recipient.supplierID), .integer(Int64(revision)),
             previous?.string("id").map { .text($0) } ?? .null, .text(draft.currency.code), .integer(subtotal.minorUnits),
             .integer(shipping.minorUnits), .integer(total.minorUnits), .integer(Int64(longest)),
             .text(Timestamp.format(draft.validUntil)), draft.notes.map { .text($0) } ?? .null, .text(userID),
             .text(nowText)])
        for line in lines {
            try db.execute(
                """
                INSERT INTO rfq_quote_lines (quote_id, item_id, unit_price, quantity, line_total_minor, lead_time_days)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                [.text(id), .text(line.itemID), .text(line.unitPrice.amount.description), .integer(line.quantity),
                 .integer(line.lineTotal.minorUnits), .integer(Int64(line.leadTimeDays))])
        }
        if recipient.response == .declined {
            // A change of mind: the response (and its time) was already counted when it declined.
            try db.execute(
                """
                UPDATE rfq_recipients SET response = 'quoted', decline_reason = NULL
                WHERE bucket = ? AND supplier_id = ? AND rfq_id = ?
                """, [.integer(rfq.recipientBucket), .text(recipient.supplierID), .text(rfq.id)])
            try db.execute("UPDATE rfqs SET quote_count = quote_count + 1, decline_count = decline_count - 1 WHERE id = ?",
                           [.text(rfq.id)])
        } else if recipient.response == nil {
            try recordFirstResponse(db, rfq: rfq, recipient: recipient, response: .quoted, reason: nil, now: now)
        }
        try RFQEvents.quoteSubmitted(db, rfqID: rfq.id, buyerID: rfq.buyerID, supplierID: recipient.supplierID,
                                     quoteID: id, revision: revision, at: nowText)
        guard let stored = try QuoteRecord.find(db, id: id, rfqID: rfq.id) else { throw APIError.internal() }
        return stored
    }

    /// Records a decline with its reason.
    public static func decline(_ db: Connection, rfq: RFQRecord, recipient: RFQRecipient, reason: String, now: Date) throws {
        let status = rfq.status(at: now)
        guard status.acceptsResponses else { throw RFQProblems.notAcceptingResponses(status) }
        switch recipient.response {
        case .quoted: throw RFQProblems.alreadyQuoted
        case .declined: throw RFQProblems.alreadyDeclined
        case nil: break
        }
        try recordFirstResponse(db, rfq: rfq, recipient: recipient, response: .declined, reason: reason, now: now)
    }

    /// The supplier's first answer: its time, its delay since the invitation, and one more answered RFQ on its
    /// scorecard (upsert: the row exists since the invitation, but a scorecard must never be the reason an
    /// answer fails).
    static func recordFirstResponse(_ db: Connection, rfq: RFQRecord, recipient: RFQRecipient,
                                    response: RFQRecipient.Response, reason: String?, now: Date) throws {
        let nowText = Timestamp.format(now)
        let invited = Timestamp.parse(recipient.invitedAt) ?? now
        let seconds = max(0, Int64(now.timeIntervalSince(invited).rounded(.down)))
        try db.execute(
            """
            UPDATE rfq_recipients SET response = ?, responded_at = ?, response_seconds = ?, decline_reason = ?
            WHERE bucket = ? AND supplier_id = ? AND rfq_id = ?
            """,
            [.text(response.rawValue), .text(nowText), .integer(seconds), reason.map { .text($0) } ?? .null,
             .integer(rfq.recipientBucket), .text(recipient.supplierID), .text(rfq.id)])
        let counter = response == .quoted ? "quote_count" : "decline_count"
        try db.execute("UPDATE rfqs SET \(counter) = \(counter) + 1 WHERE id = ?", [.text(rfq.id)])
        try db.execute(
            """
            INSERT INTO supplier_scorecards (supplier_id, rfqs_answered, updated_at) VALUES (?, 1, ?)
            ON CONFLICT (supplier_id) DO UPDATE SET rfqs_answered = rfqs_answered + 1, updated_at = excluded.updated_at
            """, [.text(recipient.supplierID), .text(nowText)])
    }
}
