/// Where an order is in its life (API.md, order states). Raw values are the API's strings.
public enum OrderStatus: String, Sendable, Hashable, CaseIterable {
    case pendingApproval = "pending_approval"
    case placed
    case confirmed
    case shipped
    case delivered
    case completed
    case rejected
    case cancelled
    case returned
    case partiallyReturned = "partially_returned"

    /// No action leads anywhere from here.
    public var isFinal: Bool { OrderStateMachine.actions(from: self).isEmpty }
}
