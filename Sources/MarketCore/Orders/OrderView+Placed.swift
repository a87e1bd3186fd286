import Store
import Web

/// An order as the checkout wrote it: the rows of `orders` (with the columns left to their defaults and
/// the organization names `OrderView` joins in), `order_lines` and `order_status_history`.
struct WrittenOrder: Sendable {
    let placed: PlacedOrder
    let order: ColumnValues
    let lines: [ColumnValues]
    let history: ColumnValues
}

extension OrderView {
    /// The detail of an order just placed, from the rows its checkout wrote — the same JSON as `detail`
    /// reads back for it (EndToEndTests/Orders/CheckoutAnswerTests asserts the equality), without a read.
    /// A new order has no shipment, returns, invoice (net terms invoice on delivery) or refunds yet, and
    /// no observer of `order.created` changes its rows (OrderEvents observers: ledger, payments and
    /// ratings react to later events, or write other tables).
    static func placed(_ written: WrittenOrder, scope: OrderScope) -> JSON {
        assemble(row: written.order.reader(shape: "orders"), scope: scope,
                 lines: written.lines.map { $0.reader(shape: "order_lines") },
                 history: [written.history.reader(shape: "order_status_history")],
                 shipment: .null, returns: [], invoice: .null, paymentRefunds: [])
    }
}
