import MarketCore
import Store
import Web

/// The operator's back office (`/v1/admin/...`).
public enum OperatorModule {
    public static func register(_ routes: MarketRoutes) {
    }
}
