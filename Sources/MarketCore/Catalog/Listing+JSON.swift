import Web

// MARK: - The supplier's view of a listing

extension Listing {
    /// `GET /v1/seller/products/{id}`: every field as the supplier wrote it.
    public var sellerJSON: JSON {
        [
            "id": .string(id), "sku": .string(sku), "title": title.json, "description": description.json,
            "category_id": .optional(categoryID), "unit": .string(unit), "currency": .string(currency.code),
            "unit_price": .string(unitPriceText), "price_tiers": tiersJSON,
            "min_order_quantity": .int(minOrderQuantity), "stock": .int(stock), "lead_time_days": .int(leadTimeDays),
            "attributes": .object(attributes), "status": .string(status.rawValue),
            "visible_to_buyer_ids": visibleTo.map { .array($0.map(JSON.string)) } ?? .null,
            "version": .int(version), "created_at": .string(createdAt), "updated_at": .string(updatedAt),
        ]
    }

    /// `[{"min_quantity":100,"unit_price":"8.10"}]`, ascending.
    public var tiersJSON: JSON {
        .array(priceTiers.sorted { $0.minQuantity < $1.minQuantity }.map { tier in
            ["min_quantity": .int(tier.minQuantity), "unit_price": .string(Self.priceText(tier.unitPrice, currency))]
        })
    }
}
