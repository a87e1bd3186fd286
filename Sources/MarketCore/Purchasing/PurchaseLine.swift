import Store
import Web

/// A listing and a quantity: a line of a requisition list, a recurring order or a reorder, before it
/// becomes a `CheckoutLine`.
public struct PurchaseLine: Sendable, Equatable {
    public var productID: String
    public var quantity: Int64

    public init(productID: String, quantity: Int64) {
        self.productID = productID
        self.quantity = quantity
    }

    public static let maxLines = 500

    /// `lines: [{"product_id","quantity"}]` from a body; problems go to the reader's validation, and a
    /// listing named twice is one (combine the quantities).
    public static func read(_ body: FieldReader, key: String = "lines", minCount: Int = 1) -> [PurchaseLine]? {
        guard let readers = body.objects(key, required: true, minCount: minCount, maxCount: maxLines) else { return nil }
        var lines: [PurchaseLine] = []
        var seen: [String: String] = [:]
        var complete = true
        for line in readers {
            let productID = line.string("product_id", required: true, maxLength: 64)
            let quantity = line.integer("quantity", required: true, min: 1, max: ListingRules.maxQuantity)
            guard let productID, let quantity else {
                complete = false
                continue
            }
            if let first = seen[productID] {
                line.fail("product_id", "repeats the listing of \(first); combine the quantities in one line",
                          ko: "\(first)와 같은 상품입니다. 수량을 한 줄로 합치세요")
                complete = false
                continue
            }
            seen[productID] = line.path
            lines.append(PurchaseLine(productID: productID, quantity: quantity))
        }
        return complete ? lines : nil
    }

    /// Checks that each line names a listing the buyer can order now (active, of an active supplier,
    /// visible to it) at no less than its minimum order quantity, recording a problem per line. The same
    /// rules as checkout, so a list or schedule saved now would check out now; checkout checks again
    /// when it runs.
    public static func checkOrderable(_ db: Connection, buyerID: String, lines: [PurchaseLine], key: String = "lines",
                                      validation: Validation) throws {
        for (index, line) in lines.enumerated() {
            let field = "\(key)[\(index)]"
            guard let row = try db.queryOne(
                """
                SELECT p.status, p.visible_to, p.min_order_quantity, o.status AS seller_status
                FROM products p JOIN organizations o ON o.id = p.seller_id WHERE p.id = ?
                """, [.text(line.productID)]),
                row.string("status") == "active", row.string("seller_status") == OrganizationStatus.active.rawValue,
                CheckoutLookup.isVisible(row.string("visible_to"), to: buyerID)
            else {
                validation.add("\(field).product_id", "is not available (unknown, inactive, or not offered to you)",
                               ko: "주문할 수 없는 상품입니다 (없거나, 판매 중이 아니거나, 공개되지 않음)")
                continue
            }
            let minimum = row.int64("min_order_quantity") ?? 1
            if line.quantity < minimum {
                validation.add("\(field).quantity", "is below the minimum order quantity of \(minimum)",
                               ko: "최소 주문 수량 \(minimum)보다 적습니다")
            }
        }
    }

    public var json: JSON { ["product_id": .string(productID), "quantity": .int(quantity)] }

    /// Lines stored as JSON text (`recurring_orders.lines`).
    static func decodeList(_ text: String?) -> [PurchaseLine] {
        guard let text, let items = (try? JSONParser.parse(text))?.arrayValue else { return [] }
        return items.compactMap { item in
            guard let id = item["product_id"]?.stringValue, let quantity = item["quantity"]?.int64Value else { return nil }
            return PurchaseLine(productID: id, quantity: quantity)
        }
    }

    static func encodeList(_ lines: [PurchaseLine]) -> String {
        JSONSerializer.string(.array(lines.map(\.json)))
    }
}
