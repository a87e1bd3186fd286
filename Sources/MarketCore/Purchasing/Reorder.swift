import Store
import Web

/// `POST /v1/buyer/orders/{id}/reorder`: the lines of a past order placed again through `Checkout`, at
/// today's prices for this buyer (`BuyerPricing`), today's rates and today's stock. Lines are named
/// `lines[i]` after the original order's lines, so a listing no longer available is a 422 naming its
/// line. An item bought on an RFQ quote without a listing cannot be reordered (there is no price to
/// reorder it at); one quoted against a listing is reordered from the listing.
public enum Reorder {
    /// The order's lines as checkout lines and how it was placed (currency, terms, address); nil when the
    /// order is not the buyer's.
    public static func load(_ db: Connection, buyerID: String, orderID: String, validation: Validation) throws
        -> (lines: [CheckoutLine], options: OrderOptions)?
    {
        guard let order = try db.queryOne(
            "SELECT currency, payment_terms, shipping_address FROM orders WHERE id = ? AND buyer_id = ?",
            [.text(orderID), .text(buyerID)])
        else { return nil }
        var lines: [CheckoutLine] = []
        let rows = try db.query(
            "SELECT product_id, quantity FROM order_lines WHERE order_id = ? ORDER BY position", [.text(orderID)])
        for (index, row) in rows.enumerated() {
            guard let productID = row.string("product_id"), let quantity = row.int64("quantity") else {
                validation.add("lines[\(index)]", "was bought on an RFQ quote without a listing and cannot be reordered",
                               ko: "상품 없이 견적으로 구매한 품목은 재주문할 수 없습니다")
                continue
            }
            lines.append(.listing(productID, quantity: quantity, field: "lines[\(index)]"))
        }
        let scratch = Validation()
        guard let currency = order.string("currency").flatMap(Currency.init(code:)),
            let terms = order.string("payment_terms").flatMap(PaymentTerms.init(rawValue:)),
            let address = order.string("shipping_address").flatMap({ try? JSONParser.parse($0) })?.objectValue
                .flatMap({ ShippingAddress.read(scratch.reader($0)) })
        else { throw APIError.internal() }
        return (lines, OrderOptions(currency: currency, paymentTerms: terms, shippingAddress: address))
    }

    /// Optional overrides in the body: `currency`, `payment_terms`, `shipping_address`, `po_number`
    /// (the PO number is not copied: a new order usually has a new one).
    public static func options(_ body: FieldReader, defaults: OrderOptions) -> OrderOptions {
        var options = defaults
        if let currency = body.currency("currency") { options.currency = currency }
        if let terms = body.oneOf("payment_terms", PaymentTerms.allCases.map(\.rawValue)).flatMap(PaymentTerms.init(rawValue:)) {
            options.paymentTerms = terms
        }
        if let address = body.object("shipping_address").flatMap(ShippingAddress.read) { options.shippingAddress = address }
        options.poNumber = body.string("po_number", maxLength: 64)
        return options
    }
}
