/// How money reached the marketplace (API.md, `POST /v1/admin/payments`). Refunds go back the same way.
public enum PaymentMethod: String, Sendable, Hashable, CaseIterable {
    case bankTransfer = "bank_transfer"
    case card
}

/// Who told the marketplace about a payment: a finance user, or the payment provider's signed callback.
public enum PaymentSource: String, Sendable, Hashable {
    case `operator`
    case provider
}
