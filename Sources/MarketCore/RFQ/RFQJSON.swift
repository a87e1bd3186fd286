import Foundation
import Store
import Web

/// The RFQ as each side sees it. The buyer sees its counts and the suppliers it named, never who broadcast
/// reached; a supplier sees the request, its own invitation, answer and quote, never other suppliers.
public enum RFQJSON {
    /// The buyer's view; `items` and `awards` are nil in lists (`item_count` is given instead).
    public static func buyer(_ rfq: RFQRecord, items: [RFQItem]?, itemCount: Int? = nil, awards: [JSON]?, now: Date) -> JSON {
        var object = common(rfq, now: now)
        object["shipping_address"] = rfq.shippingAddress?.json ?? .null
        object["broadcast"] = .bool(rfq.broadcast)
        object["recipients"] = .int(rfq.recipientCount)
        object["invited_seller_ids"] = .array(rfq.invitedSellerIDs.map { .string($0) })
        object["quote_count"] = .int(rfq.quoteCount)
        object["decline_count"] = .int(rfq.declineCount)
        if let items { object["items"] = .array(items.map(\.json)) } else if let itemCount { object["item_count"] = .int(itemCount) }
        object["sealed_until"] = rfq.isSealed(at: now) ? .string(Timestamp.format(rfq.respondBy)) : .null
        object["created_by"] = .string(rfq.createdBy)
        object["checkout_id"] = .optional(rfq.checkoutID)
        object["awarded_at"] = .optional(rfq.awardedAt)
        if let awards { object["awards"] = .array(awards) }
        object["cancelled_at"] = .optional(rfq.cancelledAt)
        object["cancel_reason"] = .optional(rfq.cancelReason)
        object["updated_at"] = .string(rfq.updatedAt)
        return .object(object)
    }

    /// A supplier's view of an RFQ it was invited to.
    public static func seller(
        _ rfq: RFQRecord, recipient: RFQRecipient, buyer: JSON, items: [RFQItem]?, quote: QuoteRecord?,
        awards: [JSON]?, now: Date
    ) -> JSON {
        var object = common(rfq, now: now)
        object["buyer"] = buyer
        if let items { object["items"] = .array(items.map(\.json)) }
        object["invited_at"] = .string(recipient.invitedAt)
        object["invited_directly"] = .bool(recipient.named)
        object["response"] = .string(recipient.response?.rawValue ?? "pending")
        object["responded_at"] = .optional(recipient.respondedAt)
        object["decline_reason"] = .optional(recipient.declineReason)
        object["quote"] = quote.map { .object($0.json) } ?? .null
        if let awards { object["awarded_to_you"] = .array(awards) }
        return .object(object)
    }

    static func common(_ rfq: RFQRecord, now: Date) -> JSONObject {
        [
            "id": .string(rfq.id), "title": .string(rfq.title), "status": .string(rfq.status(at: now).rawValue),
            "currency": .string(rfq.currency.code), "respond_by": .string(Timestamp.format(rfq.respondBy)),
            "delivery_country": .string(rfq.deliveryCountry), "sealed": .bool(rfq.sealed),
            "created_at": .string(rfq.createdAt),
        ]
    }

    /// Award records, optionally only one supplier's.
    public static func awards(_ db: Connection, rfqID: String, supplierID: String? = nil) throws -> [JSON] {
        var sql = "SELECT a.item_id, a.quote_id, a.supplier_id, a.order_id FROM rfq_awards a JOIN rfq_items i ON i.id = a.item_id WHERE a.rfq_id = ?"
        var arguments: [SQLValue] = [.text(rfqID)]
        if let supplierID {
            sql += " AND a.supplier_id = ?"
            arguments.append(.text(supplierID))
        }
        return try db.query(sql + " ORDER BY i.position", arguments).map { row in
            [
                "item_id": .optional(row.string("item_id")), "quote_id": .optional(row.string("quote_id")),
                "supplier_id": .optional(row.string("supplier_id")), "order_id": .optional(row.string("order_id")),
            ]
        }
    }
}
