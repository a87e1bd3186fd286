import MarketCore

/// The buyer's buying habits (API.md, Buyer: lists, quick-order, reorder, recurring-orders). Each way
/// of buying again ends in `Checkout.place`, so approval rules, credit, stock and commission apply as to
/// a cart, and each listing is priced by `BuyerPricing` (contract prices included).
enum PurchasingRoutes {
    static func register(_ routes: MarketRoutes) {
        PurchasingDocs.registerComponents()
        RequisitionListRoutes.register(routes)
        QuickOrderRoutes.register(routes)
        ReorderRoutes.register(routes)
        RecurringOrderRoutes.register(routes)
    }
}
