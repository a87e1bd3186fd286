import Foundation
import Store
import Web

/// Decides what a buyer pays per unit for a quantity of a listing. Every price the marketplace shows or
/// charges for a listing goes through `unitPrice(product:quantity:contracts:)`: catalog search hits and
/// product pages, checkout (and so requisition lists, quick orders, reorders and recurring orders),
/// requisition-list views. A price shown is the price charged.
///
/// The rule:
/// 1. no buyer (anonymous), or no contract entry for the listing valid now: the list price, the
///    listing's tier for the quantity;
/// 2. otherwise the contract price wins over the list price, even where a list tier would be lower — a
///    contract is the agreed price, not a floor (suppliers who want volume breaks give the entry tiers, or
///    use a discount, which follows the listing's tiers);
/// 3. several valid contracts for the same listing (overlapping lists, or two lists assigned to the
///    buyer): the lowest price for this quantity; a tie goes to the smaller price list id, so the answer
///    is stable.
/// A list is valid from `valid_from` (inclusive) to `valid_to` (exclusive), on the injected clock.
public enum BuyerPricing {
    /// Below this many lists, a buyer's lists are walked first.
    static let fewLists: Int64 = 4
    /// Lists counted per buyer; at this many, listing-first may walk up to `maxListingFirstRows`.
    static let manyLists: Int64 = 50
    static let maxListingFirstRows: Int64 = 10_000

    /// The decision itself, pure: `contracts` are the buyer's entries valid now (others are ignored).
    public static func unitPrice(product: PricedProduct, quantity: Int64, contracts: [ContractEntry]) -> BuyerPrice {
        var best: (amount: ExactDecimal, listID: String)?
        for entry in contracts {
            guard let amount = entry.unitPrice(for: product, quantity: quantity) else { continue }
            if let current = best, current.amount < amount || (current.amount == amount && current.listID <= entry.priceListID) {
                continue
            }
            best = (amount, entry.priceListID)
        }
        if let best {
            return BuyerPrice(amount: best.amount, currency: product.currency, source: .contract(priceListID: best.listID))
        }
        return BuyerPrice(amount: product.listPrice(quantity: quantity), currency: product.currency, source: .list)
    }

    /// The buyer's price for one listing at `instant`, reading its contract entries (one indexed query).
    /// `buyerID` nil (anonymous, or not a buyer) is the list price.
    public static func unitPrice(
        _ db: Connection, buyerID: String?, product: PricedProduct, quantity: Int64, at instant: Date
    ) throws -> BuyerPrice {
        let entries = try contracts(db, buyerID: buyerID, productIDs: [product.id], at: instant)[product.id] ?? []
        return unitPrice(product: product, quantity: quantity, contracts: entries)
    }

    /// The buyer's contract entries valid at `instant` for the given listings, by product id, read now
    /// (checkout, lists: inside the caller's transaction). Callers pass a page of listings, never a
    /// whole result set.
    public static func contracts(
        _ db: Connection, buyerID: String?, productIDs: [String], at instant: Date
    ) throws -> [String: [ContractEntry]] {
        guard let buyerID, !productIDs.isEmpty else { return [:] }
        return try load(db, buyerID: buyerID, productIDs: productIDs, now: Timestamp.format(instant)).entries
    }

    /// The same, through `ContractCache` (the catalog: search hits and product pages, read-only).
    /// `database` is the database's path, since one process may serve several.
    public static func contracts(
        _ db: Connection, database: String, buyerID: String?, productIDs: [String], at instant: Date
    ) throws -> [String: [ContractEntry]] {
        guard let buyerID, !productIDs.isEmpty else { return [:] }
        let now = Timestamp.format(instant)
        let generation = try db.scalar("SELECT generation FROM price_list_generation WHERE id = 1").int64Value ?? 0
        let key = [database, String(generation), buyerID, productIDs.joined(separator: ",")].joined(separator: "\u{1}")
        if let entries = ContractCache.shared.value(key)?.entries(at: now) { return entries }
        let loaded = try load(db, buyerID: buyerID, productIDs: productIDs, now: now)
        ContractCache.shared.store(
            ContractCache.Answer(entries: loaded.entries, computedAt: now, validUntil: loaded.nextChange),
            key: key, database: database, generation: generation)
        return loaded.entries
    }

