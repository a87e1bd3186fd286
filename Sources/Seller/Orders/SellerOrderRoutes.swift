import MarketCore
import Web

enum SellerOrderRoutes {
    static func register(_ routes: MarketRoutes) {
    }
}
