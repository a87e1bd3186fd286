import Store
import Web

/// How organizations and users look in API answers.
public enum IdentityJSON {
    public static let organizationColumns =
        "id, kind, name, country, default_currency, status, payout_currency, created_at"

    public static func organization(_ row: Row) -> JSON {
        var object: JSONObject = [
            "id": .optional(row.string("id")),
            "kind": .optional(row.string("kind")),
            "name": .optional(row.string("name")),
            "country": .optional(row.string("country")),
            "default_currency": .optional(row.string("default_currency")),
            "status": .optional(row.string("status")),
            "created_at": .optional(row.string("created_at")),
        ]
        if row.string("kind") == OrganizationKind.supplier.rawValue {
            object["payout_currency"] = .optional(row.string("payout_currency") ?? row.string("default_currency"))
        }
        return .object(object)
    }

    public static let userColumns = "id, organization_id, email, name, roles, created_at"

    public static func user(_ row: Row) -> JSON {
        [
            "id": .optional(row.string("id")),
            "organization_id": .optional(row.string("organization_id")),
            "email": .optional(row.string("email")),
            "name": .optional(row.string("name")),
            "roles": .array(Role.fromStorage(row.string("roles") ?? "").sorted().map { .string($0.rawValue) }),
            "created_at": .optional(row.string("created_at")),
        ]
    }
}
