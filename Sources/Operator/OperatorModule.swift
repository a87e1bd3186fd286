import MarketCore
import Store
import Web

/// The operator's back office (`/v1/admin/...`): commission rules, FX rates, supplier onboarding, buyer
/// credit, the category tree and the audit log. Each area registers its own routes.
public enum OperatorModule {
    public static func register(_ routes: MarketRoutes) {
        FeeRuleDocs.registerComponents()
        FXRateDocs.registerComponents()
        SellerAdminDocs.registerComponents()
        BuyerCreditDocs.registerComponents()
        CategoryDocs.registerComponents()
        AuditLogDocs.registerComponents()

        FeeRuleRoutes.register(routes)
        FXRateRoutes.register(routes)
        SellerAdminRoutes.register(routes)
        BuyerCreditRoutes.register(routes)
        CategoryAdminRoutes.register(routes)
        AuditLogRoutes.register(routes)
        SettlementRoutes.register(routes)
        LedgerBalanceRoutes.register(routes)
        KPIRoutes.register(routes)
        ReviewModerationRoutes.register(routes)
        PaymentRoutes.register(routes)
        ReceivableRoutes.register(routes)
    }
}