    /// The buyer's entries for the listings, those valid at `now` kept, and the next instant after `now`
    /// at which one of them starts or stops being valid (nil: none).
    ///
    /// Two ways to the same rows: from the buyer's lists to each list's entry for each listing (cost:
    /// lists × listings), or from the listings' entries — clustered by listing — to the buyer's
    /// membership of each entry's list (cost: the listings' entries, for every buyer). A buyer with a
    /// thousand lists and a listing on a thousand customers' lists are both real, so the order is not
    /// left to averages:
    /// 1. the buyer's lists are counted up to `manyLists` (one short index range; most buyers have none,
    ///    and then that is all pricing costs);
    /// 2. with fewer than `fewLists`, buyer-first;
    /// 3. else listing-first, stopping after as many rows as buyer-first would have cost; only if it
    ///    gets that far (listings on very many lists) is buyer-first run instead. So the work is at most
    ///    about twice the cheaper plan's, usually one statement.
    /// `LEFT JOIN` and `CROSS JOIN` fix each join order: SQLite never moves the right table of either
    /// before the left (https://sqlite.org/optoverview.html, "Manual Control Of Query Plans Using CROSS
    /// JOIN").
    static func load(_ db: Connection, buyerID: String, productIDs: [String], now: String) throws
        -> (entries: [String: [ContractEntry]], nextChange: String?)
    {
        let lists = try db.scalar(
            "SELECT count(*) FROM (SELECT 1 FROM price_list_buyers WHERE buyer_id = ? LIMIT ?)", [.text(buyerID), .integer(manyLists)]
        ).int64Value ?? 0
        guard lists > 0 else { return ([:], nil) }
        let ids = SQLValue.text(JSONSerializer.string(.array(productIDs.map(JSON.string))))
        let columns = "e.price_list_id, e.product_id, e.currency, e.unit_price, e.discount_percent, e.price_tiers, e.valid_from, e.valid_to"
        var entries: [String: [ContractEntry]] = [:]
        var nextChange: String?
        func take(_ row: Row) {
            guard let from = row.string("valid_from") else { return }
            let to = row.string("valid_to")
            for boundary in [from, to].compactMap({ $0 }) where boundary > now {
                if nextChange.map({ boundary < $0 }) ?? true { nextChange = boundary }
            }
            guard from <= now, to.map({ now < $0 }) ?? true, let entry = ContractEntry(row: row) else { return }
            entries[entry.productID, default: []].append(entry)
        }
        if lists >= fewLists {
            let budget = lists < manyLists ? lists * Int64(productIDs.count) : maxListingFirstRows
            var rows = 0
            var mine: [Row] = []
            try db.forEach(
                """
                SELECT \(columns), b.buyer_id IS NOT NULL AS mine FROM price_list_entries e
                LEFT JOIN price_list_buyers b ON b.buyer_id = ? AND b.price_list_id = e.price_list_id
                WHERE e.product_id IN (SELECT value FROM json_each(?)) LIMIT ?
                """, [.text(buyerID), ids, .integer(budget + 1)]
            ) { row in
                rows += 1
                if row.int64("mine") == 1 { mine.append(row) }
            }
            if rows <= budget {
                mine.forEach(take)
                return (entries, nextChange)
            }
        }
        try db.forEach(
            """
            SELECT \(columns) FROM price_list_buyers b
            CROSS JOIN price_list_entries e ON e.price_list_id = b.price_list_id
            WHERE b.buyer_id = ? AND e.product_id IN (SELECT value FROM json_each(?))
            """, [.text(buyerID), ids], take)
        return (entries, nextChange)
    }
}

extension ContractEntry {
    /// An entry from a `price_list_entries` row; nil for one pricing could not have written.
    init?(row: Row) {
        guard let listID = row.string("price_list_id"), let productID = row.string("product_id"),
            let currency = row.string("currency").flatMap(Currency.init(code:))
        else { return nil }
        let terms: Terms
        if let text = row.string("unit_price"), let price = try? ExactDecimal.parse(text, maxScale: UnitPrice.maxFractionDigits) {
            terms = .unitPrice(price)
        } else if let text = row.string("discount_percent"), let percent = try? ExactDecimal.parse(text, maxScale: PriceListRules.maxPercentDecimals) {
            terms = .discountPercent(percent)
        } else {
            return nil
        }
        let tiers = row.string("price_tiers")
        self.init(priceListID: listID, productID: productID, currency: currency, terms: terms,
                  tiers: tiers == "[]" ? [] : PriceTier.decodeList(tiers))
    }
}
