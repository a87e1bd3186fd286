/// The unit price one buyer pays for a quantity of a listing, in the listing's currency, and where it
/// comes from.
public struct BuyerPrice: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// The listing's own price (and tier): what everyone pays.
        case list
        /// A contract price list assigned to the buyer.
        case contract(priceListID: String)

        public var name: String {
            switch self {
            case .list: "list"
            case .contract: "contract"
            }
        }

        public var priceListID: String? {
            if case .contract(let id) = self { return id }
            return nil
        }
    }

    public var amount: ExactDecimal
    public var currency: Currency
    public var source: Source

    public init(amount: ExactDecimal, currency: Currency, source: Source) {
        self.amount = amount
        self.currency = currency
        self.source = source
    }
}
