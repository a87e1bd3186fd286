import Crypto
import HTTPServer
import MarketCore
import Store
import Web

/// The supplier's own profile (API.md, Seller: `PATCH /v1/seller/profile`): the payout currency its
/// settlements are paid in, the categories it sells in (RFQ broadcast invites by them) and contact data.
/// Every query is scoped to the caller's organization.
enum ProfileRoutes {
    static let contactFields = ["name", "email", "phone", "address", "website"]

    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        MarketDocs.addComponent("SupplierProfile", ProfileDocs.profile)

        routes.add(.get, "/v1/seller/profile", access: .supplier(), doc: ProfileDocs.get) { _, context in
            let caller = try context.caller()
            let profile = try services.database.read { db in try load(db, organizationID: caller.organizationID) }
            guard let profile else { throw APIError.notFound("supplier") }
            return .json(profile).withETag(etag(profile))
        }

        routes.add(.patch, "/v1/seller/profile", access: .supplier(.admin), doc: ProfileDocs.patch) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let payoutCurrency = body.currency("payout_currency")
            var categoryIDs = body.strings("category_ids", maxCount: 200, maxLength: 100)
            let contact = body.object("contact").map(readContact)
            if let ids = categoryIDs {
                let unique = ids.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                let known = try services.database.read { db in try Category.existing(db, ids: unique) }
                for (index, id) in ids.enumerated() where !known.contains(id) {
                    validation.add("category_ids[\(index)]", "is not a known category", ko: "존재하지 않는 카테고리입니다")
                }
                categoryIDs = unique
            }
            try validation.check()

            let profile = try services.database.write { db -> JSON in
                guard let before = try load(db, organizationID: caller.organizationID) else {
                    throw APIError.notFound("supplier")
                }
                if let ifMatch = request.header("If-Match"), !ETagMatch.matches(ifMatch, etag(before)) {
                    throw APIError.preconditionFailed()
                }
                if let payoutCurrency {
                    try db.execute("UPDATE organizations SET payout_currency = ? WHERE id = ? AND kind = 'supplier'",
                                   [.text(payoutCurrency.code), .text(caller.organizationID)])
                }
                if let contact {
                    try db.execute("UPDATE organizations SET contact = ? WHERE id = ? AND kind = 'supplier'",
                                   [.text(JSONSerializer.string(.object(contact))), .text(caller.organizationID)])
                }
                if let categoryIDs {
                    try db.execute("DELETE FROM supplier_categories WHERE supplier_id = ?", [.text(caller.organizationID)])
                    for id in categoryIDs {
                        try db.execute("INSERT INTO supplier_categories (supplier_id, category_id) VALUES (?, ?)",
                                       [.text(caller.organizationID), .text(id)])
                    }
                }
                try db.execute("UPDATE organizations SET updated_at = ? WHERE id = ?",
                               [.text(services.nowText()), .text(caller.organizationID)])
                guard let after = try load(db, organizationID: caller.organizationID) else { throw APIError.internal() }
                try AuditLog.record(db, at: services.nowText(), actor: caller, action: "supplier.profile_updated",
                                    entityType: "organization", entityID: caller.organizationID, before: before, after: after)
                return after
            }
            return .json(profile).withETag(etag(profile))
        }
    }

    /// `contact` replaces the stored object as a whole; only the known fields are accepted.
    static func readContact(_ reader: FieldReader) -> JSONObject {
        var contact = JSONObject()
        for key in reader.object.keys where !contactFields.contains(key) {
            reader.fail(key, "is not a contact field (use: \(contactFields.joined(separator: ", ")))",
                        ko: "연락처 필드가 아닙니다 (\(contactFields.joined(separator: ", ")))")
        }
        for key in contactFields {
            let maxLength = key == "address" ? 1000 : 200
            guard let value = reader.string(key, maxLength: maxLength) else { continue }
            if key == "email", !AccountRules.isPlausibleEmail(value) {
                reader.fail(key, "must be an email address", ko: "이메일 주소여야 합니다")
                continue
            }
            contact[key] = .string(value)
        }
        return contact
    }

    static func load(_ db: Connection, organizationID: String) throws -> JSON? {
        guard let row = try db.queryOne(
            """
            SELECT id, name, country, default_currency, status, payout_currency, contact, updated_at
            FROM organizations WHERE id = ? AND kind = 'supplier'
            """, [.text(organizationID)]) else { return nil }
        let categories = try db.query(
            "SELECT category_id FROM supplier_categories WHERE supplier_id = ? ORDER BY category_id", [.text(organizationID)]
        ).compactMap { $0.string("category_id") }
        return [
            "id": .optional(row.string("id")), "name": .optional(row.string("name")),
            "country": .optional(row.string("country")), "default_currency": .optional(row.string("default_currency")),
            "status": .optional(row.string("status")),
            "payout_currency": .optional(row.string("payout_currency") ?? row.string("default_currency")),
            "category_ids": .array(categories.map { .string($0) }),
            "contact": (try? JSONParser.parse(row.string("contact") ?? "{}")) ?? [:],
            "updated_at": .optional(row.string("updated_at")),
        ]
    }

    /// A strong validator of the representation itself (RFC 9110 §8.8.3): equal bodies, equal tags, so two
    /// updates within the same millisecond still change it.
    static func etag(_ profile: JSON) -> String {
        String(Hex.encode(SHA256.hash(JSONSerializer.serialize(profile))).prefix(32))
    }
}

/// `If-Match` comparison (RFC 9110 §13.1.1): `*` or any listed strong tag equal to the current one.
enum ETagMatch {
    static func matches(_ header: String, _ current: String) -> Bool {
        header.split(separator: ",").contains { part in
            let tag = part.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == "\"\(current)\""
        }
    }
}
