import Web

/// The one place that decides every order transition (API.md, order states). Pure: a table of
/// `(status, action) → (next status, parties allowed)`; routes and services ask it and never compare
/// statuses themselves.
///
/// ```
/// pending_approval ─approve→ placed ─confirm→ confirmed ─ship→ shipped ─deliver→ delivered ─receive→ completed
///        │ reject → rejected   │ cancel → cancelled  │ cancel → cancelled          │ return → returned
///        │ cancel → cancelled (the buyer withdraws)                                  │ return_partial → partially_returned
/// partially_returned ─return_partial→ partially_returned │ return → returned │ receive → completed
/// ```
/// `pending_approval → cancelled` is an addition to the contract's list: the buyer may withdraw an order
/// that still waits for approval (stock and credit are released as for any cancel).
public enum OrderStateMachine {
    public struct Edge: Sendable, Hashable {
        public let to: OrderStatus
        public let parties: Set<OrderParty>
    }

    private static let buyer: Set<OrderParty> = [.buyer]
    private static let seller: Set<OrderParty> = [.seller]
    private static let either: Set<OrderParty> = [.buyer, .seller]

    static let table: [OrderStatus: [OrderAction: Edge]] = [
        .pendingApproval: [
            .approve: Edge(to: .placed, parties: buyer),
            .reject: Edge(to: .rejected, parties: buyer),
            .cancel: Edge(to: .cancelled, parties: buyer),
        ],
        .placed: [
            .confirm: Edge(to: .confirmed, parties: seller),
            .cancel: Edge(to: .cancelled, parties: either),
        ],
        .confirmed: [
            .ship: Edge(to: .shipped, parties: seller),
            .cancel: Edge(to: .cancelled, parties: either),
        ],
        .shipped: [
            .deliver: Edge(to: .delivered, parties: seller),
        ],
        .delivered: [
            .receive: Edge(to: .completed, parties: buyer),
            .returnAll: Edge(to: .returned, parties: buyer),
            .returnPart: Edge(to: .partiallyReturned, parties: buyer),
        ],
        .partiallyReturned: [
            .receive: Edge(to: .completed, parties: buyer),
            .returnAll: Edge(to: .returned, parties: buyer),
            .returnPart: Edge(to: .partiallyReturned, parties: buyer),
        ],
    ]

    /// The status `action` leads to from `status` when `party` takes it; nil when it is not allowed.
    public static func next(from status: OrderStatus, action: OrderAction, by party: OrderParty) -> OrderStatus? {
        guard let edge = table[status]?[action], edge.parties.contains(party) else { return nil }
        return edge.to
    }

    /// Every action possible from `status`, by anyone.
    public static func actions(from status: OrderStatus) -> Set<OrderAction> {
        Set(table[status]?.keys.map { $0 } ?? [])
    }

    /// Every action `party` may take from `status` (shown on orders as `allowed_actions`).
    public static func actions(from status: OrderStatus, by party: OrderParty) -> [OrderAction] {
        OrderAction.allCases.filter { next(from: status, action: $0, by: party) != nil }
    }

    /// The next status, or the API's 409 naming the current status and the attempted action.
    public static func transition(from status: OrderStatus, action: OrderAction, by party: OrderParty)
        throws(APIError) -> OrderStatus
    {
        if let to = next(from: status, action: action, by: party) { return to }
        throw illegal(from: status, action: action)
    }

    public static func illegal(from status: OrderStatus, action: OrderAction) -> APIError {
        APIError(
            .conflict, code: "illegal_transition",
            detail: LocalizedText(
                en: "An order in status \(status.rawValue) cannot take the action \(action.rawValue).",
                ko: "\(status.rawValue) 상태의 주문에는 \(action.rawValue) 작업을 할 수 없습니다."),
            extensions: ["current_status": .string(status.rawValue), "action": .string(action.rawValue)])
    }
}
