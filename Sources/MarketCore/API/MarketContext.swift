import Web

/// The marketplace's per-request context: who is calling, filled by the authentication middleware.
public struct MarketContext: RequestContext {
    public var principal: Principal?

    public init() {}

    /// The authenticated caller; routes registered with an access rule always have one.
    public func caller() throws(APIError) -> Principal {
        guard let principal else { throw APIError.unauthorized() }
        return principal
    }
}
