import HTTPServer
import MarketCore
import Store
import Web

/// Requisition lists shared by a buyer organization's users: any of them reads and edits them; admins
/// and purchasers order them. Another organization's list is a 404.
enum RequisitionListRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        let checkout = Checkout(services: services)
        let idempotency = Idempotency(services: services)

        routes.add(.post, "/v1/buyer/lists", access: .buyer(), doc: PurchasingDocs.createList) { request, context in
            let caller = try context.caller()
            let (name, lines) = try read(request)
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let (list, json) = try services.database.write { db -> (RequisitionList, JSON) in
                    let validation = Validation()
                    try PurchaseLine.checkOrderable(db, buyerID: caller.organizationID, lines: lines, validation: validation)
                    try validation.check()
                    let now = services.nowText()
                    let list = RequisitionList(
                        id: ID.make(RequisitionList.idPrefix, at: services.now()), buyerID: caller.organizationID, name: name,
                        lines: lines, createdBy: caller.userID, updatedBy: caller.userID, createdAt: now, updatedAt: now)
                    try RequisitionList.insert(db, list)
                    return (list, try list.detailJSON(db, language: request.language, at: services.now()))
                }
                return HTTPResponse.json(json, status: .created, headers: ["Location": "/v1/buyer/lists/\(list.id)"]).withETag(list.etag)
            }
        }

        routes.add(.get, "/v1/buyer/lists", access: .buyer(), doc: PurchasingDocs.lists) { request, context in
            let caller = try context.caller()
            let page = try Pagination(request.query)
            let (items, next) = try services.database.read { db in
                try RequisitionList.page(db, buyerID: caller.organizationID, page: page)
            }
            return .page(items, nextCursor: next)
        }

        routes.add(.get, "/v1/buyer/lists/{id}", access: .buyer(), doc: PurchasingDocs.readList) { request, context in
            let caller = try context.caller()
            let found = try services.database.read { db -> (RequisitionList, JSON)? in
                guard let list = try RequisitionList.find(db, buyerID: caller.organizationID, id: request.parameter("id")) else { return nil }
                return (list, try list.detailJSON(db, language: request.language, at: services.now()))
            }
            guard let (list, json) = found else { throw APIError.notFound("list") }
            return HTTPResponse.json(json).withETag(list.etag)
        }

        routes.add(.put, "/v1/buyer/lists/{id}", access: .buyer(), doc: PurchasingDocs.replaceList) { request, context in
            let caller = try context.caller()
            let (name, lines) = try read(request)
            let (list, json) = try services.database.write { db -> (RequisitionList, JSON) in
                guard var list = try RequisitionList.find(db, buyerID: caller.organizationID, id: request.parameter("id")) else {
                    throw APIError.notFound("list")
                }
                if let ifMatch = request.header("If-Match"), !ifMatchAccepts(ifMatch, list.etag) { throw APIError.preconditionFailed() }
                let validation = Validation()
                try PurchaseLine.checkOrderable(db, buyerID: caller.organizationID, lines: lines, validation: validation)
                try validation.check()
                if list.name != name || list.lines != lines {
                    list.name = name
                    list.lines = lines
                    list.updatedBy = caller.userID
                    list.updatedAt = services.nowText()
                    list.version += 1
                    try RequisitionList.replace(db, list)
                }
                return (list, try list.detailJSON(db, language: request.language, at: services.now()))
            }
            return HTTPResponse.json(json).withETag(list.etag)
        }

        routes.add(.delete, "/v1/buyer/lists/{id}", access: .buyer(), doc: PurchasingDocs.deleteList) { request, context in
            let caller = try context.caller()
            try services.database.write { db in
                guard let list = try RequisitionList.find(db, buyerID: caller.organizationID, id: request.parameter("id")) else {
                    throw APIError.notFound("list")
                }
                if let ifMatch = request.header("If-Match"), !ifMatchAccepts(ifMatch, list.etag) { throw APIError.preconditionFailed() }
                try RequisitionList.delete(db, list)
            }
            return .noContent()
        }

        routes.add(.post, "/v1/buyer/lists/{id}/order", access: .buyer(.admin, .purchaser), doc: PurchasingDocs.orderList) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let options = OrderOptions.read(validation.reader(try request.jsonObject()))
            try validation.check()
            guard let options else { throw APIError.internal() }
            return try idempotency.run(request, organizationID: caller.organizationID) {
                let result = try services.database.write { db -> CheckoutResult in
                    guard let list = try RequisitionList.find(db, buyerID: caller.organizationID, id: request.parameter("id")) else {
                        throw APIError.notFound("list")
                    }
                    return try checkout.place(
                        options.checkout(buyerID: caller.organizationID, placedBy: caller.userID, lines: list.checkoutLines,
                                         source: .requisitionList(list.id)), in: db)
                }
                return .json(result.json, status: .created)
            }
        }
    }

    /// `{"name","lines":[{"product_id","quantity"}]}`, every problem at once.
    static func read(_ request: Request) throws -> (String, [PurchaseLine]) {
        let validation = Validation()
        let body = validation.reader(try request.jsonObject())
        let name = body.string("name", required: true, maxLength: RequisitionList.maxNameLength)
        let lines = PurchaseLine.read(body, minCount: 0)
        try validation.check()
        guard let name, let lines else { throw APIError.internal() }
        return (name, lines)
    }

    /// `If-Match` (RFC 9110 §13.1.1): `*` or any listed strong tag equal to the current one.
    static func ifMatchAccepts(_ header: String, _ current: String) -> Bool {
        header.split(separator: ",").contains { part in
            let tag = part.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == "\"\(current)\""
        }
    }
}
