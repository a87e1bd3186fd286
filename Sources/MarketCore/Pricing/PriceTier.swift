import Web

/// A quantity break: from `minQuantity` units on, each unit costs `unitPrice` (listing currency).
public struct PriceTier: Sendable, Equatable {
    public let minQuantity: Int64
    public let unitPrice: ExactDecimal

    public init(minQuantity: Int64, unitPrice: ExactDecimal) {
        self.minQuantity = minQuantity
        self.unitPrice = unitPrice
    }

    /// Stored as JSON text in `products.price_tiers`: `[{"min_quantity":100,"unit_price":"8.10"}]`.
    public static func decodeList(_ text: String?) -> [PriceTier] {
        guard let text, let json = try? JSONParser.parse(text), let items = json.arrayValue else { return [] }
        return items.compactMap { item in
            guard let q = item["min_quantity"]?.int64Value, let p = item["unit_price"]?.stringValue,
                let price = try? ExactDecimal.parse(p, maxScale: 6)
            else { return nil }
            return PriceTier(minQuantity: q, unitPrice: price)
        }.sorted { $0.minQuantity < $1.minQuantity }
    }

    public static func encodeList(_ tiers: [PriceTier]) -> String {
        JSONSerializer.string(.array(tiers.sorted { $0.minQuantity < $1.minQuantity }.map(\.json)))
    }

    public var json: JSON { ["min_quantity": .int(minQuantity), "unit_price": .string(unitPrice.description)] }
}

/// The unit price a quantity pays on a listing: the tier with the highest `minQuantity` not above the
/// quantity, else the listing's base price. Pure, so the catalog's shown price and checkout's charged
/// price come from the same function.
public enum TierPricing {
    public static func unitPrice(base: ExactDecimal, tiers: [PriceTier], quantity: Int64) -> ExactDecimal {
        var price = base
        var best: Int64 = 0
        for tier in tiers where tier.minQuantity <= quantity && tier.minQuantity > best {
            price = tier.unitPrice
            best = tier.minQuantity
        }
        return price
    }
}
