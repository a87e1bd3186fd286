import MarketCore
import Web

/// `GET /v1/catalog/products/{id}?quantity=&currency=`: price a quantity by the listing's tiers, and
/// convert it, exactly as checkout will charge it (`LinePricing`).
struct CatalogProductQuery {
    var quantity: Int64?
    var currency: Currency?

    init(_ query: QueryParameters) throws(APIError) {
        let validation = Validation()
        if let text = query["quantity"], !text.isEmpty {
            if let value = Int64(text), (1...ListingRules.maxQuantity).contains(value) { quantity = value } else {
                validation.add("quantity", "must be a whole number from 1 to \(ListingRules.maxQuantity)", ko: "1부터 \(ListingRules.maxQuantity) 사이의 정수여야 합니다")
            }
        }
        if let code = query["currency"], !code.isEmpty {
            if let value = Currency(code: code) { currency = value } else {
                validation.add("currency", "must be an ISO 4217 currency code such as USD, EUR, KRW", ko: "ISO 4217 통화 코드여야 합니다")
            }
        }
        try validation.check()
    }

    /// `{"quantity","unit_price","line_total","meets_min_order_quantity", "converted": {...}|null}`:
    /// the tier's unit price and `round_half_even(unit × quantity)` in the listing currency, and, when a
    /// currency was asked for, the same line as checkout prices it there (unit price converted to six
    /// decimals, then the line rounded) with the rate used.
    /// The unit price is the buyer's (`BuyerPricing`: contract prices for a signed-in buyer, else the tier).
    static func quote(_ listing: Listing, quantity: Int64, rates: inout CatalogRates?, offer: BuyerOffer) -> JSON {
        let buyerPrice = offer.price(quantity: quantity)
        let amount = buyerPrice.amount
        guard let unit = try? UnitPrice(amount: amount, currency: listing.currency),
            let identity = try? LinePricing.price(
                unit, quantity: quantity,
                fx: FXQuote(from: listing.currency, to: listing.currency, rate: .one, method: .identity, rateIDs: []))
        else { return .null }
        var object: JSONObject = [
            "quantity": .int(quantity), "unit_price": CatalogListingJSON.price(amount, listing.currency),
            "line_total": identity.lineTotal.json, "meets_min_order_quantity": .bool(quantity >= listing.minOrderQuantity),
            "price_source": .string(buyerPrice.source.name),
        ]
        if var table = rates {
            if let fx = table.quote(from: listing.currency), let line = try? LinePricing.price(unit, quantity: quantity, fx: fx) {
                object["converted"] = [
                    "unit_price": ["amount": .string(line.unitPrice.amountString), "currency": .string(line.unitPrice.currency.code)],
                    "line_total": line.lineTotal.json,
                    "rate": ["from": .string(fx.from.code), "to": .string(fx.to.code), "rate": .string(fx.rate.description),
                             "method": .string(fx.method.rawValue)],
                ]
            } else {
                object["converted"] = .null
            }
            rates = table
        }
        return .object(object)
    }
}
