import MarketCore
import Web

/// Reviews on the buyer side (API.md, Buyer: orders/{id}/review): a buyer company reviews a delivered
/// order once (rules in `ReviewSubmission`) and can read its review back; anyone can page through a
/// supplier's visible reviews (the profile shows only the latest).
enum ReviewRoutes {
    static func register(_ routes: MarketRoutes) {
        ReviewSchemas.registerComponents()
        let services = routes.services
        let idempotency = Idempotency(services: services)

        routes.add(.post, "/v1/buyer/orders/{id}/review", access: .buyer(.admin, .purchaser), doc: ReviewDocs.create) {
            request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let scores = ReviewScores(reading: body)
            let comment = body.string("comment", maxLength: ReviewSubmission.maxCommentLength)
            try validation.check()
            guard let scores else { throw APIError.internal() }
            let orderID = request.parameter("id")
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let review = try services.database.write { db in
                    try ReviewSubmission.create(
                        db, orderID: orderID, buyerID: caller.organizationID, authorUserID: caller.userID,
                        draft: .init(scores: scores, comment: comment), now: services.now())
                }
                return .json(review.partyJSON, status: .created)
            }
        }

        routes.add(.get, "/v1/buyer/orders/{id}/review", access: .buyer(), doc: ReviewDocs.read) { request, context in
            let caller = try context.caller()
            let review = try services.database.read { db in
                try db.queryOne(
                    "SELECT \(Review.columns) FROM reviews r WHERE r.order_id = ? AND r.buyer_id = ?",
                    [.text(request.parameter("id")), .text(caller.organizationID)]
                ).flatMap(Review.init(row:))
            }
            guard let review else { throw APIError.notFound("review") }
            return .json(review.partyJSON)
        }

        routes.add(.get, "/v1/catalog/sellers/{id}/reviews", access: .anyone, doc: ReviewDocs.sellerReviews) { request, _ in
            let page = try Pagination(request.query)
            let sellerID = request.parameter("id")
            let result = try services.database.read { db -> (items: [Review], nextCursor: String?)? in
                guard try db.queryOne(
                    "SELECT 1 FROM organizations WHERE id = ? AND kind = 'supplier' AND status = 'active'", [.text(sellerID)]
                ) != nil else { return nil }
                return try ReviewQueries.list(db, filter: .visible(sellerID: sellerID), page: page)
            }
            guard let result else { throw APIError.notFound("seller") }
            return .page(result.items.map(\.publicJSON), nextCursor: result.nextCursor)
        }
    }
}
