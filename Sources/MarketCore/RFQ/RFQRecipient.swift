import Store

/// One supplier's invitation to an RFQ and its answer (`rfq_recipients`).
public struct RFQRecipient: Sendable {
    public enum Response: String, Sendable {
        case quoted
        case declined
    }

    public let supplierID: String
    /// The buyer named it (or a listing of it); false when broadcast matched it by category.
    public let named: Bool
    /// The RFQ's creation: recipients are fixed then.
    public let invitedAt: String
    public let response: Response?
    public let respondedAt: String?
    public let declineReason: String?

    /// Read together with `RFQRecord.columns` (the invitation time is `r.created_at`).
    static let columns = "p.supplier_id, p.named, p.response, p.responded_at, p.decline_reason"

    static func decode(_ row: Row) -> RFQRecipient {
        RFQRecipient(
            supplierID: row.string("supplier_id") ?? "", named: row.bool("named") ?? false,
            invitedAt: row.string("created_at") ?? "", response: row.string("response").flatMap(Response.init(rawValue:)),
            respondedAt: row.string("responded_at"), declineReason: row.string("decline_reason"))
    }
}
