import Foundation
import Web

// MARK: - The supplier's view of a price list

extension PriceList {
    /// `GET /v1/seller/price-lists/{id}`: everything, entries included.
    public func json(at instant: Date) -> JSON {
        var object = header(at: instant)
        object["entries"] = .array(entries.map(\.json))
        return .object(object)
    }

    /// A list in `GET /v1/seller/price-lists`: no entries, their count instead.
    func summaryJSON(entryCount: Int64, at instant: Date) -> JSON {
        var object = header(at: instant)
        object["entry_count"] = .int(entryCount)
        return .object(object)
    }

    private func header(at instant: Date) -> JSONObject {
        var object: JSONObject = [
            "id": .string(id), "name": .string(name), "buyer_ids": .array(buyerIDs.map(JSON.string)),
            "valid_from": .string(validFrom), "valid_to": .optional(validTo),
        ]
        object["in_force"] = .bool(isValid(at: instant))
        object["version"] = .int(version)
        object["created_at"] = .string(createdAt)
        object["updated_at"] = .string(updatedAt)
        return object
    }
}

extension PriceList.Entry {
    public var json: JSON {
        var object: JSONObject = ["product_id": .string(productID), "sku": .optional(sku), "currency": .string(currency.code)]
        switch terms {
        case .unitPrice(let price): object["unit_price"] = .string(PriceList.priceText(price, currency))
        case .discountPercent(let percent): object["discount_percent"] = .string(percent.normalized().description)
        }
        object["price_tiers"] = .array(tiers.map { tier in
            ["min_quantity": .int(tier.minQuantity), "unit_price": .string(PriceList.priceText(tier.unitPrice, currency))]
        })
        return .object(object)
    }
}
