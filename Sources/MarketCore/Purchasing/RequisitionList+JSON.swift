import Foundation
import Store
import Web

// MARK: - The buyer's view of a requisition list

extension RequisitionList {
    var headerJSON: JSONObject {
        [
            "id": .string(id), "name": .string(name), "created_by": .string(createdBy), "updated_by": .string(updatedBy),
            "version": .int(version), "created_at": .string(createdAt), "updated_at": .string(updatedAt),
        ]
    }

    /// The list with each line as it would be ordered now: the listing, whether it can be ordered, and
    /// this buyer's unit price and line total for the line's quantity (`BuyerPricing`, in the listing's
    /// currency).
    public func detailJSON(_ db: Connection, language: Language, at instant: Date) throws -> JSON {
        let ids = lines.map(\.productID)
        var rows: [String: Row] = [:]
        try db.forEach(
            """
            SELECT \(Listing.columns), o.status AS seller_status, o.name AS seller_name
            FROM products p JOIN organizations o ON o.id = p.seller_id
            WHERE p.id IN (SELECT value FROM json_each(?))
            """, [.text(JSONSerializer.string(.array(ids.map(JSON.string))))]
        ) { row in
            if let id = row.string("id") { rows[id] = row }
        }
        let contracts = try BuyerPricing.contracts(db, buyerID: buyerID, productIDs: ids, at: instant)
        var object = headerJSON
        object["lines"] = .array(lines.map { line -> JSON in
            var item: JSONObject = ["product_id": .string(line.productID), "quantity": .int(line.quantity)]
            // Only what the catalog would show this buyer: a listing withdrawn, of a supplier no longer
            // active, or not offered to the buyer shows as unavailable, without details.
            guard let row = rows[line.productID], let listing = Listing(row: row), listing.status == .active,
                row.string("seller_status") == OrganizationStatus.active.rawValue,
                listing.visibleTo.map({ $0.contains(buyerID) }) ?? true
            else {
                item["available"] = .bool(false)
                return .object(item)
            }
            let price = BuyerOffer(listing, contracts: contracts).price(quantity: line.quantity)
            item["sku"] = .string(listing.sku)
            item["title"] = listing.title.json
            item["display_title"] = .optional(listing.title.text(language))
            item["seller"] = ["id": .string(listing.sellerID), "name": .optional(row.string("seller_name"))]
            item["available"] = .bool(line.quantity >= listing.minOrderQuantity)
            item["in_stock"] = .bool(listing.stock >= line.quantity)
            item["min_order_quantity"] = .int(listing.minOrderQuantity)
            if let unit = try? UnitPrice(amount: price.amount, currency: price.currency) {
                item["unit_price"] = ["amount": .string(unit.amountString), "currency": .string(price.currency.code)]
                item["line_total"] = (try? unit.lineTotal(quantity: line.quantity))?.json ?? .null
            }
            item["price_source"] = .string(price.source.name)
            return .object(item)
        })
        return .object(object)
    }
}
