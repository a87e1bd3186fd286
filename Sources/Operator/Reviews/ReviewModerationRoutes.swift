import MarketCore
import Web

/// Review moderation (API.md, Operator: reviews hide): the list to work through, and hide / unhide
/// with a reason, audited (rules in `ReviewModeration`).
enum ReviewModerationRoutes {
    static func register(_ routes: MarketRoutes) {
        ReviewSchemas.registerComponents()
        let services = routes.services
        let idempotency = Idempotency(services: services)

        routes.add(.get, "/v1/admin/reviews", access: .operator(.admin), doc: ReviewModerationDocs.list) { request, _ in
            let query = request.query
            let validation = Validation()
            let hidden = query.oneOf("hidden", ["true", "false"], validation)
            let sellerID = query.text("seller_id", validation)
            let buyerID = query.text("buyer_id", validation)
            try validation.check()
            let page = try Pagination(query)
            let filter = ReviewQueries.Filter(sellerID: sellerID, buyerID: buyerID, hidden: hidden.map { $0 == "true" })
            let (items, next) = try services.database.read { db in
                try ReviewQueries.list(db, filter: filter, page: page)
            }
            return .page(items.map(\.moderationJSON), nextCursor: next)
        }

        for action in ReviewModeration.Action.allCases {
            let doc = action == .hide ? ReviewModerationDocs.hide : ReviewModerationDocs.unhide
            routes.add(.post, "/v1/admin/reviews/{id}/\(action.rawValue)", access: .operator(.admin), doc: doc) { request, context in
                let caller = try context.caller()
                let validation = Validation()
                let body = validation.reader(try request.jsonObject())
                let reason = body.string("reason", required: true, maxLength: 1000)
                try validation.check()
                guard let reason else { throw APIError.internal() }
                let reviewID = request.parameter("id")
                return try idempotency.run(request, organizationID: caller.organizationID) {
                    let review = try services.database.write { db in
                        try ReviewModeration.apply(action, db, reviewID: reviewID, reason: reason, actor: caller, now: services.now())
                    }
                    return .json(review.moderationJSON)
                }
            }
        }
    }
}
