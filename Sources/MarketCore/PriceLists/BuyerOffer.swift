/// A listing as one buyer is offered it: the buyer's prices at every quantity, for display. Built from
/// the contract entries `BuyerPricing.contracts` loaded for a page of listings; every price in it comes
/// from `BuyerPricing.unitPrice`, so what the catalog shows is what checkout charges.
public struct BuyerOffer: Sendable {
    public let product: PricedProduct
    public let contracts: [ContractEntry]
    /// The price for one unit.
    public let basePrice: BuyerPrice
    /// The buyer's price schedule as tiers after the base price. The price is piecewise constant and can
    /// change only where the listing's or a contract's tier starts, so it is decided once at each such
    /// quantity and each change kept.
    public let tiers: [PriceTier]
    /// Whether a contract sets any of this listing's prices for the buyer.
    public let isContract: Bool

    public init(product: PricedProduct, contracts: [ContractEntry]) {
        self.product = product
        self.contracts = contracts
        let base = BuyerPricing.unitPrice(product: product, quantity: 1, contracts: contracts)
        basePrice = base
        guard !contracts.isEmpty else {
            tiers = product.priceTiers
            isContract = false
            return
        }
        var contract = base.source != .list
        var last = base.amount
        var schedule: [PriceTier] = []
        let breakpoints = Set(product.priceTiers.map(\.minQuantity) + contracts.flatMap { $0.tiers.map(\.minQuantity) })
        for quantity in breakpoints.filter({ $0 > 1 }).sorted() {
            let price = BuyerPricing.unitPrice(product: product, quantity: quantity, contracts: contracts)
            if price.source != .list { contract = true }
            if price.amount != last { schedule.append(PriceTier(minQuantity: quantity, unitPrice: price.amount)) }
            last = price.amount
        }
        tiers = schedule
        isContract = contract
    }

    public init(_ listing: Listing, contracts: [String: [ContractEntry]]) {
        self.init(product: PricedProduct(listing), contracts: contracts[listing.id] ?? [])
    }

    public func price(quantity: Int64) -> BuyerPrice {
        BuyerPricing.unitPrice(product: product, quantity: quantity, contracts: contracts)
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
