/// What a user may do inside its organization. Roles are per organization kind
/// (`OrganizationKind.roles`); `admin` exists in every kind and manages users and keys.
public enum Role: String, Sendable, CaseIterable, Comparable {
    case admin
    case purchaser
    case approver
    case catalog
    case sales
    case finance

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses a stored or client-sent list, ignoring nothing: unknown names make it nil.
    public static func parseList(_ names: [String]) -> Set<Role>? {
        var roles = Set<Role>()
        for name in names {
            guard let role = Role(rawValue: name) else { return nil }
            roles.insert(role)
        }
        return roles
    }

    public static func storageText(_ roles: Set<Role>) -> String { roles.sorted().map(\.rawValue).joined(separator: ",") }

    public static func fromStorage(_ text: String) -> Set<Role> {
        Set(text.split(separator: ",").compactMap { Role(rawValue: String($0)) })
    }
}
