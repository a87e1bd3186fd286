import Foundation
import Store
import Web

/// The RFQ lists of each side, newest first, keyset-paginated on the RFQ id (ids are time-ordered).
public enum RFQQueries {
    /// The buyer's own RFQs.
    public static func buyerList(_ db: Connection, buyerID: String, status: RFQStatus?, page: Pagination, now: Date)
        throws -> (items: [JSON], nextCursor: String?)
    {
        var sql = """
            SELECT \(RFQRecord.columns), (SELECT count(*) FROM rfq_items i WHERE i.rfq_id = r.id) AS item_count
            FROM rfqs r WHERE r.buyer_id = ?
            """
        var arguments: [SQLValue] = [.text(buyerID)]
        if let status {
            let condition = status.condition(alias: "r", now: Timestamp.format(now))
            sql += " AND " + condition.sql
            arguments += condition.arguments
        }
        if let after = page.after {
            sql += " AND r.id < ?"
            arguments.append(.text(after))
        }
        sql += " ORDER BY r.id DESC LIMIT ?"
        arguments.append(.integer(Int64(page.limit + 1)))
        let (rows, next) = page.page(try db.query(sql, arguments)) { $0.string("id") ?? "" }
        let items = try rows.map { row in
            RFQJSON.buyer(try RFQRecord.decode(row), items: nil, itemCount: row.int("item_count") ?? 0, awards: nil, now: now)
        }
        return (items, next)
    }

    /// A supplier's inbox: the RFQs it was invited to, optionally by RFQ status and by its own response
    /// (`pending`, `quoted`, `declined`).
    public static func supplierInbox(
        _ db: Connection, supplierID: String, status: RFQStatus?, response: String?, page: Pagination, now: Date
    ) throws -> (items: [JSON], nextCursor: String?) {
        var sql = """
            SELECT \(RFQRecord.columns), \(RFQRecipient.columns), b.name AS buyer_name, b.country AS buyer_country,
                   (SELECT count(*) FROM rfq_items i WHERE i.rfq_id = r.id) AS item_count
            FROM rfq_recipients p JOIN rfqs r ON r.id = p.rfq_id JOIN organizations b ON b.id = r.buyer_id
            WHERE p.supplier_id = ?
            """
        var arguments: [SQLValue] = [.text(supplierID)]
        if let status {
            let condition = status.condition(alias: "r", now: Timestamp.format(now))
            sql += " AND " + condition.sql
            arguments += condition.arguments
        }
        switch response {
        case "pending"?: sql += " AND p.response IS NULL"
        case let value?:
            sql += " AND p.response = ?"
            arguments.append(.text(value))
        case nil: break
        }
        if let after = page.after {
            sql += " AND p.rfq_id < ?"
            arguments.append(.text(after))
        }
        sql += " ORDER BY p.rfq_id DESC LIMIT ?"
        arguments.append(.integer(Int64(page.limit + 1)))
        let (rows, next) = page.page(try db.query(sql, arguments)) { $0.string("id") ?? "" }
        let items = try rows.map { row -> JSON in
            var object = RFQJSON.seller(
                try RFQRecord.decode(row), recipient: RFQRecipient.decode(row), buyer: buyerJSON(row), items: nil,
                quote: nil, awards: nil, now: now
            ).objectValue ?? JSONObject()
            object["quote"] = nil
            object["item_count"] = .int(row.int("item_count") ?? 0)
            return .object(object)
        }
        return (items, next)
    }

    /// The buyer as a supplier sees it: the company it would sell to.
    public static func buyer(_ db: Connection, id: String) throws -> JSON {
        guard let row = try db.queryOne(
            "SELECT name AS buyer_name, country AS buyer_country FROM organizations WHERE id = ?", [.text(id)])
        else { return ["id": .string(id)] }
        var object = buyerJSON(row).objectValue ?? JSONObject()
        object["id"] = .string(id)
        return .object(object)
    }

    static func buyerJSON(_ row: Row) -> JSON {
        var object: JSONObject = [:]
        if let id = row.string("buyer_id") { object["id"] = .string(id) }
        object["name"] = .optional(row.string("buyer_name"))
        object["country"] = .optional(row.string("buyer_country"))
        return .object(object)
    }
}
