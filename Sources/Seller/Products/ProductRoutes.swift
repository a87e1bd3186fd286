import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// A supplier's listings (API.md, Seller: products, import, export). Another supplier's listing is a
/// 404; archived (deleted) listings are gone from every answer here.
enum ProductRoutes {
    static let access = Access.supplier(.admin, .catalog)

    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        ProductDocs.registerComponents()

        routes.add(.post, "/v1/seller/products", access: access, doc: ProductDocs.create) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let changes = ListingChanges(json: body)
            if changes.sku == nil && !body.has("sku") { validation.add("sku", "is required", ko: "필수 항목입니다") }
            try validation.check()
            return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let listing = try services.database.write { db -> Listing in
                    try ListingReferences(db).check(changes, validation: validation)
                    guard let sku = changes.sku else { throw APIError.internal() }
                    let existing = try ListingStore.find(db, sellerID: caller.organizationID, sku: sku)
                    if let existing, existing.status != .archived {
                        throw APIError.conflict(
                            LocalizedText(en: "You already have a listing with SKU \(sku) (\(existing.id)).",
                                          ko: "SKU \(sku) 상품이 이미 있습니다 (\(existing.id))."),
                            code: "sku_taken")
                    }
                    let now = services.nowText()
                    let new = ListingChanges.NewListing(
                        id: ID.make(Listing.idPrefix, at: services.now()), sellerID: caller.organizationID,
                        defaultCurrency: try ProductRoutes.defaultCurrency(db, caller.organizationID), now: now)
                    // A new listing is created whole: an archived one with this SKU comes back with only
                    // what this request says (defaults for the rest), keeping its id for old orders.
                    let fresh = changes.applied(to: nil, new: new, source: .json, validation: validation)
                    try validation.check()
                    guard var listing = fresh else { throw APIError.internal() }
                    if let existing {
                        listing.id = existing.id
                        listing.version = existing.version + 1
                        try ListingStore.update(db, listing, previous: existing)
                    } else {
                        try ListingStore.insert(db, listing)
                    }
                    return listing
                }
                return HTTPResponse.json(listing.sellerJSON, status: .created, headers: ["Location": "/v1/seller/products/\(listing.id)"])
                    .withETag(listing.etag)
            }
        }

        routes.add(.get, "/v1/seller/products", access: access, doc: ProductDocs.list) { request, context in
            let caller = try context.caller()
            let page = try Pagination(request.query)
            let filter = try ProductListFilter(request.query)
            let rows = try services.database.read { db in
                try filter.rows(db, sellerID: caller.organizationID, page: page)
            }
            let (items, next) = page.page(rows) { String($0.int64("doc") ?? 0) }
            return .page(items.compactMap(Listing.init(row:)).map(\.sellerJSON), nextCursor: next)
        }

        routes.add(.get, "/v1/seller/products/{id}", access: access, doc: ProductDocs.read) { request, context in
            let caller = try context.caller()
            let listing = try services.database.read { db in
                try ListingStore.find(db, sellerID: caller.organizationID, id: request.parameter("id"))
            }
            guard let listing else { throw APIError.notFound("listing") }
            return HTTPResponse.json(listing.sellerJSON).withETag(listing.etag)
        }

        routes.add(.patch, "/v1/seller/products/{id}", access: access, doc: ProductDocs.update) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let changes = ListingChanges(json: body)
            try validation.check()
            let listing = try services.database.write { db -> Listing in
                guard let current = try ListingStore.find(db, sellerID: caller.organizationID, id: request.parameter("id")) else {
                    throw APIError.notFound("listing")
                }
                if let ifMatch = request.header("If-Match"), !ETagMatch.matches(ifMatch, current.etag) {
                    throw APIError.preconditionFailed()
                }
                try ListingReferences(db).check(changes, validation: validation)
                let new = ListingChanges.NewListing(id: current.id, sellerID: current.sellerID, defaultCurrency: current.currency, now: current.createdAt)
                let merged = changes.applied(to: current, new: new, source: .json, validation: validation)
                try validation.check()
                guard var updated = merged else { throw APIError.internal() }
                if updated == current { return current }
                if updated.sku != current.sku, try ListingStore.find(db, sellerID: caller.organizationID, sku: updated.sku) != nil {
                    throw APIError.conflict(
                        LocalizedText(en: "SKU \(updated.sku) is taken by another of your listings (an archived one counts).",
                                      ko: "SKU \(updated.sku)는 다른 상품이 사용 중입니다 (보관된 상품 포함)."),
                        code: "sku_taken")
                }
                updated.version = current.version + 1
                updated.updatedAt = services.nowText()
                try ListingStore.update(db, updated, previous: current)
                return updated
            }
            return HTTPResponse.json(listing.sellerJSON).withETag(listing.etag)
        }

        routes.add(.delete, "/v1/seller/products/{id}", access: access, doc: ProductDocs.delete) { request, context in
            let caller = try context.caller()
            try services.database.write { db in
                guard let current = try ListingStore.find(db, sellerID: caller.organizationID, id: request.parameter("id")) else {
                    throw APIError.notFound("listing")
                }
                if let ifMatch = request.header("If-Match"), !ETagMatch.matches(ifMatch, current.etag) {
                    throw APIError.preconditionFailed()
                }
                try ListingStore.archive(db, current, at: services.nowText())
            }
            return .noContent()
        }

        ProductImportRoutes.register(routes)
    }

    /// New listings are priced in the supplier's default currency unless they say otherwise.
    static func defaultCurrency(_ db: Connection, _ sellerID: String) throws -> Currency {
        let code = try db.scalar("SELECT default_currency FROM organizations WHERE id = ?", [.text(sellerID)]).stringValue
        return code.flatMap(Currency.init(code:)) ?? .usd
    }
}
