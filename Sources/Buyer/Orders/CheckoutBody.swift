import MarketCore
import Web

/// The body of `POST /v1/buyer/orders` as a `CheckoutRequest`, every field problem reported at once.
enum CheckoutBody {
    static let maxLines = 500

    static func read(_ request: Request, caller: Principal) throws -> CheckoutRequest {
        let validation = Validation()
        let body = validation.reader(try request.jsonObject())
        let currency = body.currency("currency", required: true)
        var lines = [CheckoutLine]()
        for line in body.objects("lines", required: true, minCount: 1, maxCount: maxLines) ?? [] {
            let productID = line.string("product_id", required: true, maxLength: 64)
            let quantity = line.integer("quantity", required: true, min: 1, max: 1_000_000_000)
            if let productID, let quantity { lines.append(.listing(productID, quantity: quantity, field: line.path)) }
        }
        let address = body.object("shipping_address", required: true).flatMap(ShippingAddress.read)
        let terms = body.oneOf("payment_terms", PaymentTerms.allCases.map(\.rawValue)).flatMap(PaymentTerms.init(rawValue:))
        let poNumber = body.string("po_number", maxLength: 64)
        try validation.check()
        guard let currency, let address else { throw APIError.internal() }
        return CheckoutRequest(
            buyerID: caller.organizationID, placedBy: caller.userID, currency: currency, lines: lines,
            shippingAddress: address, paymentTerms: terms ?? .prepaid, poNumber: poNumber, source: .cart)
    }
}
