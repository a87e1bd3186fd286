/// The events the marketplace publishes (API.md, "Events and webhooks"). Subscriptions name these
/// strings; `Outbox.publish` refuses any other one as a programming error.
public enum EventType: String, Sendable, CaseIterable {
    case rfqInvited = "rfq.invited"
    case quoteSubmitted = "quote.submitted"
    case rfqAwarded = "rfq.awarded"
    case orderPlaced = "order.placed"
    case orderApproved = "order.approved"
    case orderShipped = "order.shipped"
    case orderDelivered = "order.delivered"
    case orderReturned = "order.returned"
    case reviewCreated = "review.created"
    case settlementCreated = "settlement.created"

    public static let names: [String] = allCases.map(\.rawValue)
}
