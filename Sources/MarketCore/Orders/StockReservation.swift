import Store

/// Stock is taken from `products.stock` when an order is created and given back when it is cancelled or
/// rejected. Each take is one conditional UPDATE (`stock >= ?` in the WHERE clause), so even if two
/// writers raced — the store serializes them, but the check does not rely on it — a listing can never
/// go below zero; `products.stock` also has `CHECK (stock >= 0)` as a last line.
public enum StockReservation {
    /// Takes `quantity` units if the listing has them; false (and nothing changed) otherwise.
    public static func reserve(_ db: Connection, productID: String, quantity: Int64) throws -> Bool {
        try db.execute(
            "UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?",
            [.integer(quantity), .text(productID), .integer(quantity)])
        return db.changes == 1
    }

    /// Units left on a listing (for the 409 message), nil when it is gone.
    public static func available(_ db: Connection, productID: String) throws -> Int64? {
        try db.scalar("SELECT stock FROM products WHERE id = ?", [.text(productID)]).int64Value
    }

    /// Gives back every unit an order still holds (cancel, reject) and marks its lines as holding none, so
    /// a second release gives nothing. A listing deleted since simply receives nothing.
    public static func releaseOrder(_ db: Connection, orderID: String) throws {
        try db.execute(
            """
            UPDATE products SET stock = stock + (
                SELECT SUM(l.stock_reserved) FROM order_lines l WHERE l.order_id = ? AND l.product_id = products.id)
            WHERE id IN (SELECT product_id FROM order_lines WHERE order_id = ? AND stock_reserved > 0 AND product_id IS NOT NULL)
            """, [.text(orderID), .text(orderID)])
        try db.execute("UPDATE order_lines SET stock_reserved = 0 WHERE order_id = ? AND stock_reserved > 0", [.text(orderID)])
    }
}
