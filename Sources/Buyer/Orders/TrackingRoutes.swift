import HTTPServer
import MarketCore
import Web

/// `GET /v1/track/{token}`: the public tracking page. Anyone holding the token (it came with the order)
/// sees the status, its history and the shipment's events; never prices, addresses, names or ids.
enum TrackingRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        routes.add(.get, "/v1/track/{token}", access: .anyone, doc: BuyerOrderDocs.track) { request, _ in
            let token = request.parameter("token")
            guard TrackingToken.isWellFormed(token) else { throw APIError.notFound("tracking token") }
            let view = try services.database.read { db in try OrderView.tracking(db, token: token) }
            guard let view else { throw APIError.notFound("tracking token") }
            // Shared links get cached by browsers and proxies; keep them fresh and out of shared caches.
            var response = HTTPResponse.json(view)
            response.headers.set("Cache-Control", "private, no-cache")
            return response
        }
    }
}
