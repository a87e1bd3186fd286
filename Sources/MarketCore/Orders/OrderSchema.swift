import Store

/// Orders, lines, status history, shipments, returns, invoices.
public enum OrderSchema {
    public static let migrations: [Migration] = []
}
