/// The three kinds of tenant.
public enum OrganizationKind: String, Sendable, CaseIterable {
    case buyer
    case supplier
    case `operator`

    /// Roles a user of this kind of organization can hold.
    public var roles: [Role] {
        switch self {
        case .buyer: [.admin, .purchaser, .approver]
        case .supplier: [.admin, .catalog, .sales]
        case .operator: [.admin, .finance]
        }
    }
}

public enum OrganizationStatus: String, Sendable, CaseIterable {
    /// Suppliers wait here until the operator approves them.
    case pending
    case active
    case suspended
}
