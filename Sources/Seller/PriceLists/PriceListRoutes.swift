import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// A supplier's contract price lists (API.md, Seller: price-lists). Another supplier's list is a 404.
/// What a list does to prices is decided in one place, `BuyerPricing` (MarketCore/PriceLists).
enum PriceListRoutes {
    static let access = Access.supplier(.admin, .sales)

    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        PriceListDocs.registerComponents()

        routes.add(.post, "/v1/seller/price-lists", access: access, doc: PriceListDocs.create) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let input = PriceListInput(validation.reader(try request.jsonObject()), creating: true)
            try validation.check()
            return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let list = try services.database.write { db -> PriceList in
                    let now = services.nowText()
                    let new = (id: ID.make(PriceListRules.idPrefix, at: services.now()), sellerID: caller.organizationID,
                               userID: caller.userID, now: now)
                    let list = try input.applied(to: nil, new: new, db: db, validation: validation)
                    try validation.check()
                    guard let list else { throw APIError.internal() }
                    try PriceList.insert(db, list)
                    try AuditLog.record(db, at: now, actor: caller, action: "price_list.created", entityType: "price_list",
                                        entityID: list.id, after: list.json(at: services.now()))
                    return list
                }
                return HTTPResponse.json(list.json(at: services.now()), status: .created,
                                         headers: ["Location": "/v1/seller/price-lists/\(list.id)"]).withETag(list.etag)
            }
        }

        routes.add(.get, "/v1/seller/price-lists", access: access, doc: PriceListDocs.list) { request, context in
            let caller = try context.caller()
            let page = try Pagination(request.query)
            let (items, next) = try services.database.read { db in
                try PriceList.page(db, sellerID: caller.organizationID, page: page, at: services.now())
            }
            return .page(items, nextCursor: next)
        }

        routes.add(.get, "/v1/seller/price-lists/{id}", access: access, doc: PriceListDocs.read) { request, context in
            let caller = try context.caller()
            let list = try services.database.read { db in
                try PriceList.find(db, sellerID: caller.organizationID, id: request.parameter("id"))
            }
            guard let list else { throw APIError.notFound("price list") }
            return HTTPResponse.json(list.json(at: services.now())).withETag(list.etag)
        }

        routes.add(.patch, "/v1/seller/price-lists/{id}", access: access, doc: PriceListDocs.update) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let input = PriceListInput(validation.reader(try request.jsonObject()), creating: false)
            try validation.check()
            let list = try services.database.write { db -> PriceList in
                guard let current = try PriceList.find(db, sellerID: caller.organizationID, id: request.parameter("id")) else {
                    throw APIError.notFound("price list")
                }
                if let ifMatch = request.header("If-Match"), !ETagMatch.matches(ifMatch, current.etag) {
                    throw APIError.preconditionFailed()
                }
                let now = services.nowText()
                let merged = try input.applied(
                    to: current, new: (current.id, current.sellerID, caller.userID, now), db: db, validation: validation)
                try validation.check()
                guard var updated = merged else { throw APIError.internal() }
                if updated == current { return current }
                updated.version = current.version + 1
                updated.updatedAt = now
                try PriceList.update(db, updated)
                try AuditLog.record(db, at: now, actor: caller, action: "price_list.updated", entityType: "price_list",
                                    entityID: updated.id, before: current.json(at: services.now()), after: updated.json(at: services.now()))
                return updated
            }
            return HTTPResponse.json(list.json(at: services.now())).withETag(list.etag)
        }

        routes.add(.delete, "/v1/seller/price-lists/{id}", access: access, doc: PriceListDocs.delete) { request, context in
            let caller = try context.caller()
            try services.database.write { db in
                guard let current = try PriceList.find(db, sellerID: caller.organizationID, id: request.parameter("id")) else {
                    throw APIError.notFound("price list")
                }
                if let ifMatch = request.header("If-Match"), !ETagMatch.matches(ifMatch, current.etag) {
                    throw APIError.preconditionFailed()
                }
                try PriceList.delete(db, current)
                try AuditLog.record(db, at: services.nowText(), actor: caller, action: "price_list.deleted", entityType: "price_list",
                                    entityID: current.id, before: current.json(at: services.now()))
            }
            return .noContent()
        }
    }
}
