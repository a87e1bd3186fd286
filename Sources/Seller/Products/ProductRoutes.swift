import MarketCore
import Web

enum ProductRoutes {
    static func register(_ routes: MarketRoutes) {
    }
}
