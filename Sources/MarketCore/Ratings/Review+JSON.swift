import Web

/// The three ways a review is shown. The public never learns which company wrote it (who buys from whom
/// is commercially sensitive) — only that it came from a delivered order; the supplier sees its customer
/// and the order; the operator sees everything, moderation included.
extension Review {
    /// Anyone (seller profile, public review list): visible reviews only.
    public var publicJSON: JSON {
        .object(base)
    }

    /// The supplier reviewed, and the buyer that wrote it.
    public var partyJSON: JSON {
        var object = base
        object["order_id"] = .string(orderID)
        object["buyer_id"] = .string(buyerID)
        object["seller_id"] = .string(sellerID)
        object["hidden"] = .bool(isHidden)
        object["updated_at"] = .string(updatedAt)
        return .object(object)
    }

    /// The operator: everything, including who wrote it and why it is hidden.
    public var moderationJSON: JSON {
        guard case .object(var object) = partyJSON else { return partyJSON }
        object["author_user_id"] = .string(authorUserID)
        object["moderation"] = hidden.map {
            ["reason": .optional($0.reason), "hidden_at": .optional($0.at), "hidden_by": .optional($0.by)]
        } ?? .null
        return .object(object)
    }

    private var base: JSONObject {
        [
            "id": .string(id), "rating": .int(scores.rating), "quality": .int(scores.quality),
            "delivery": .int(scores.delivery), "communication": .int(scores.communication),
            "comment": .optional(comment), "created_at": .string(createdAt),
            "response": reply.map { ["text": .string($0.text), "created_at": .string($0.at)] } ?? .null,
        ]
    }
}
