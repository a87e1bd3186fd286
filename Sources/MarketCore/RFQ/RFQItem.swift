import Store
import Web

/// One line of an RFQ: a listing or a free description, its category, quantity and unit, and an optional
/// target unit price in the RFQ currency.
public struct RFQItem: Sendable {
    public let id: String
    public let position: Int
    public let productID: String?
    public let description: String?
    public let categoryID: String
    public let quantity: Int64
    public let unit: String
    /// Decimal text in the RFQ currency.
    public let targetUnitPrice: String?
    /// The listing's title when a listing is named (for quotes and orders).
    public let productTitle: String?

    /// The RFQ's items in order.
    public static func load(_ db: Connection, rfqID: String) throws -> [RFQItem] {
        try db.query(
            """
            SELECT i.id, i.position, i.product_id, i.description, i.category_id, i.quantity, i.unit, i.target_unit_price,
                   coalesce(p.title_en, p.title_ko) AS product_title
            FROM rfq_items i LEFT JOIN products p ON p.id = i.product_id
            WHERE i.rfq_id = ? ORDER BY i.position
            """, [.text(rfqID)]
        ).map { row in
            RFQItem(
                id: row.string("id") ?? "", position: row.int("position") ?? 0, productID: row.string("product_id"),
                description: row.string("description"), categoryID: row.string("category_id") ?? "",
                quantity: row.int64("quantity") ?? 0, unit: row.string("unit") ?? "",
                targetUnitPrice: row.string("target_unit_price"), productTitle: row.string("product_title"))
        }
    }

    /// What an order line calls this item: the buyer's description, else the listing's title.
    public var title: String { description ?? productTitle ?? "RFQ item \(position + 1)" }

    public var json: JSON {
        [
            "id": .string(id), "position": .int(position), "product_id": .optional(productID),
            "description": .optional(description), "category_id": .string(categoryID), "quantity": .int(quantity),
            "unit": .string(unit), "target_unit_price": .optional(targetUnitPrice),
        ]
    }
}
