import MarketCore

/// What the operator may do to a supplier's onboarding status, as a pure state machine:
/// approve moves pending or suspended to active; suspend moves active or pending to suspended.
/// Anything else is an illegal transition (409).
enum SupplierAction: String, Sendable, CaseIterable {
    case approve
    case suspend

    /// The status after the action, or nil when the action is not allowed from `status`.
    func target(from status: OrganizationStatus) -> OrganizationStatus? {
        switch (self, status) {
        case (.approve, .pending), (.approve, .suspended): .active
        case (.suspend, .active), (.suspend, .pending): .suspended
        default: nil
        }
    }

    var auditAction: String { self == .approve ? "supplier.approved" : "supplier.suspended" }
}
