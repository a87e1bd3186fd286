/// A listing as one buyer is offered it: the buyer's prices at every quantity, for display. Built from
/// the contract entries `BuyerPricing.contracts` loaded for a page of listings; every price in it comes
/// from `BuyerPricing.unitPrice`, so what the catalog shows is what checkout charges.
public struct BuyerOffer: Sendable {
    public let product: PricedProduct
    public let contracts: [ContractEntry]

    public init(product: PricedProduct, contracts: [ContractEntry]) {
        self.product = product
        self.contracts = contracts
    }

    public init(_ listing: Listing, contracts: [String: [ContractEntry]]) {
        self.init(product: PricedProduct(listing), contracts: contracts[listing.id] ?? [])
    }

    public func price(quantity: Int64) -> BuyerPrice {
        BuyerPricing.unitPrice(product: product, quantity: quantity, contracts: contracts)
    }

    /// The base (one unit) price.
    public var basePrice: BuyerPrice { price(quantity: 1) }

    /// Whether any contract changes a price of this listing for the buyer.
    public var isContract: Bool {
        guard !contracts.isEmpty else { return false }
        return breakpoints.contains { price(quantity: $0).source != .list } || basePrice.source != .list
    }

    /// The buyer's price schedule as tiers after the base price: the price is piecewise constant and can
    /// change only where the listing's or a contract's tier starts, so it is evaluated there and each
    /// change kept.
    public var tiers: [PriceTier] {
        var last = basePrice.amount
        var result: [PriceTier] = []
        for quantity in breakpoints {
            let amount = price(quantity: quantity).amount
            if amount != last { result.append(PriceTier(minQuantity: quantity, unitPrice: amount)) }
            last = amount
        }
        return result
    }

    private var breakpoints: [Int64] {
        Set(product.priceTiers.map(\.minQuantity) + contracts.flatMap { $0.tiers.map(\.minQuantity) })
            .filter { $0 > 1 }.sorted()
    }

    /// The listing with the buyer's prices in place of the list prices (base and tiers), for views that
    /// format a listing; the listing itself when no contract applies.
    public func applied(to listing: Listing) -> Listing {
        guard isContract else { return listing }
        var priced = listing
        priced.unitPrice = basePrice.amount
        priced.priceTiers = tiers
        return priced
    }
}
