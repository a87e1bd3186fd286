/// A claimed delivery: everything one attempt needs, read in the claiming transaction.
struct DeliveryJob: Sendable {
    let deliveryID: String
    let subscriptionID: String
    let organizationID: String
    let eventID: String
    let eventType: String
    let eventCreatedAt: String
    let url: String
    let secret: String
    let payload: [UInt8]
    /// This attempt's number, 1-based.
    let attempt: Int
    /// A redelivery asked for by the subscriber: one attempt, no automatic retries after it.
    let manual: Bool
}

/// One finished attempt, waiting to be recorded.
struct DeliveryResult: Sendable {
    let job: DeliveryJob
    let outcome: DeliveryOutcome
    let startedAt: String
}
