import MarketCore
import Web

enum SettlementRoutes {
    static func register(_ routes: MarketRoutes) {
    }
}
