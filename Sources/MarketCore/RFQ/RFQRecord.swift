import Foundation
import Store
import Web

/// One `rfqs` row.
public struct RFQRecord: Sendable {
    public let id: String
    public let buyerID: String
    public let createdBy: String
    public let title: String
    public let currency: Currency
    public let respondBy: Date
    public let deliveryCountry: String
    public let shippingAddress: ShippingAddress?
    public let broadcast: Bool
    public let sealed: Bool
    public let state: RFQState
    public let recipientCount: Int
    /// Where its `rfq_recipients` rows are (the first part of their key).
    public let recipientBucket: Int64
    public let quoteCount: Int
    public let declineCount: Int
    /// The supplier ids the buyer named itself; it may see these, never the broadcast ones.
    public let invitedSellerIDs: [String]
    public let checkoutID: String?
    public let awardedAt: String?
    public let cancelledAt: String?
    public let cancelReason: String?
    public let createdAt: String
    public let updatedAt: String

    public func status(at now: Date) -> RFQStatus { RFQStatus(state: state, respondBy: respondBy, now: now) }

    /// A sealed RFQ shows the buyer no quote before `respond_by`.
    public func isSealed(at now: Date) -> Bool { sealed && now < respondBy }

    static let columns = """
        r.id, r.buyer_id, r.created_by, r.title, r.currency, r.respond_by, r.delivery_country, r.shipping_address, r.broadcast, r.sealed, \
        r.state, r.recipient_count, r.recipient_bucket, r.quote_count, r.decline_count, r.invited_seller_ids, r.checkout_id, r.awarded_at, r.cancelled_at, r.cancel_reason, \
        r.created_at, r.updated_at
        """

    static func decode(_ row: Row) throws -> RFQRecord {
        let id = row.string("id") ?? ""
        func fail(_ reason: String) -> RFQRowError { RFQRowError(table: "rfqs", id: id, reason: reason) }
        guard let currency = row.string("currency").flatMap(Currency.init(code:)) else { throw fail("bad currency") }
        guard let respondBy = row.string("respond_by").flatMap({ Timestamp.parse($0) }) else { throw fail("bad respond_by") }
        guard let state = row.string("state").flatMap(RFQState.init(rawValue:)) else { throw fail("bad state") }
        let invited = (try? JSONParser.parse(row.string("invited_seller_ids") ?? "[]"))?.arrayValue?.compactMap(\.stringValue) ?? []
        return RFQRecord(
            id: id, buyerID: row.string("buyer_id") ?? "", createdBy: row.string("created_by") ?? "",
            title: row.string("title") ?? "", currency: currency, respondBy: respondBy,
            deliveryCountry: row.string("delivery_country") ?? "",
            shippingAddress: row.string("shipping_address").flatMap(decodeAddress), broadcast: row.bool("broadcast") ?? false,
            sealed: row.bool("sealed") ?? false, state: state, recipientCount: row.int("recipient_count") ?? 0,
            recipientBucket: row.int64("recipient_bucket") ?? 0,
            quoteCount: row.int("quote_count") ?? 0, declineCount: row.int("decline_count") ?? 0,
            invitedSellerIDs: invited, checkoutID: row.string("checkout_id"), awardedAt: row.string("awarded_at"),
            cancelledAt: row.string("cancelled_at"), cancelReason: row.string("cancel_reason"),
            createdAt: row.string("created_at") ?? "", updatedAt: row.string("updated_at") ?? "")
    }

    static func decodeAddress(_ text: String) -> ShippingAddress? {
        guard let object = (try? JSONParser.parse(text))?.objectValue else { return nil }
        return ShippingAddress.read(Validation().reader(object))
    }

    /// The buyer's own RFQ, or nil (another organization's RFQ does not exist for it).
    public static func forBuyer(_ db: Connection, id: String, buyerID: String) throws -> RFQRecord? {
        try db.queryOne("SELECT \(columns) FROM rfqs r WHERE r.id = ? AND r.buyer_id = ?", [.text(id), .text(buyerID)])
            .map(decode)
    }

    /// An RFQ `supplierID` was invited to, with its invitation; nil when it was not invited.
    public static func forSupplier(_ db: Connection, id: String, supplierID: String) throws
        -> (rfq: RFQRecord, recipient: RFQRecipient)?
    {
        guard let row = try db.queryOne(
            """
            SELECT \(columns), \(RFQRecipient.columns)
            FROM rfqs r JOIN rfq_recipients p ON p.bucket = r.recipient_bucket AND p.supplier_id = ? AND p.rfq_id = r.id
            WHERE r.id = ?
            """, [.text(supplierID), .text(id)])
        else { return nil }
        return (try decode(row), RFQRecipient.decode(row))
    }
}
