import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// `serve --demo`: a marketplace to explore, loaded once (the demo operator's account marks it).
///
/// Everything after the accounts goes through the API itself, in-process (`InProcessTransport`), so the
/// demo exercises exactly the code paths integrators use: categories, fee rules and FX rates by the
/// operator, catalogs imported as CSV by suppliers, approval rules, orders moved through their states,
/// RFQs with quotes in several currencies.
public struct DemoData: Sendable {
    let services: MarketServices
    let responder: any HTTPResponder

    public init(services: MarketServices, responder: any HTTPResponder) {
        self.services = services
        self.responder = responder
    }

    public static let password = "demo-password-2026"
    static let operatorEmail = "operator@demo.market"

    struct Org {
        let kind: OrganizationKind
        let name: String
        let country: String
        let currency: String
        let email: String
    }

    static let suppliers: [Org] = [
        Org(kind: .supplier, name: "Hanil Fasteners", country: "KR", currency: "KRW", email: "sales@hanil.demo"),
        Org(kind: .supplier, name: "Rhein Industrial GmbH", country: "DE", currency: "EUR", email: "sales@rhein.demo"),
        Org(kind: .supplier, name: "Pacific Supply Co", country: "US", currency: "USD", email: "sales@pacific.demo"),
        Org(kind: .supplier, name: "Seoul Safety Gear", country: "KR", currency: "KRW", email: "sales@seoulsafety.demo"),
        Org(kind: .supplier, name: "Osaka Tools", country: "JP", currency: "JPY", email: "sales@osaka.demo"),
    ]
    static let buyers: [Org] = [
        Org(kind: .buyer, name: "Daehan Construction", country: "KR", currency: "KRW", email: "buyer@daehan.demo"),
        Org(kind: .buyer, name: "Midwest Builders", country: "US", currency: "USD", email: "buyer@midwest.demo"),
    ]

    /// Loads the demo data unless it is already there; returns the logins to print.
    public func loadOnce() throws -> String {
        let loaded = try services.database.read { db in
            try db.queryOne("SELECT 1 FROM users WHERE email = ?", [.text(Self.operatorEmail)]) != nil
        }
        if !loaded { try load() }
        var lines = ["Demo logins (password: \(Self.password)):", "  operator  \(Self.operatorEmail)"]
        for org in Self.suppliers + Self.buyers {
            lines.append("  \(org.kind.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(org.email)  (\(org.name))")
        }
        lines.append("  approver  approver@daehan.demo  (Daehan Construction, approves large orders)")
        return lines.joined(separator: "\n")
    }

    // MARK: - Loading

