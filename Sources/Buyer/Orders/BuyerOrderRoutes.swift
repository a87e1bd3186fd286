import MarketCore
import Web

enum BuyerOrderRoutes {
    static func register(_ routes: MarketRoutes) {
    }
}
