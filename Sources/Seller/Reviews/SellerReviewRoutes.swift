import MarketCore
import Web

/// A supplier's reviews (API.md, Seller: reviews response): the list of its own reviews — hidden ones
/// flagged, since it may want to know — and its one public reply to each. Another supplier's review is
/// a 404.
enum SellerReviewRoutes {
    static func register(_ routes: MarketRoutes) {
        ReviewSchemas.registerComponents()
        let services = routes.services
        let idempotency = Idempotency(services: services)

        routes.add(.get, "/v1/seller/reviews", access: .supplier(.admin, .sales), doc: SellerReviewDocs.list) { request, context in
            let caller = try context.caller()
            let page = try Pagination(request.query)
            let (items, next) = try services.database.read { db in
                try ReviewQueries.list(db, filter: .init(sellerID: caller.organizationID), page: page)
            }
            return .page(items.map(\.partyJSON), nextCursor: next)
        }

        routes.add(.get, "/v1/seller/reviews/{id}", access: .supplier(.admin, .sales), doc: SellerReviewDocs.detail) { request, context in
            let caller = try context.caller()
            let review = try services.database.read { db in
                try Review.find(db, id: request.parameter("id"), condition: "r.seller_id = ?", arguments: [.text(caller.organizationID)])
            }
            guard let review else { throw APIError.notFound("review") }
            return .json(review.partyJSON)
        }

        routes.add(.post, "/v1/seller/reviews/{id}/response", access: .supplier(.admin, .sales), doc: SellerReviewDocs.respond) {
            request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let text = body.string("text", required: true, maxLength: ReviewReply.maxLength)
            try validation.check()
            guard let text else { throw APIError.internal() }
            let reviewID = request.parameter("id")
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let review = try services.database.write { db in
                    try ReviewReply.create(db, reviewID: reviewID, sellerID: caller.organizationID, userID: caller.userID, text: text,
                                           now: services.now())
                }
                return .json(review.partyJSON, status: .created)
            }
        }
    }
}
