import MarketCore
import Store
import Web

/// The supplier side (`/v1/seller/...`): listings and imports, order fulfilment, RFQ inbox and quotes,
/// settlements. Each area registers its own routes.
public enum SellerModule {
    public static func register(_ routes: MarketRoutes) {
        ProductRoutes.register(routes)
        ProfileRoutes.register(routes)
        SellerOrderRoutes.register(routes)
        SellerRFQRoutes.register(routes)
        SellerSettlementRoutes.register(routes)
        SellerReviewRoutes.register(routes)
        PriceListRoutes.register(routes)
    }
}
