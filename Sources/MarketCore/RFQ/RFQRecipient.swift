import Store

/// One supplier's invitation to an RFQ and its answer (`rfq_recipients`).
public struct RFQRecipient: Sendable {
    public enum Response: String, Sendable {
        case quoted
        case declined
    }

    public let supplierID: String
    /// `named` (the buyer named it, or a listing of it) or `broadcast` (matched by category).
    public let source: String
    public let invitedAt: String
    public let response: Response?
    public let respondedAt: String?
    public let declineReason: String?

    static let columns = "p.supplier_id, p.source, p.invited_at, p.response, p.responded_at, p.decline_reason"

    static func decode(_ row: Row) -> RFQRecipient {
        RFQRecipient(
            supplierID: row.string("supplier_id") ?? "", source: row.string("source") ?? "broadcast",
            invitedAt: row.string("invited_at") ?? "", response: row.string("response").flatMap(Response.init(rawValue:)),
            respondedAt: row.string("responded_at"), declineReason: row.string("decline_reason"))
    }
}
