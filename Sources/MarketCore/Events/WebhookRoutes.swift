import HTTPServer
import Web

/// `/v1/webhooks`: an organization's subscriptions and their delivery log. Organization admins only,
/// of any kind (buyers, suppliers, the operator). Another organization's webhook is a 404.
public enum WebhookRoutes {
    public static func register(_ routes: MarketRoutes) {
        let services = routes.services
        let subscriptions = WebhookSubscriptions(services: services)
        WebhookDocs.registerComponents()

        routes.add(.post, "/v1/webhooks", access: .signedIn, doc: WebhookDocs.create) { request, context in
            let caller = try admin(context)
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let urlText = body.string("url", required: true, maxLength: WebhookURL.maxLength)
            var url: WebhookURL?
            if let urlText {
                switch WebhookURL.parse(urlText, allowPrivate: services.settings.webhooks.allowPrivateAddresses) {
                case .success(let parsed): url = parsed
                case .failure(let problem): body.fail("url", problem.message, ko: problem.messageKO)
                }
            }
            let events = eventTypes(body)
            try validation.check()
            guard let url, let events else { throw APIError.internal() }
            return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let (row, secret) = try services.database.write { db in
                    try subscriptions.create(db, caller: caller, url: url, events: events)
                }
                var json = WebhookJSON.subscription(row).objectValue ?? JSONObject()
                json["secret"] = .string(secret)
                return .json(.object(json), status: .created, headers: ["Cache-Control": "no-store"])
            }
        }

        routes.add(.get, "/v1/webhooks", access: .signedIn, doc: WebhookDocs.list) { request, context in
            let caller = try admin(context)
            let page = try Pagination(request.query)
            let rows = try subscriptions.list(organizationID: caller.organizationID, page: page)
            let (items, next) = page.page(rows) { $0.string("id") ?? "" }
            return .page(items.map(WebhookJSON.subscription), nextCursor: next)
        }

        routes.add(.get, "/v1/webhooks/{id}", access: .signedIn, doc: WebhookDocs.get) { request, context in
            let caller = try admin(context)
            let row = try services.database.read { db in
                try subscriptions.find(db, request.parameter("id"), organizationID: caller.organizationID)
            }
            guard let row else { throw APIError.notFound("webhook") }
            return .json(WebhookJSON.subscription(row))
        }

        routes.add(.delete, "/v1/webhooks/{id}", access: .signedIn, doc: WebhookDocs.delete) { request, context in
            let caller = try admin(context)
            guard try subscriptions.delete(caller: caller, id: request.parameter("id")) else { throw APIError.notFound("webhook") }
            return .noContent()
        }

        routes.add(.post, "/v1/webhooks/{id}/enable", access: .signedIn, doc: WebhookDocs.enable) { request, context in
            let caller = try admin(context)
            guard let row = try subscriptions.enable(caller: caller, id: request.parameter("id")) else {
                throw APIError.notFound("webhook")
            }
            return .json(WebhookJSON.subscription(row))
        }

        routes.add(.get, "/v1/webhooks/{id}/deliveries", access: .signedIn, doc: WebhookDocs.deliveries) { request, context in
            let caller = try admin(context)
            let page = try Pagination(request.query)
            let status = request.query["status"]
            if let status, !["pending", "delivering", "delivered", "failed", "cancelled"].contains(status) {
                throw APIError.validation(field: "status", "must be pending, delivering, delivered, failed or cancelled",
                                          ko: "pending, delivering, delivered, failed, cancelled 중 하나여야 합니다")
            }
            let subscriptionID = request.parameter("id")
            let exists = try services.database.read { db in
                try subscriptions.find(db, subscriptionID, organizationID: caller.organizationID) != nil
            }
            guard exists else { throw APIError.notFound("webhook") }
            let rows = try subscriptions.deliveries(subscriptionID: subscriptionID, page: page, status: status)
            let (items, next) = page.page(rows) { $0.string("id") ?? "" }
            let attempts = try services.database.read { db in
                try subscriptions.attempts(db, deliveryIDs: items.compactMap { $0.string("id") })
            }
            return .page(items.map { WebhookJSON.delivery($0, attempts: attempts[$0.string("id") ?? ""] ?? []) }, nextCursor: next)
        }

        routes.add(.get, "/v1/webhooks/{id}/deliveries/{delivery_id}", access: .signedIn, doc: WebhookDocs.delivery) { request, context in
            let caller = try admin(context)
            let json = try services.database.read { db -> JSON? in
                guard try subscriptions.find(db, request.parameter("id"), organizationID: caller.organizationID) != nil,
                    let row = try subscriptions.delivery(db, subscriptionID: request.parameter("id"), id: request.parameter("delivery_id"))
                else { return nil }
                let id = row.string("id") ?? ""
                return WebhookJSON.delivery(row, attempts: try subscriptions.attempts(db, deliveryIDs: [id])[id] ?? [])
            }
            guard let json else { throw APIError.notFound("delivery") }
            return .json(json)
        }

        routes.add(.post, "/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver", access: .signedIn, doc: WebhookDocs.redeliver) { request, context in
            let caller = try admin(context)
            return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let row = try subscriptions.redeliver(
                    caller: caller, subscriptionID: request.parameter("id"), deliveryID: request.parameter("delivery_id"))
                return .json(WebhookJSON.delivery(row, attempts: []), status: .accepted)
            }
        }
    }

    private static func admin(_ context: MarketContext) throws -> Principal {
        let caller = try context.caller()
        guard caller.roles.contains(.admin) else { throw APIError.forbidden() }
        return caller
    }

    /// `events`: 1 to all known types, each known, duplicates folded.
    private static func eventTypes(_ body: FieldReader) -> [String]? {
        guard let names = body.strings("events", required: true, maxCount: EventType.allCases.count * 2, maxLength: 64) else {
            return nil
        }
        guard !names.isEmpty else {
            body.fail("events", "must list at least one event type", ko: "이벤트 유형을 하나 이상 지정해야 합니다")
            return nil
        }
        var result: [String] = []
        var valid = true
        for (index, name) in names.enumerated() {
            guard EventType(rawValue: name) != nil else {
                body.fail("events[\(index)]", "is not an event type (\(EventType.names.joined(separator: ", ")))",
                          ko: "알 수 없는 이벤트 유형입니다")
                valid = false
                continue
            }
            if !result.contains(name) { result.append(name) }
        }
        return valid ? result : nil
    }
}
