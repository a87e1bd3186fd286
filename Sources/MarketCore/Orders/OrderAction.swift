/// What someone does to an order. Each is one edge kind of `OrderStateMachine`; raw values appear in the
/// status history and in 409 answers.
public enum OrderAction: String, Sendable, Hashable, CaseIterable {
    case approve
    case reject
    case confirm
    case ship
    case deliver
    case cancel
    /// The buyer confirms receipt: delivered (or partially returned) → completed.
    case receive
    /// A return that leaves some delivered units with the buyer.
    case returnPart = "return_partial"
    /// A return of every unit still with the buyer.
    case returnAll = "return"
}

/// Which side of the marketplace acts. The state machine says which side may take each edge, so a
/// supplier can never `receive` and a buyer can never `ship`, whatever route calls it.
public enum OrderParty: String, Sendable, Hashable {
    case buyer
    case seller
    case `operator`
    /// The marketplace itself (schedules, payment callbacks).
    case system
}

/// Who performed an action, for the status history and for events.
public struct OrderActor: Sendable, Hashable {
    public let party: OrderParty
    public let userID: String?
    public let organizationID: String?

    public init(party: OrderParty, userID: String?, organizationID: String?) {
        self.party = party
        self.userID = userID
        self.organizationID = organizationID
    }

    /// The signed-in caller, on the side of its organization kind.
    public init(_ principal: Principal) {
        let party: OrderParty =
            switch principal.organizationKind {
            case .buyer: .buyer
            case .supplier: .seller
            case .operator: .operator
            }
        self.init(party: party, userID: principal.userID, organizationID: principal.organizationID)
    }

    public static let system = OrderActor(party: .system, userID: nil, organizationID: nil)
}
