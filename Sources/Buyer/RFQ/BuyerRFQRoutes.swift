import MarketCore
import Web

/// The buyer's requests for quotation (API.md, Buyer: rfqs): create and broadcast, read, compare quotes,
/// award, cancel. The rules live in MarketCore/RFQ (`RFQCreation`, `RFQInvitation`, `QuoteComparison`,
/// `RFQAward`, `RFQCancellation`); this file turns HTTP into calls to them. Every RFQ query carries the
/// caller's organization: another buyer's RFQ is a 404.
enum BuyerRFQRoutes {
    static func register(_ routes: MarketRoutes) {
        RFQDocs.registerComponents()
        let services = routes.services
        let idempotency = Idempotency(services: services)

        routes.add(.post, "/v1/buyer/rfqs", access: .buyer(.admin, .purchaser), doc: BuyerRFQDocs.create) { request, context in
            let caller = try context.caller()
            let draft = try RFQRequestBody.read(request, now: services.now())
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let json = try services.database.write { db -> JSON in
                    let now = services.now()
                    let id = try RFQCreation.create(db, draft: draft, buyerID: caller.organizationID, userID: caller.userID, now: now)
                    guard let rfq = try RFQRecord.forBuyer(db, id: id, buyerID: caller.organizationID) else { throw APIError.internal() }
                    return RFQJSON.buyer(rfq, items: try RFQItem.load(db, rfqID: id), awards: [], now: now)
                }
                return .json(json, status: .created)
            }
        }

        routes.add(.get, "/v1/buyer/rfqs", access: .buyer(), doc: BuyerRFQDocs.list) { request, context in
            let caller = try context.caller()
            let status = try RFQFilters.status(request.query)
            let page = try Pagination(request.query)
            let (items, next) = try services.database.read { db in
                try RFQQueries.buyerList(db, buyerID: caller.organizationID, status: status, page: page, now: services.now())
            }
            return .page(items, nextCursor: next)
        }

        routes.add(.get, "/v1/buyer/rfqs/{id}", access: .buyer(), doc: BuyerRFQDocs.detail) { request, context in
            let caller = try context.caller()
            let json = try services.database.read { db -> JSON in
                guard let rfq = try RFQRecord.forBuyer(db, id: request.parameter("id"), buyerID: caller.organizationID) else {
                    throw APIError.notFound("rfq")
                }
                return RFQJSON.buyer(rfq, items: try RFQItem.load(db, rfqID: rfq.id),
                                     awards: try RFQJSON.awards(db, rfqID: rfq.id), now: services.now())
            }
            return .json(json)
        }

        routes.add(.get, "/v1/buyer/rfqs/{id}/quotes", access: .buyer(), doc: BuyerRFQDocs.quotes) { request, context in
            let caller = try context.caller()
            var currency: Currency?
            if let code = request.query["currency"], !code.isEmpty {
                guard let parsed = Currency(code: code) else {
                    throw APIError.validation(field: "query.currency", "must be an ISO 4217 currency code such as USD, EUR, KRW",
                                              ko: "ISO 4217 통화 코드여야 합니다 (예: USD, EUR, KRW)")
                }
                currency = parsed
            }
            let (items, extra) = try services.database.read { db in
                guard let rfq = try RFQRecord.forBuyer(db, id: request.parameter("id"), buyerID: caller.organizationID) else {
                    throw APIError.notFound("rfq")
                }
                return try QuoteComparison.build(db, rfq: rfq, currency: currency ?? rfq.currency,
                                                 baseCurrency: services.settings.baseCurrency, now: services.now())
            }
            return .page(items, nextCursor: nil, extra: extra)
        }

        routes.add(.post, "/v1/buyer/rfqs/{id}/award", access: .buyer(.admin, .purchaser), doc: BuyerRFQDocs.award) { request, context in
            let caller = try context.caller()
            let (selection, terms) = try AwardRequestBody.read(request)
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let json = try services.database.write { db -> JSON in
                    guard let rfq = try RFQRecord.forBuyer(db, id: request.parameter("id"), buyerID: caller.organizationID) else {
                        throw APIError.notFound("rfq")
                    }
                    return try RFQAward.award(db, services: services, rfq: rfq, selection: selection, terms: terms,
                                              userID: caller.userID)
                }
                return .json(json, status: .created)
            }
        }

        routes.add(.post, "/v1/buyer/rfqs/{id}/cancel", access: .buyer(.admin, .purchaser), doc: BuyerRFQDocs.cancel) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.optionalJSONObject())
            let reason = body.string("reason", maxLength: 1000)
            try validation.check()
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let json = try services.database.write { db -> JSON in
                    let now = services.now()
                    guard let rfq = try RFQRecord.forBuyer(db, id: request.parameter("id"), buyerID: caller.organizationID) else {
                        throw APIError.notFound("rfq")
                    }
                    try RFQCancellation.cancel(db, rfq: rfq, userID: caller.userID, reason: reason, now: now)
                    guard let cancelled = try RFQRecord.forBuyer(db, id: rfq.id, buyerID: caller.organizationID) else {
                        throw APIError.internal()
                    }
                    return RFQJSON.buyer(cancelled, items: try RFQItem.load(db, rfqID: rfq.id), awards: [], now: now)
                }
                return .json(json)
            }
        }
    }
}
