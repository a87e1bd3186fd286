import Foundation
import Store
import Web

/// The body of `POST /v1/seller/price-lists` (every field) or `PATCH .../{id}` (the fields sent),
/// checked field by field so a 422 lists every problem at once.
///
/// `entries` and `buyer_ids` are replaced whole when sent. Each entry names one of the supplier's own
/// listings and exactly one of `unit_price` (in the listing's currency) or `discount_percent`
/// (0 < p < 100, up to four decimals), with optional `price_tiers` of its own.
public struct PriceListInput {
    struct EntryInput {
        let field: String
        let productID: String
        let terms: ContractEntry.Terms
        let tiers: [PriceTier]
    }

    var name: String?
    var buyerIDs: [(field: String, id: String)]?
    var validFrom: Date?
    var validTo: FieldChange<Date> = .keep
    var entries: [EntryInput]?

    /// Reads the body; `creating` makes `name` and `valid_from` required.
    public init(_ body: FieldReader, creating: Bool) {
        let known: Set<String> = ["name", "buyer_ids", "valid_from", "valid_to", "entries"]
        for key in body.object.keys where !known.contains(key) {
            body.fail(key, "is not a price list field (allowed: \(known.sorted().joined(separator: ", ")))", ko: "가격표 필드가 아닙니다")
        }
        name = body.string("name", required: creating, maxLength: PriceListRules.maxNameLength)
        if let ids = body.strings("buyer_ids", required: creating, maxCount: PriceListRules.maxBuyers, maxLength: 64) {
            buyerIDs = ids.enumerated().map { ("buyer_ids[\($0.offset)]", $0.element) }
        }
        validFrom = body.timestamp("valid_from", required: creating)
        if body.object["valid_to"]?.isNull == true {
            validTo = .clear
        } else if let date = body.timestamp("valid_to") {
            validTo = .set(date)
        }
        if let readers = body.objects("entries", required: creating, maxCount: PriceListRules.maxEntries) {
            var seen: [String: String] = [:]
            var list: [EntryInput] = []
            for entry in readers {
                guard let parsed = Self.entry(entry) else { continue }
                if let first = seen[parsed.productID] {
                    entry.fail("product_id", "repeats the listing of \(first)", ko: "\(first)와 같은 상품입니다")
                    continue
                }
                seen[parsed.productID] = entry.path
                list.append(parsed)
            }
            entries = list
        }
    }

    private static func entry(_ entry: FieldReader) -> EntryInput? {
        let known: Set<String> = ["product_id", "unit_price", "discount_percent", "price_tiers"]
        for key in entry.object.keys where !known.contains(key) {
            entry.fail(key, "is not a price list entry field (allowed: \(known.sorted().joined(separator: ", ")))", ko: "가격표 항목 필드가 아닙니다")
        }
        let productID = entry.string("product_id", required: true, maxLength: 64)
        let price = entry.decimal("unit_price", maxScale: ListingRules.maxPriceDecimals, min: .zero, max: ListingRules.maxUnitPrice)
        let percent = entry.decimal("discount_percent", maxScale: PriceListRules.maxPercentDecimals, min: .zero, max: .hundred)
        var terms: ContractEntry.Terms?
        switch (entry.has("unit_price"), entry.has("discount_percent")) {
        case (true, true):
            entry.fail("discount_percent", "send either unit_price or discount_percent, not both", ko: "unit_price와 discount_percent 중 하나만 보내세요")
        case (false, false):
            entry.fail("unit_price", "one of unit_price or discount_percent is required", ko: "unit_price 또는 discount_percent가 필요합니다")
        case (true, false):
            terms = price.map { .unitPrice($0) }
        case (false, true):
            if let percent, !percent.isPositive || percent >= .hundred {
                entry.fail("discount_percent", "must be above 0 and below 100", ko: "0보다 크고 100보다 작아야 합니다")
            } else {
                terms = percent.map { .discountPercent($0) }
            }
        }
        var tiers: [PriceTier] = []
        var tiersOK = true
        if let readers = entry.objects("price_tiers", maxCount: ListingRules.maxTiers) {
            for tier in readers {
                let quantity = tier.integer("min_quantity", required: true, min: 2, max: ListingRules.maxQuantity)
                let amount = tier.decimal("unit_price", required: true, maxScale: ListingRules.maxPriceDecimals, min: .zero,
                                          max: ListingRules.maxUnitPrice)
                if let quantity, let amount { tiers.append(PriceTier(minQuantity: quantity, unitPrice: amount)) } else { tiersOK = false }
            }
            for (previous, next) in zip(tiers, tiers.dropFirst()) where next.minQuantity <= previous.minQuantity {
                entry.fail("price_tiers", "min_quantity must strictly increase from one tier to the next", ko: "구간 수량은 순서대로 증가해야 합니다")
                tiersOK = false
                break
            }
        } else if entry.has("price_tiers") {
            tiersOK = false
        }
        guard let productID, let terms, tiersOK else { return nil }
        return EntryInput(field: entry.path, productID: productID, terms: terms, tiers: tiers)
    }

    /// The list this input makes from `current` (nil: a new list), its references checked on `db`:
    /// entries must name the supplier's own listings (not deleted), buyers must be buyer organizations.
    /// Problems go to `validation`; the caller checks it.
    public func applied(to current: PriceList?, new: (id: String, sellerID: String, userID: String, now: String),
                 db: Connection, validation: Validation) throws -> PriceList? {
        var list = current ?? PriceList(
            id: new.id, sellerID: new.sellerID, name: "", buyerIDs: [], validFrom: new.now, validTo: nil, entries: [],
            version: 1, createdBy: new.userID, createdAt: new.now, updatedAt: new.now)
        if let name { list.name = name }
        if let validFrom { list.validFrom = Timestamp.format(validFrom) }
        switch validTo {
        case .keep: break
        case .clear: list.validTo = nil
        case .set(let date): list.validTo = Timestamp.format(date)
        }
        if let validTo = list.validTo, validTo <= list.validFrom {
            validation.add("valid_to", "must be after valid_from (\(list.validFrom))", ko: "valid_from 이후여야 합니다")
        }
        if let buyerIDs {
            var ids: [String] = []
            for (field, id) in buyerIDs where !ids.contains(id) {
                let kind = try db.scalar("SELECT kind FROM organizations WHERE id = ?", [.text(id)]).stringValue
                if kind == OrganizationKind.buyer.rawValue { ids.append(id) } else {
                    validation.add(field, "is not a buyer organization", ko: "구매 기업이 아닙니다")
                }
            }
            list.buyerIDs = ids.sorted()
        }
        if let entries {
            var resolved: [PriceList.Entry] = []
            for entry in entries {
                guard let row = try db.queryOne(
                    "SELECT sku, currency FROM products WHERE id = ? AND seller_id = ? AND status <> 'archived'",
                    [.text(entry.productID), .text(list.sellerID)]),
                    let currency = row.string("currency").flatMap(Currency.init(code:))
                else {
                    validation.add("\(entry.field).product_id", "is not one of your listings", ko: "귀사의 상품이 아닙니다")
                    continue
                }
                resolved.append(PriceList.Entry(productID: entry.productID, sku: row.string("sku"), currency: currency,
                                                terms: entry.terms, tiers: entry.tiers))
            }
            list.entries = resolved
        }
        return validation.isValid ? list : nil
    }
}
