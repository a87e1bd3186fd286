import Foundation
import Store

/// Loads the operator's reference tables — FX rates, fee rules, the category tree — into the pure types of
/// `FX/` and `Fees/`. Checkout, RFQ quotes, the catalog and the operator's preview all read through here, so
/// there is one way to turn those rows into values.
///
/// `fx_rates` and `fee_rules` are append-only, so their contents are identified by a cheap fingerprint
/// (row count and the random id of the newest row); the parsed values are cached per fingerprint
/// (`ReferenceCache`) and rebuilt only after an insert. Pass the connection of the transaction you are in: a
/// checkout reads the rates its own transaction sees.
public enum ReferenceData {
    /// Every stored FX rate (history included), with cross rates through `baseCurrency`
    /// (`MARKETPLACE_BASE_CURRENCY`, `services.settings.baseCurrency`). An unknown base code falls back to USD.
    public static func fxTable(_ db: Connection, baseCurrency: String) throws -> FXRateTable {
        let base = Currency(code: baseCurrency) ?? .usd
        let fingerprint = try ReferenceFingerprint.of(db, table: "fx_rates")
        if let table = ReferenceCache.shared.fxTable(fingerprint: fingerprint, base: base) { return table }
        let table = FXRateTable(rates: try fxRates(db), baseCurrency: base)
        ReferenceCache.shared.store(fxTable: table, fingerprint: fingerprint, base: base)
        return table
    }

    /// Every stored fee rule, in force or not: `FeeRuleSelector` picks by instant, scope and category path.
    public static func feeRules(_ db: Connection) throws -> [FeeRule] {
        let fingerprint = try ReferenceFingerprint.of(db, table: "fee_rules")
        if let rules = ReferenceCache.shared.feeRules(fingerprint: fingerprint) { return rules }
        var rules = [FeeRule]()
        try db.forEach(
            """
            SELECT id, scope, category_id, seller_id, percent, fixed_fee_minor, fixed_fee_currency,
                   min_fee_minor, min_fee_currency, max_fee_minor, max_fee_currency, effective_from, created_at
            FROM fee_rules ORDER BY rowid
            """
        ) { row in rules.append(try StoredFeeRule.decode(row)) }
        ReferenceCache.shared.store(feeRules: rules, fingerprint: fingerprint)
        return rules
    }

    /// The rule in force for one line of `sellerID` in `categoryID` at `instant`, or nil when no rule
    /// (not even a default) exists then. A nil or unknown category only matches seller and default rules.
    public static func feeRule(_ db: Connection, sellerID: String, categoryID: String?, at instant: Date) throws
        -> FeeRule?
    {
        let path = try categoryID.map { try categoryPath(db, categoryID: $0) } ?? []
        return FeeRuleSelector.select(rules: try feeRules(db), sellerID: sellerID, categoryPath: path, at: instant)
    }

    /// The category then its ancestors, nearest first (`[bolts, fasteners, hardware]`); empty when the
    /// category does not exist. A (corrupt) cycle stops at the first repeated category.
    public static func categoryPath(_ db: Connection, categoryID: String) throws -> [String] {
        // One primary-key lookup per level rather than a recursive CTE: the CTE's queue and ORDER BY make
        // SQLite build and drop temporary b-trees on every call, and checkout asks this for every line.
        var path = [String]()
        var next: String? = categoryID
        while let id = next, path.count <= maxDepth, !path.contains(id) {
            guard let row = try db.queryOne("SELECT parent_id FROM categories WHERE id = ?", [.text(id)]) else { break }
            path.append(id)
            next = row.string("parent_id")
        }
        return path
    }

    /// The category and every category below it (the catalog's `category_id` filter includes
    /// sub-categories); the category itself first, then breadth-first. Empty when it does not exist.
    public static func categoryAndDescendants(_ db: Connection, categoryID: String) throws -> [String] {
        var ids = [String]()
        // UNION (not UNION ALL) drops rows already produced, so even a corrupt cycle terminates.
        try db.forEach(
            """
            WITH RECURSIVE down(id, depth) AS (
                SELECT id, 0 FROM categories WHERE id = ?
                UNION
                SELECT c.id, down.depth + 1 FROM categories c JOIN down ON c.parent_id = down.id
                WHERE down.depth < \(maxDepth)
            )
            SELECT id, min(depth) AS depth FROM down GROUP BY id ORDER BY depth, id
            """, [.text(categoryID)]
        ) { row in
            if let id = row.string("id") { ids.append(id) }
        }
        return ids
    }

    /// Deeper trees are refused when categories are created; the queries stop here regardless.
    public static let maxDepth = 32

    // MARK: - Rows

    static func fxRates(_ db: Connection) throws -> [FXRate] {
        var rates = [FXRate]()
        // rowid order is insertion order: FXRateTable lets the later of two same-instant rates win.
        try db.forEach("SELECT id, base, quote, rate, effective_from, created_by FROM fx_rates ORDER BY rowid") { row in
            rates.append(try StoredFXRate.decode(row))
        }
        return rates
    }
}
