import Foundation
import Store
import Web

/// Closes an RFQ without award. Open or closed RFQs only: an awarded one has orders (cancel those instead),
/// a cancelled one stays cancelled (409 either way). Quotes stay stored but can no longer be awarded.
public enum RFQCancellation {
    public static func cancel(_ db: Connection, rfq: RFQRecord, userID: String, reason: String?, now: Date) throws {
        let status = rfq.status(at: now)
        guard !status.isFinal else { throw RFQProblems.final(status) }
        let nowText = Timestamp.format(now)
        try db.execute(
            """
            UPDATE rfqs SET state = 'cancelled', cancelled_by = ?, cancelled_at = ?, cancel_reason = ?, updated_at = ?
            WHERE id = ? AND state = 'open'
            """, [.text(userID), .text(nowText), reason.map { .text($0) } ?? .null, .text(nowText), .text(rfq.id)])
        guard db.changes == 1 else { throw RFQProblems.final(.cancelled) }
    }
}
