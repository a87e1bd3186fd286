import Store

/// Whose view of an order a query takes. Every order query goes through one of these, so the tenant
/// condition is never forgotten: a buyer sees its organization's orders, a supplier the orders placed
/// with it — and only once placed (an order waiting for the buyer's internal approval, or rejected by
/// it, is none of the supplier's business). Anything else is a 404.
public enum OrderScope: Sendable, Hashable {
    case buyer(String)
    case seller(String)
    /// No tenant condition: the operator, the ledger, tracking by token.
    case any

    /// A condition on the `orders` table aliased `o`, with its argument.
    var condition: (sql: String, arguments: [SQLValue]) {
        switch self {
        case .buyer(let id): ("o.buyer_id = ?", [.text(id)])
        case .seller(let id): ("o.seller_id = ? AND o.placed_at IS NOT NULL", [.text(id)])
        case .any: ("1 = 1", [])
        }
    }

    var party: OrderParty {
        switch self {
        case .buyer: .buyer
        case .seller: .seller
        case .any: .operator
        }
    }
}
