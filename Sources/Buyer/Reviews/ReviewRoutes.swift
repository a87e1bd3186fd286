import MarketCore
import Web

enum ReviewRoutes {
    static func register(_ routes: MarketRoutes) {
    }
}
