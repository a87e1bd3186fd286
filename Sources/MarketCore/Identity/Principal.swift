/// Who is calling: one user of one organization, with the roles this credential carries. For an
/// API key the roles are the key's, which never exceed those of the admin who made it.
public struct Principal: Sendable, Equatable {
    public enum Credential: Sendable, Equatable {
        case loginToken(hash: String)
        case apiKey(id: String)
    }

    public let userID: String
    public let organizationID: String
    public let organizationKind: OrganizationKind
    public let organizationStatus: OrganizationStatus
    public let roles: Set<Role>
    public let credential: Credential

    public init(
        userID: String, organizationID: String, organizationKind: OrganizationKind,
        organizationStatus: OrganizationStatus, roles: Set<Role>, credential: Credential
    ) {
        self.userID = userID
        self.organizationID = organizationID
        self.organizationKind = organizationKind
        self.organizationStatus = organizationStatus
        self.roles = roles
        self.credential = credential
    }

    public func has(anyOf required: Set<Role>) -> Bool { !roles.isDisjoint(with: required) }
}
