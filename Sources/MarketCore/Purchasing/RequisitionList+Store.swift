import Store
import Web

// MARK: - Reading and writing requisition lists

extension RequisitionList {
    /// One of the buyer's lists; nil when absent or another organization's.
    public static func find(_ db: Connection, buyerID: String, id: String) throws -> RequisitionList? {
        guard let row = try db.queryOne(
            """
            SELECT id, buyer_id, name, created_by, updated_by, version, created_at, updated_at
            FROM requisition_lists WHERE id = ? AND buyer_id = ?
            """, [.text(id), .text(buyerID)]),
            var list = RequisitionList(row: row)
        else { return nil }
        list.lines = try db.query(
            "SELECT product_id, quantity FROM requisition_list_lines WHERE list_id = ? ORDER BY position", [.text(id)]
        ).compactMap { row in
            guard let productID = row.string("product_id"), let quantity = row.int64("quantity") else { return nil }
            return PurchaseLine(productID: productID, quantity: quantity)
        }
        return list
    }

    /// A page of the buyer's lists, newest first, as summaries (`line_count`).
    public static func page(_ db: Connection, buyerID: String, page: Pagination) throws -> (items: [JSON], nextCursor: String?) {
        var arguments: [SQLValue] = [.text(buyerID)]
        var after = ""
        if let key = page.after {
            after = " AND l.id < ?"
            arguments.append(.text(key))
        }
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try db.query(
            """
            SELECT l.id, l.buyer_id, l.name, l.created_by, l.updated_by, l.version, l.created_at, l.updated_at,
                   (SELECT count(*) FROM requisition_list_lines x WHERE x.list_id = l.id) AS line_count
            FROM requisition_lists l WHERE l.buyer_id = ?\(after) ORDER BY l.id DESC LIMIT ?
            """, arguments)
        let (items, next) = page.page(rows) { $0.string("id") ?? "" }
        return (items.compactMap { row -> JSON? in
            guard let list = RequisitionList(row: row) else { return nil }
            var object = list.headerJSON
            object["line_count"] = .int(row.int64("line_count") ?? 0)
            return .object(object)
        }, next)
    }

    public static func insert(_ db: Connection, _ list: RequisitionList) throws {
        try db.execute(
            """
            INSERT INTO requisition_lists (id, buyer_id, name, created_by, updated_by, version, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(list.id), .text(list.buyerID), .text(list.name), .text(list.createdBy), .text(list.updatedBy),
             .integer(list.version), .text(list.createdAt), .text(list.updatedAt)])
        try insertLines(db, list)
    }

    /// Replaces the name and lines (PUT).
    public static func replace(_ db: Connection, _ list: RequisitionList) throws {
        try db.execute(
            "UPDATE requisition_lists SET name = ?, updated_by = ?, version = ?, updated_at = ? WHERE id = ? AND buyer_id = ?",
            [.text(list.name), .text(list.updatedBy), .integer(list.version), .text(list.updatedAt), .text(list.id), .text(list.buyerID)])
        try db.execute("DELETE FROM requisition_list_lines WHERE list_id = ?", [.text(list.id)])
        try insertLines(db, list)
    }

    public static func delete(_ db: Connection, _ list: RequisitionList) throws {
        try db.execute("DELETE FROM requisition_list_lines WHERE list_id = ?", [.text(list.id)])
        try db.execute("DELETE FROM requisition_lists WHERE id = ? AND buyer_id = ?", [.text(list.id), .text(list.buyerID)])
    }

    private static func insertLines(_ db: Connection, _ list: RequisitionList) throws {
        for (position, line) in list.lines.enumerated() {
            try db.execute(
                "INSERT INTO requisition_list_lines (list_id, position, product_id, quantity) VALUES (?, ?, ?, ?)",
                [.text(list.id), .integer(Int64(position)), .text(line.productID), .integer(line.quantity)])
        }
    }

    init?(row: Row) {
        guard let id = row.string("id"), let buyerID = row.string("buyer_id"), let name = row.string("name") else { return nil }
        self.init(
            id: id, buyerID: buyerID, name: name, lines: [], createdBy: row.string("created_by") ?? "",
            updatedBy: row.string("updated_by") ?? "", version: row.int64("version") ?? 1,
            createdAt: row.string("created_at") ?? "", updatedAt: row.string("updated_at") ?? "")
    }
}
