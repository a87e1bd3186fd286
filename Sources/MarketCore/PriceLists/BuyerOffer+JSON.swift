import Web

extension BuyerOffer {
    /// Adds to a catalog view of `listing` (whose `unit_price` and `price_tiers` were written from
    /// `applied(to:)`) where its prices come from: `price_source` `list` or `contract`, and for a contract
    /// the public `list_unit_price` beside the buyer's own (the public tiers are the anonymous view's).
    public func annotate(_ object: inout JSONObject, listing: Listing) {
        guard isContract else {
            object["price_source"] = .string(BuyerPrice.Source.list.name)
            return
        }
        object["price_source"] = .string("contract")
        object["list_unit_price"] = ["amount": .string(listing.unitPriceText), "currency": .string(listing.currency.code)]
    }
}
