/// Who may call a route. Declared once per route at registration; `AccessControl` enforces it, and
/// the OpenAPI document shows it, from this single value.
public enum Access: Sendable {
    /// No credential needed. A valid token still identifies the caller (a signed-in buyer sees its
    /// contract prices in the catalog); an invalid one is ignored on such routes.
    case anyone
    /// Any signed-in user of any organization.
    case signedIn
    /// Users of one kind of organization holding at least one of the roles (any role when empty).
    case members(OrganizationKind, roles: Set<Role>)

    public static func buyer(_ roles: Role...) -> Access { .members(.buyer, roles: Set(roles)) }
    public static func supplier(_ roles: Role...) -> Access { .members(.supplier, roles: Set(roles)) }
    public static func `operator`(_ roles: Role...) -> Access { .members(.operator, roles: Set(roles)) }
}
