import Foundation
import Store
import Web

// MARK: - Reading and writing price lists

extension PriceList {
    /// One of `sellerID`'s lists with its buyers and entries; nil when absent or another supplier's.
    public static func find(_ db: Connection, sellerID: String, id: String) throws -> PriceList? {
        guard let row = try db.queryOne(
            "SELECT \(headerColumns) FROM price_lists WHERE id = ? AND seller_id = ?", [.text(id), .text(sellerID)])
        else { return nil }
        guard var list = PriceList(header: row) else { return nil }
        list.buyerIDs = try db.query(
            "SELECT buyer_id FROM price_list_buyers WHERE price_list_id = ? ORDER BY buyer_id", [.text(id)]
        ).compactMap { $0.string("buyer_id") }
        list.entries = try db.query(
            """
            SELECT e.product_id, p.sku, e.currency, e.unit_price, e.discount_percent, e.price_tiers
            FROM price_list_entries e LEFT JOIN products p ON p.id = e.product_id
            WHERE e.price_list_id = ? ORDER BY e.position
            """, [.text(id)]
        ).compactMap(Entry.init(row:))
        return list
    }

    /// A page of `sellerID`'s lists, newest first, without entries (`entry_count` instead).
    public static func page(_ db: Connection, sellerID: String, page: Pagination, at instant: Date) throws -> (items: [JSON], nextCursor: String?) {
        var arguments: [SQLValue] = [.text(sellerID)]
        var after = ""
        if let key = page.after {
            after = " AND l.id < ?"
            arguments.append(.text(key))
        }
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try db.query(
            """
            SELECT l.id, l.seller_id, l.name, l.valid_from, l.valid_to, l.version, l.created_by, l.created_at, l.updated_at,
                   (SELECT count(*) FROM price_list_entries e WHERE e.price_list_id = l.id) AS entry_count,
                   (SELECT json_group_array(buyer_id) FROM price_list_buyers b WHERE b.price_list_id = l.id) AS buyer_ids
            FROM price_lists l WHERE l.seller_id = ?\(after) ORDER BY l.id DESC LIMIT ?
            """, arguments)
        let (items, next) = page.page(rows) { $0.string("id") ?? "" }
        return (items.compactMap { row -> JSON? in
            guard var list = PriceList(header: row) else { return nil }
            list.buyerIDs = (row.string("buyer_ids").flatMap { try? JSONParser.parse($0) }?.arrayValue ?? [])
                .compactMap(\.stringValue).sorted()
            return list.summaryJSON(entryCount: row.int64("entry_count") ?? 0, at: instant)
        }, next)
    }

    /// Inserts a new list with its buyers and entries.
    public static func insert(_ db: Connection, _ list: PriceList) throws {
        try db.execute(
            """
            INSERT INTO price_lists (id, seller_id, name, valid_from, valid_to, version, created_by, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(list.id), .text(list.sellerID), .text(list.name), .text(list.validFrom), list.validTo.map(SQLValue.text) ?? .null,
             .integer(list.version), .text(list.createdBy), .text(list.createdAt), .text(list.updatedAt)])
        try insertChildren(db, list)
    }

    /// Rewrites a list: its header, and its buyers and entries whole.
    public static func update(_ db: Connection, _ list: PriceList) throws {
        try db.execute(
            "UPDATE price_lists SET name = ?, valid_from = ?, valid_to = ?, version = ?, updated_at = ? WHERE id = ? AND seller_id = ?",
            [.text(list.name), .text(list.validFrom), list.validTo.map(SQLValue.text) ?? .null, .integer(list.version),
             .text(list.updatedAt), .text(list.id), .text(list.sellerID)])
        try deleteChildren(db, id: list.id)
        try insertChildren(db, list)
    }

    /// Deletes a list for good: orders placed at its prices keep their own copy of every price.
    public static func delete(_ db: Connection, _ list: PriceList) throws {
        try deleteChildren(db, id: list.id)
        try db.execute("DELETE FROM price_lists WHERE id = ? AND seller_id = ?", [.text(list.id), .text(list.sellerID)])
    }

    // MARK: - Rows

    static let headerColumns = "id, seller_id, name, valid_from, valid_to, version, created_by, created_at, updated_at"

    init?(header row: Row) {
        guard let id = row.string("id"), let sellerID = row.string("seller_id"), let name = row.string("name"),
            let validFrom = row.string("valid_from")
        else { return nil }
        self.init(
            id: id, sellerID: sellerID, name: name, buyerIDs: [], validFrom: validFrom, validTo: row.string("valid_to"),
            entries: [], version: row.int64("version") ?? 1, createdBy: row.string("created_by") ?? "",
            createdAt: row.string("created_at") ?? "", updatedAt: row.string("updated_at") ?? "")
    }

    private static func deleteChildren(_ db: Connection, id: String) throws {
        try db.execute("DELETE FROM price_list_entries WHERE price_list_id = ?", [.text(id)])
        try db.execute("DELETE FROM price_list_buyers WHERE price_list_id = ?", [.text(id)])
    }

    private static func insertChildren(_ db: Connection, _ list: PriceList) throws {
        for buyer in list.buyerIDs {
            try db.execute("INSERT INTO price_list_buyers (buyer_id, price_list_id) VALUES (?, ?)", [.text(buyer), .text(list.id)])
        }
        for (position, entry) in list.entries.enumerated() {
            var unitPrice: SQLValue = .null
            var percent: SQLValue = .null
            switch entry.terms {
            case .unitPrice(let price): unitPrice = .text(PriceList.priceText(price, entry.currency))
            case .discountPercent(let value): percent = .text(value.normalized().description)
            }
            try db.execute(
                """
                INSERT INTO price_list_entries (price_list_id, product_id, position, valid_from, valid_to, currency, unit_price,
                    discount_percent, price_tiers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(list.id), .text(entry.productID), .integer(Int64(position)), .text(list.validFrom),
                 list.validTo.map(SQLValue.text) ?? .null, .text(entry.currency.code), unitPrice, percent, .text(entry.tiersText)])
        }
    }

    /// A unit price written like listings write theirs: at least the currency's minor-unit digits.
    static func priceText(_ price: ExactDecimal, _ currency: Currency) -> String {
        (try? UnitPrice(amount: price, currency: currency))?.amountString ?? price.description
    }
}

extension PriceList.Entry {
    init?(row: Row) {
        guard let productID = row.string("product_id"), let currency = row.string("currency").flatMap(Currency.init(code:))
        else { return nil }
        let terms: ContractEntry.Terms
        if let text = row.string("unit_price"), let price = try? ExactDecimal.parse(text, maxScale: UnitPrice.maxFractionDigits) {
            terms = .unitPrice(price)
        } else if let text = row.string("discount_percent"),
            let percent = try? ExactDecimal.parse(text, maxScale: PriceListRules.maxPercentDecimals)
        {
            terms = .discountPercent(percent)
        } else {
            return nil
        }
        self.init(productID: productID, sku: row.string("sku"), currency: currency, terms: terms,
                  tiers: PriceTier.decodeList(row.string("price_tiers")))
    }

    var tiersText: String {
        JSONSerializer.string(.array(tiers.sorted { $0.minQuantity < $1.minQuantity }.map { tier -> JSON in
            ["min_quantity": .int(tier.minQuantity), "unit_price": .string(PriceList.priceText(tier.unitPrice, currency))]
        }))
    }
}
