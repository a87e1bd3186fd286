import Store
import Web

/// Marking a statement paid (`POST /v1/admin/settlements/{id}/paid`): the payout row and its journal entry
/// (Dr supplier payout due / Cr cash) in one transaction. Paid once: a second attempt is 409.
public enum SettlementPayout {
    public static func markPaid(_ db: Connection, settlementID: String, reference: String, at: String, actor: Principal?) throws {
        guard let row = try db.queryOne(
            "SELECT supplier_id, currency, net_minor FROM settlements WHERE id = ?", [.text(settlementID)]),
            let supplierID = row.string("supplier_id"), let currency = row.string("currency").flatMap(Currency.init(code:))
        else { throw APIError.notFound("settlement") }
        if let paid = try db.queryOne("SELECT reference, paid_at FROM settlement_payouts WHERE settlement_id = ?", [.text(settlementID)]) {
            throw APIError(
                .conflict, code: "already_paid",
                detail: LocalizedText(en: "This settlement was already marked paid.", ko: "이미 지급 완료로 처리된 정산입니다."),
                extensions: ["paid_at": .optional(paid.string("paid_at")), "payout_reference": .optional(paid.string("reference"))])
        }
        let net = Money(minorUnits: row.int64("net_minor") ?? 0, currency: currency)
        var entryID: String?
        if let entry = try LedgerPostings.payout(settlementID: settlementID, supplierID: supplierID, net: net, reference: reference) {
            entryID = try Ledger.post(entry, in: db, at: at, by: actor?.userID).id
        }
        try db.execute(
            "INSERT INTO settlement_payouts (settlement_id, reference, journal_entry_id, paid_at, paid_by) VALUES (?, ?, ?, ?, ?)",
            [.text(settlementID), .text(reference), entryID.map { .text($0) } ?? .null, .text(at), actor.map { .text($0.userID) } ?? .null])
        try AuditLog.record(
            db, at: at, actor: actor, action: "settlement.paid", entityType: "settlement", entityID: settlementID,
            before: ["status": "issued"], after: ["status": "paid", "payout_reference": .string(reference), "net": net.json])
    }
}
