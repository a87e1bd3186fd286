import MarketCore
import Store
import Web

/// The buyer side: public catalog browsing (`/v1/catalog/...`) and the buyer workspace
/// (`/v1/buyer/...`): orders, approvals, RFQs, reviews. Each area registers its own routes.
public enum BuyerModule {
    public static func register(_ routes: MarketRoutes) {
        CatalogRoutes.register(routes)
        CategoryRoutes.register(routes)
        BuyerOrderRoutes.register(routes)
        BuyerRFQRoutes.register(routes)
        ReviewRoutes.register(routes)
        InvoiceRoutes.register(routes)
        PurchasingRoutes.register(routes)
    }
}
