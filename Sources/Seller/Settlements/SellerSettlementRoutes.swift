import MarketCore
import Web

enum SellerSettlementRoutes {
    static func register(_ routes: MarketRoutes) {
    }
}
