import MarketCore
import Web

enum SellerReviewRoutes {
    static func register(_ routes: MarketRoutes) {
    }
}