    private func load() throws {
        let accounts = Accounts(services: services)
        try accounts.ensureOperator(email: Self.operatorEmail, password: Self.password, name: "Demo Operator")
        let hash = services.settings.passwordHasher.hash(Self.password)

        // Accounts are created directly (sign-up would hash the same password a dozen times).
        var ids: [String: (org: String, user: String)] = [:]
        try services.database.write { db in
            for org in Self.suppliers + Self.buyers {
                let orgID = try accounts.createOrganization(
                    db, .init(kind: org.kind, name: org.name, country: org.country,
                              defaultCurrency: Currency(code: org.currency) ?? .usd, status: .active))
                let userID = try accounts.createUser(
                    db, organizationID: orgID, email: org.email, name: "\(org.name) admin", passwordHash: hash, roles: Set(org.kind.roles))
                ids[org.email] = (orgID, userID)
            }
            if let daehan = ids["buyer@daehan.demo"] {
                _ = try accounts.createUser(
                    db, organizationID: daehan.org, email: "approver@daehan.demo", name: "Park Approver", passwordHash: hash, roles: [.approver])
            }
        }
        let operatorClient = try client(email: Self.operatorEmail)
        var clients: [String: TestClient] = [:]
        for org in Self.suppliers + Self.buyers { clients[org.email] = try client(email: org.email) }
        clients[Self.operatorEmail] = operatorClient  // DemoFlows records buyers' payments as the operator

        // Reference data: categories, FX rates, fee rules, buyer credit.
        let categories = try loadCategories(operatorClient)
        for (base, quote, rate) in [("USD", "EUR", "0.92"), ("USD", "KRW", "1385"), ("USD", "JPY", "151.2"), ("EUR", "KRW", "1502.5")] {
            try call(operatorClient, .post, "/v1/admin/fx-rates", [
                "base": .string(base), "quote": .string(quote), "rate": .string(rate), "effective_from": "2026-01-01T00:00:00Z",
            ])
        }
        try call(operatorClient, .post, "/v1/admin/fee-rules", ["scope": "default", "percent": "7", "effective_from": "2026-01-01T00:00:00Z"])
        if let safety = categories["safety"] {
            try call(operatorClient, .post, "/v1/admin/fee-rules", [
                "scope": "category", "category_id": .string(safety), "percent": "5.5",
                "min_fee": ["amount": "1.00", "currency": "USD"], "effective_from": "2026-01-01T00:00:00Z",
            ])
        }
        for buyer in Self.buyers {
            guard let id = ids[buyer.email]?.org else { continue }
            try call(operatorClient, .put, "/v1/admin/buyers/\(id)/credit", [
                "payment_terms": ["prepaid", "net_30", "net_60"],
                "credit_limit": ["amount": buyer.currency == "KRW" ? "500000000" : "250000.00", "currency": .string(buyer.currency)],
            ])
        }

        // Suppliers: profile (categories they sell in) and a catalog imported as CSV.
        var products: [String: [DemoProduct]] = [:]
        for (index, supplier) in Self.suppliers.enumerated() {
            guard let client = clients[supplier.email] else { continue }
            let mine = DemoCatalog.categoryKeys(forSupplier: index).compactMap { categories[$0] }
            try call(client, .patch, "/v1/seller/profile", ["payout_currency": .string(supplier.currency), "category_ids": .array(mine.map { .string($0) })])
            let csv = DemoCatalog.csv(supplierIndex: index, currency: supplier.currency, categories: categories)
            try call(client, .post, "/v1/seller/products/import", body: Array(csv.utf8), contentType: "text/csv")
            let listing = try call(client, .get, "/v1/seller/products?limit=200")
            products[supplier.email] = listing["data"]?.arrayValue?.compactMap { item in
                guard let id = item["id"]?.stringValue else { return nil }
                return DemoProduct(id: id, stock: item["stock"]?.int64Value ?? 0, minimum: item["min_order_quantity"]?.int64Value ?? 1)
            } ?? []
        }

        // Buyers: approval rules, orders in several states, an RFQ with quotes.
        if let daehan = clients["buyer@daehan.demo"] {
            try call(daehan, .put, "/v1/buyer/approval-rules", [["min_total": ["amount": "1000000", "currency": "KRW"], "approver_role": "approver"]])
        }
        try DemoFlows(api: DemoAPI(), clients: clients, products: products, categories: categories)
            .run(approver: try client(email: "approver@daehan.demo"))

        // The operator settles what was delivered and pays the first statement out.
        let settlement = try call(operatorClient, .post, "/v1/admin/settlements", ["period_end": .string(Timestamp.format(services.now()))])
        if let first = settlement["settlements"]?.arrayValue?.first?["id"]?.stringValue {
            try call(operatorClient, .post, "/v1/admin/settlements/\(first)/paid", ["reference": "DEMO-WIRE-0001"])
        }
    }

    private func loadCategories(_ client: TestClient) throws -> [String: String] {
        var ids: [String: String] = [:]
        for category in DemoCatalog.categories {
            var body: JSONObject = ["name": ["en": .string(category.en), "ko": .string(category.ko)]]
            if let parent = category.parent, let parentID = ids[parent] { body["parent_id"] = .string(parentID) }
            let created = try call(client, .post, "/v1/admin/categories", .object(body))
            ids[category.key] = created["id"]?.stringValue
        }
        return ids
    }

    // MARK: - Calling the API in-process

    private func client(email: String) throws -> TestClient {
        let row = try services.database.read { db in
            try db.queryOne("SELECT id, organization_id, roles FROM users WHERE email = ?", [.text(email)])
        }
        guard let row, let userID = row.string("id"), let orgID = row.string("organization_id") else {
            throw APIError.notFound("demo user \(email)")
        }
        let secret = try services.database.write { db in
            try Accounts(services: services).issueCredential(
                db, kind: .login, userID: userID, organizationID: orgID, roles: Role.fromStorage(row.string("roles") ?? ""),
                name: "demo loader", expiresAt: services.now().addingTimeInterval(3600)).secret
        }
        return TestClient(responder: responder).authorized(secret)
    }

    @discardableResult
    private func call(_ client: TestClient, _ method: HTTPMethod, _ path: String, _ json: JSON? = nil, body: [UInt8]? = nil, contentType: String? = nil) throws -> JSON {
        try DemoAPI().call(client, method, path, json, body: body, contentType: contentType)
    }
}

/// One request of the demo loader; anything but 2xx stops the load with the answer in the error.
struct DemoAPI {
    @discardableResult
    func call(_ client: TestClient, _ method: HTTPMethod, _ path: String, _ json: JSON? = nil, body: [UInt8]? = nil, contentType: String? = nil) throws -> JSON {
        let response: TestResponse
        if let json {
            response = try client.send(method, path, json: json)
        } else {
            response = try client.send(method, path, headers: contentType.map { ["Content-Type": $0] } ?? HTTPHeaders(), body: body ?? [])
        }
        guard (200..<300).contains(response.status) else {
            throw DemoLoadError(step: "\(method) \(path)", status: response.status, body: response.text)
        }
        return response.json
    }
}

struct DemoLoadError: Error, CustomStringConvertible {
    let step: String
    let status: Int
    let body: String
    var description: String { "demo data: \(step) answered \(status): \(body.prefix(500))" }
}
