import Foundation
import Store
import Web

/// Creates an RFQ: the database checks of a draft, the rows, and the set-based invitation
/// (`RFQInvitation`). Everything runs in the caller's write transaction.
public enum RFQCreation {
    /// A draft item with what a named listing filled in.
    struct ResolvedItem {
        var item: RFQDraft.Item
        var categoryID: String
        var unit: String
        var sellerID: String?
    }

    /// Creates the RFQ and invites its recipients; throws 422 naming every field the database refutes.
    /// Returns the new RFQ's id.
    public static func create(_ db: Connection, draft: RFQDraft, buyerID: String, userID: String, now: Date) throws
        -> String
    {
        let items = try resolve(db, draft: draft, buyerID: buyerID)
        let nowText = Timestamp.format(now)
        let id = ID.make("rfq", at: now)
        let invited = JSONSerializer.serialize(.array(draft.invitedSellerIDs.map { .string($0) }))
        try db.execute(
            """
            INSERT INTO rfqs (id, buyer_id, created_by, title, currency, respond_by, delivery_country, shipping_address,
                              broadcast, sealed, state, invited_seller_ids, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)
            """,
            [.text(id), .text(buyerID), .text(userID), .text(draft.title), .text(draft.currency.code),
             .text(Timestamp.format(draft.respondBy)), .text(draft.deliveryCountry),
             draft.shippingAddress.map { .text(String(decoding: JSONSerializer.serialize($0.json), as: UTF8.self)) } ?? .null,
             .integer(draft.broadcast ? 1 : 0),
             .integer(draft.sealed ? 1 : 0), .text(String(decoding: invited, as: UTF8.self)), .text(nowText), .text(nowText)])
        for (position, resolved) in items.enumerated() {
            try db.execute(
                """
                INSERT INTO rfq_items (id, rfq_id, position, product_id, description, category_id, quantity, unit,
                                       target_unit_price)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(ID.make("rqi", at: now)), .text(id), .integer(Int64(position)),
                 resolved.item.productID.map { .text($0) } ?? .null, resolved.item.description.map { .text($0) } ?? .null,
                 .text(resolved.categoryID), .integer(resolved.item.quantity), .text(resolved.unit),
                 resolved.item.targetUnitPrice.map { .text($0.description) } ?? .null])
        }
        // The sellers of named listings are asked too: naming a listing means wanting its seller's price.
        var named = draft.invitedSellerIDs
        for seller in items.compactMap(\.sellerID) where !named.contains(seller) { named.append(seller) }
        try RFQInvitation.invite(db, rfqID: id, broadcast: draft.broadcast, namedSupplierIDs: named, at: nowText)
        return id
    }

    /// Fills each item from its listing and checks everything that needs the database; 422 listing every
    /// problem.
    static func resolve(_ db: Connection, draft: RFQDraft, buyerID: String) throws -> [ResolvedItem] {
        var errors = [FieldError]()
        var resolved = [ResolvedItem]()
        for (index, item) in draft.items.enumerated() {
            let path = "items[\(index)]"
            var categoryID = item.categoryID
            var unit = item.unit
            var sellerID: String?
            if let productID = item.productID {
                // Only an active listing of an active supplier, visible to this buyer (a listing restricted to
                // other buyers does not exist for it).
                if let listing = try db.queryOne(
                    """
                    SELECT p.category_id, p.unit, p.seller_id FROM products p
                    JOIN organizations o ON o.id = p.seller_id AND o.status = 'active'
                    WHERE p.id = ? AND p.status = 'active'
                      AND (p.visible_to IS NULL OR EXISTS (SELECT 1 FROM json_each(p.visible_to) WHERE value = ?))
                    """, [.text(productID), .text(buyerID)])
                {
                    categoryID = categoryID ?? listing.string("category_id")
                    unit = unit ?? listing.string("unit")
                    sellerID = listing.string("seller_id")
                } else {
                    errors.append(FieldError("\(path).product_id", "is not an active listing you can see",
                                             ko: "볼 수 있는 판매 중인 상품이 아닙니다"))
                    continue
                }
            }
            guard let category = categoryID else {
                errors.append(FieldError("\(path).category_id", "is required (the listing has no category)",
                                         ko: "필수 항목입니다"))
                continue
            }
            guard try db.queryOne("SELECT 1 FROM categories WHERE id = ?", [.text(category)]) != nil else {
                errors.append(FieldError("\(path).category_id", "is not a known category", ko: "존재하지 않는 카테고리입니다"))
                continue
            }
            resolved.append(ResolvedItem(item: item, categoryID: category, unit: unit ?? "piece", sellerID: sellerID))
        }
        if !draft.invitedSellerIDs.isEmpty {
            var active = Set<String>()
            let list = String(decoding: JSONSerializer.serialize(.array(draft.invitedSellerIDs.map { .string($0) })), as: UTF8.self)
            try db.forEach(
                """
                SELECT id FROM organizations
                WHERE id IN (SELECT value FROM json_each(?)) AND kind = 'supplier' AND status = 'active'
                """, [.text(list)]
            ) { row in if let id = row.string("id") { active.insert(id) } }
            for (index, id) in draft.invitedSellerIDs.enumerated() where !active.contains(id) {
                errors.append(FieldError("invite_seller_ids[\(index)]", "is not an active supplier",
                                         ko: "활성 공급업체가 아닙니다"))
            }
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        return resolved
    }
}
