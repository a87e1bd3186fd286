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

    /// A supplier's inbox: the RFQs it was invited to, newest first, optionally by RFQ status and by its own
    /// response (`pending`, `quoted`, `declined`).
    ///
    /// `rfq_recipients` is keyed by bucket first (see RFQSchema), so the inbox walks the buckets newest first,
    /// one primary-key range `(bucket, supplier)` each, until the page is full; the cursor is
    /// `bucket/rfq_id`. An answered filter (`quoted`, `declined`) reads the partial index of answers instead.
    public static func supplierInbox(
        _ db: Connection, supplierID: String, status: RFQStatus?, response: String?, page: Pagination, now: Date
    ) throws -> (items: [JSON], nextCursor: String?) {
        var bucket = try RFQRecipientBuckets.newest(db)
        var afterRFQ: String?
        if let after = page.after {
            let parts = after.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2, let cursorBucket = Int64(parts[0]), cursorBucket >= 0 else {
                throw APIError.validation(field: "cursor", "is not a cursor this API issued", ko: "올바른 커서가 아닙니다")
            }
            bucket = min(bucket, cursorBucket)
            afterRFQ = cursorBucket == bucket ? parts[1] : nil
        }
        var base = """
            SELECT \(RFQRecord.columns), \(RFQRecipient.columns), p.bucket, b.name AS buyer_name, b.country AS buyer_country,
                   (SELECT count(*) FROM rfq_items i WHERE i.rfq_id = r.id) AS item_count
            FROM rfq_recipients p JOIN rfqs r ON r.id = p.rfq_id JOIN organizations b ON b.id = r.buyer_id
            WHERE p.supplier_id = ?
            """
        var filters: [SQLValue] = []
        if let status {
            let condition = status.condition(alias: "r", now: Timestamp.format(now))
            base += " AND " + condition.sql
            filters += condition.arguments
        }
        let want = page.limit + 1
        var rows = [Row]()
        if let response, response != "pending" {
            // Answers are few and indexed by supplier: one query, whatever the number of buckets.
            var sql = base + " AND p.response IS NOT NULL AND p.response = ?"
            var arguments: [SQLValue] = [.text(supplierID)] + filters + [.text(response)]
            if let after = page.after, let rfq = after.split(separator: "/", maxSplits: 1).last {
                sql += " AND p.rfq_id < ?"
                arguments.append(.text(String(rfq)))
            }
            rows = try db.query(sql + " ORDER BY p.rfq_id DESC LIMIT ?", arguments + [.integer(Int64(want))])
        } else {
            if response == "pending" { base += " AND p.response IS NULL" }
            while bucket >= 0 && rows.count < want {
                var sql = base + " AND p.bucket = ?"
                var arguments: [SQLValue] = [.text(supplierID)] + filters + [.integer(bucket)]
                if let afterRFQ {
                    sql += " AND p.rfq_id < ?"
                    arguments.append(.text(afterRFQ))
                }
                rows += try db.query(sql + " ORDER BY p.rfq_id DESC LIMIT ?", arguments + [.integer(Int64(want - rows.count))])
                bucket -= 1
                afterRFQ = nil
            }
        }
        let (pageRows, next) = page.page(rows) { "\($0.int64("bucket") ?? 0)/\($0.string("id") ?? "")" }
        let items = try pageRows.map { row -> JSON in
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
