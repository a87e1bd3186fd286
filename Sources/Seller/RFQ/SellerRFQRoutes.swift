import Foundation
import MarketCore
import Store
import Web

/// The supplier's RFQ inbox (API.md, Seller: rfqs, quotes, decline). A supplier sees only RFQs it was
/// invited to — any other id is a 404, exactly as for an id that does not exist — and only its own
/// invitation, answer and quote revisions, never other suppliers or their quotes.
enum SellerRFQRoutes {
    static func register(_ routes: MarketRoutes) {
        RFQDocs.registerComponents()
        let services = routes.services
        let idempotency = Idempotency(services: services)

        routes.add(.get, "/v1/seller/rfqs", access: .supplier(.admin, .sales), doc: SellerRFQDocs.list) { request, context in
            let caller = try context.caller()
            let status = try RFQFilters.status(request.query)
            let response = try RFQFilters.response(request.query)
            let page = try Pagination(request.query)
            let (items, next) = try services.database.read { db in
                try RFQQueries.supplierInbox(db, supplierID: caller.organizationID, status: status, response: response,
                                             page: page, now: services.now())
            }
            return .page(items, nextCursor: next)
        }

        routes.add(.get, "/v1/seller/rfqs/{id}", access: .supplier(.admin, .sales), doc: SellerRFQDocs.detail) { request, context in
            let caller = try context.caller()
            let json = try services.database.read { db in
                try view(db, rfqID: request.parameter("id"), supplierID: caller.organizationID, now: services.now())
            }
            return .json(json)
        }

        routes.add(.get, "/v1/seller/rfqs/{id}/quotes", access: .supplier(.admin, .sales), doc: SellerRFQDocs.history) { request, context in
            let caller = try context.caller()
            let revisions = try services.database.read { db -> [JSON] in
                guard try RFQRecord.forSupplier(db, id: request.parameter("id"), supplierID: caller.organizationID) != nil else {
                    throw APIError.notFound("rfq")
                }
                return try QuoteRecord.history(db, rfqID: request.parameter("id"), supplierID: caller.organizationID)
                    .reversed().map { .object($0.json) }
            }
            return .page(revisions, nextCursor: nil)
        }

        routes.add(.post, "/v1/seller/rfqs/{id}/quotes", access: .supplier(.admin, .sales), doc: SellerRFQDocs.quote) { request, context in
            let caller = try context.caller()
            let draft = try QuoteRequestBody.read(request, now: services.now())
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let json = try services.database.write { db -> JSON in
                    let now = services.now()
                    guard let (rfq, recipient) = try RFQRecord.forSupplier(
                        db, id: request.parameter("id"), supplierID: caller.organizationID) else { throw APIError.notFound("rfq") }
                    guard caller.organizationStatus == .active else { throw RFQProblems.supplierInactive }
                    let quote = try QuoteSubmission.submit(db, rfq: rfq, recipient: recipient, draft: draft,
                                                           userID: caller.userID, now: now)
                    let estimate = try QuoteEstimate.compute(
                        db, quote: quote, items: try RFQItem.load(db, rfqID: rfq.id), supplierID: caller.organizationID,
                        baseCurrency: services.settings.baseCurrency, now: now)
                    var object = quote.json
                    object["estimated_commission"] = estimate.commission?.json ?? .null
                    object["estimated_net_payout"] = estimate.netPayout?.json ?? .null
                    object["estimate"] = estimate.json
                    return .object(object)
                }
                return .json(json, status: .created)
            }
        }

        routes.add(.post, "/v1/seller/rfqs/{id}/decline", access: .supplier(.admin, .sales), doc: SellerRFQDocs.decline) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let reason = body.string("reason", required: true, maxLength: 1000)
            try validation.check()
            guard let reason else { throw APIError.internal() }
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let json = try services.database.write { db -> JSON in
                    let now = services.now()
                    guard let (rfq, recipient) = try RFQRecord.forSupplier(
                        db, id: request.parameter("id"), supplierID: caller.organizationID) else { throw APIError.notFound("rfq") }
                    guard caller.organizationStatus == .active else { throw RFQProblems.supplierInactive }
                    try QuoteSubmission.decline(db, rfq: rfq, recipient: recipient, reason: reason, now: now)
                    return try view(db, rfqID: rfq.id, supplierID: caller.organizationID, now: now)
                }
                return .json(json)
            }
        }
    }

    /// The supplier's view of one RFQ it was invited to; 404 otherwise.
    static func view(_ db: Connection, rfqID: String, supplierID: String, now: Date) throws -> JSON {
        guard let (rfq, recipient) = try RFQRecord.forSupplier(db, id: rfqID, supplierID: supplierID) else {
            throw APIError.notFound("rfq")
        }
        let quote = try QuoteRecord.current(db, rfqID: rfq.id, supplierID: supplierID)
        var object = RFQJSON.seller(
            rfq, recipient: recipient, buyer: try RFQQueries.buyer(db, id: rfq.buyerID),
            items: try RFQItem.load(db, rfqID: rfq.id), quote: quote,
            awards: try RFQJSON.awards(db, rfqID: rfq.id, supplierID: supplierID), now: now
        ).objectValue ?? JSONObject()
        object["revisions"] = .int(quote?.revision ?? 0)
        return .object(object)
    }
}
