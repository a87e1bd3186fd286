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
    /// How far `contracts` counts a page's entries before settling on the buyer-first plan.
    static let maxEntriesCounted: Int64 = 10_000
    /// Below this many lists, a buyer's lists are walked first without counting the listings' entries.
    static let fewLists: Int64 = 4

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

    /// The buyer's contract entries valid at `instant` for the given listings, by product id: callers pass
    /// a page of search hits, never a whole result set.
    ///
    /// Two ways to the same rows, and the cheaper one is taken per call: from the buyer's lists to each
    /// list's entry for each listing (cost: lists × listings), or from the listings' entries to the
    /// buyer's membership of each entry's list (cost: the entries of those listings, for every buyer).
    /// A buyer with a thousand lists and a listing on a thousand customers' lists are both real, so the
    /// order is not left to averages. The buyer's lists are counted up to `fewLists` (one index range;
    /// most buyers have none, and then that probe is all it costs): with fewer, buyer-first is cheap
    /// whatever the listings; with more, the listings' entries are counted (index probes, stopping at
    /// `maxEntriesCounted`) and the buyer's lists up to the bound that decides. `CROSS JOIN` fixes the
    /// join order chosen (SQLite never reorders a CROSS JOIN: https://sqlite.org/optoverview.html,
    /// "Manual Control Of Query Plans Using CROSS JOIN").
    public static func contracts(
        _ db: Connection, buyerID: String?, productIDs: [String], at instant: Date
    ) throws -> [String: [ContractEntry]] {
        guard let buyerID, !productIDs.isEmpty else { return [:] }
        let k = Int64(productIDs.count)
        let countLists = "SELECT count(*) FROM (SELECT 1 FROM price_list_buyers WHERE buyer_id = ? LIMIT ?)"
        var lists = try db.scalar(countLists, [.text(buyerID), .integer(fewLists)]).int64Value ?? 0
        guard lists > 0 else { return [:] }
        let ids = SQLValue.text(JSONSerializer.string(.array(productIDs.map(JSON.string))))
        var buyerFirst = true
        if lists >= fewLists {
            let entries = try db.scalar(
                "SELECT count(*) FROM (SELECT 1 FROM price_list_entries WHERE product_id IN (SELECT value FROM json_each(?)) LIMIT ?)",
                [ids, .integer(maxEntriesCounted)]
            ).int64Value ?? 0
            guard entries > 0 else { return [:] }
            // Buyer-first pays off only while lists × listings stays at or below the entries to walk.
            let bound = entries / k + 1
            lists = try db.scalar(countLists, [.text(buyerID), .integer(bound)]).int64Value ?? 0
            buyerFirst = lists * k <= entries
        }
        let now = SQLValue.text(Timestamp.format(instant))
        let columns = "e.price_list_id, e.product_id, e.currency, e.unit_price, e.discount_percent, e.price_tiers"
        let valid = "l.valid_from <= ? AND (l.valid_to IS NULL OR l.valid_to > ?)"
        let sql: String
        let arguments: [SQLValue]
        if buyerFirst {
            sql = """
                SELECT \(columns) FROM price_list_buyers b
                CROSS JOIN price_lists l ON l.id = b.price_list_id
                CROSS JOIN price_list_entries e ON e.price_list_id = b.price_list_id
                WHERE b.buyer_id = ? AND \(valid) AND e.product_id IN (SELECT value FROM json_each(?))
                """
            arguments = [.text(buyerID), now, now, ids]
        } else {
            sql = """
                SELECT \(columns) FROM price_list_entries e
                CROSS JOIN price_list_buyers b ON b.buyer_id = ? AND b.price_list_id = e.price_list_id
                CROSS JOIN price_lists l ON l.id = e.price_list_id
                WHERE e.product_id IN (SELECT value FROM json_each(?)) AND \(valid)
                """
            arguments = [.text(buyerID), ids, now, now]
        }
        var result: [String: [ContractEntry]] = [:]
        try db.forEach(sql, arguments) { row in
            if let entry = ContractEntry(row: row) { result[entry.productID, default: []].append(entry) }
        }
        return result
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
