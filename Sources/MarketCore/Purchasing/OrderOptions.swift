import Web

/// How an order from a list, a quick order, a reorder or a schedule is placed: the currency, payment
/// terms, where it ships and the buyer's PO number — the fields of `POST /v1/buyer/orders` besides its
/// lines.
public struct OrderOptions: Sendable, Equatable {
    public var currency: Currency
    public var paymentTerms: PaymentTerms
    public var shippingAddress: ShippingAddress
    public var poNumber: String?

    public init(currency: Currency, paymentTerms: PaymentTerms, shippingAddress: ShippingAddress, poNumber: String? = nil) {
        self.currency = currency
        self.paymentTerms = paymentTerms
        self.shippingAddress = shippingAddress
        self.poNumber = poNumber
    }

    /// `{"currency","payment_terms"?,"shipping_address","po_number"?}`; problems go to the validation.
    /// `payment_terms` defaults to prepaid, like a cart checkout.
    public static func read(_ body: FieldReader) -> OrderOptions? {
        let currency = body.currency("currency", required: true)
        let terms = body.oneOf("payment_terms", PaymentTerms.allCases.map(\.rawValue)).flatMap(PaymentTerms.init(rawValue:))
        let address = body.object("shipping_address", required: true).flatMap(ShippingAddress.read)
        let poNumber = body.string("po_number", maxLength: 64)
        guard let currency, let address else { return nil }
        return OrderOptions(currency: currency, paymentTerms: terms ?? .prepaid, shippingAddress: address, poNumber: poNumber)
    }

    /// The checkout these options place for `lines`.
    public func checkout(buyerID: String, placedBy: String, lines: [CheckoutLine], source: CheckoutSource) -> CheckoutRequest {
        CheckoutRequest(
            buyerID: buyerID, placedBy: placedBy, currency: currency, lines: lines, shippingAddress: shippingAddress,
            paymentTerms: paymentTerms, poNumber: poNumber, source: source)
    }

    public var json: JSON {
        ["currency": .string(currency.code), "payment_terms": .string(paymentTerms.rawValue),
         "shipping_address": shippingAddress.json, "po_number": .optional(poNumber)]
    }
}
