import Store
import Web

/// Order lists for each side, newest first, keyset-paginated on the order id (ids are time-ordered).
public enum OrderQueries {
    public static func list(_ db: Connection, scope: OrderScope, status: OrderStatus?, page: Pagination) throws
        -> (items: [JSON], nextCursor: String?)
    {
        let condition = scope.condition
        var sql = "SELECT \(OrderView.columns) \(OrderView.from) WHERE \(condition.sql)"
        var arguments = condition.arguments
        if let status {
            sql += " AND o.status = ?"
            arguments.append(.text(status.rawValue))
        }
        if let after = page.after {
            sql += " AND o.id < ?"
            arguments.append(.text(after))
        }
        sql += " ORDER BY o.id DESC LIMIT ?"
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try db.query(sql, arguments)
        let (items, next) = page.page(rows) { $0.string("id") ?? "" }
        return (items.map { OrderView.summary($0, scope: scope) }, next)
    }

    /// `?status=` of a list request: nil when absent, 422 when not a status.
    public static func statusFilter(_ query: QueryParameters) throws(APIError) -> OrderStatus? {
        guard let text = query["status"], !text.isEmpty else { return nil }
        guard let status = OrderStatus(rawValue: text) else {
            throw APIError.validation(field: "status", "must be one of: \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return status
    }
}

extension Request {
    /// The JSON object body of an action route whose body is optional (`/cancel` with or without a
    /// `{"reason"}`): an empty body is an empty object; anything else must be JSON.
    public func optionalJSONObject() throws(APIError) -> JSONObject {
        if body.isEmpty { return JSONObject() }
        return try jsonObject()
    }
}
