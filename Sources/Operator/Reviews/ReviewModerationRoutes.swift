import MarketCore
import Web

enum ReviewModerationRoutes {
    static func register(_ routes: MarketRoutes) {
    }
}
