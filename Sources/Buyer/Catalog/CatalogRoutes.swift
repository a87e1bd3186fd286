import MarketCore
import Web

enum CatalogRoutes {
    static func register(_ routes: MarketRoutes) {
    }
}
