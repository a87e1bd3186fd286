import Foundation
import Store
import Web

/// A supplier as a checkout needs it.
struct SellerInfo: Sendable {
    let id: String
    let name: String
    let payoutCurrency: Currency
}

/// A requested line once its listing (or quote) is known, before conversion.
struct ResolvedLine: Sendable {
    let sellerID: String
    let productID: String?
    /// Whether checkout takes the quantity from the listing's stock.
    let reservesStock: Bool
    let rfqItemID: String?
    let sku: String?
    let titleEN: String?
    let titleKO: String?
    let description: String?
    let categoryID: String?
    let unit: String
    /// The tier (or quoted) price in the listing's (or quote's) currency.
    let sourcePrice: UnitPrice
    let leadTimeDays: Int
}

/// Reads listings, suppliers and category paths for one checkout, caching what repeats.
struct CheckoutLookup {
    let db: Connection
    let buyerID: String
    /// The checkout's instant: which contract price lists are in force.
    let at: Date
    private(set) var sellers: [String: SellerInfo] = [:]
    private var paths: [String: [String]] = [:]

    init(db: Connection, buyerID: String, at: Date) {
        self.db = db
        self.buyerID = buyerID
        self.at = at
    }

    mutating func resolve(_ line: CheckoutLine, errors: Validation) throws -> ResolvedLine? {
        switch line.item {
        case .listing(let productID):
            return try resolveListing(productID, line: line, errors: errors)
        case .quoted(let item):
            return try resolveQuoted(item, line: line, errors: errors)
        }
    }

    private mutating func resolveListing(_ productID: String, line: CheckoutLine, errors: Validation) throws -> ResolvedLine? {
        let row = try db.queryOne(
            """
            SELECT p.seller_id, p.sku, p.title_en, p.title_ko, p.category_id, p.unit, p.currency, p.unit_price,
                   p.price_tiers, p.min_order_quantity, p.lead_time_days, p.status, p.visible_to,
                   o.kind AS seller_kind, o.status AS seller_status, o.name AS seller_name,
                   COALESCE(o.payout_currency, o.default_currency) AS payout_currency
            FROM products p JOIN organizations o ON o.id = p.seller_id WHERE p.id = ?
            """, [.text(productID)])
        // Unknown, draft, of an inactive supplier, or restricted to other buyers: one answer for all, so a
        // restricted listing's existence is not revealed.
        guard let row, row.string("status") == "active", row.string("seller_kind") == "supplier",
              row.string("seller_status") == OrganizationStatus.active.rawValue,
              Self.isVisible(row.string("visible_to"), to: buyerID),
              let sellerID = row.string("seller_id"),
              let currency = row.string("currency").flatMap(Currency.init(code:)),
              let base = row.string("unit_price").flatMap({ try? ExactDecimal.parse($0, maxScale: UnitPrice.maxFractionDigits) })
        else {
            errors.add("\(line.field).product_id", "is not available (unknown, inactive, or not offered to you)",
                       ko: "주문할 수 없는 상품입니다 (없거나, 판매 중이 아니거나, 공개되지 않음)")
            return nil
        }
        let minimum = row.int64("min_order_quantity") ?? 1
        if line.quantity < minimum {
            errors.add("\(line.field).quantity", "is below the minimum order quantity of \(minimum)",
                       ko: "최소 주문 수량 \(minimum)보다 적습니다")
            return nil
        }
        // The buyer's price (contract price lists, else the tier): the same function the catalog shows.
        let product = PricedProduct(id: productID, currency: currency, unitPrice: base, priceTiers: PriceTier.decodeList(row.string("price_tiers")))
        let amount = try BuyerPricing.unitPrice(db, buyerID: buyerID, product: product, quantity: line.quantity, at: at).amount
        guard let price = try? UnitPrice(amount: amount, currency: currency) else {
            errors.add("\(line.field).product_id", "has no valid price", ko: "가격이 올바르지 않습니다")
            return nil
        }
        remember(seller: sellerID, row: row)
        return ResolvedLine(
            sellerID: sellerID, productID: productID, reservesStock: true, rfqItemID: nil, sku: row.string("sku"),
            titleEN: row.string("title_en"), titleKO: row.string("title_ko"), description: nil,
            categoryID: row.string("category_id"), unit: row.string("unit") ?? "piece", sourcePrice: price,
            leadTimeDays: row.int("lead_time_days") ?? 0)
    }

    private mutating func resolveQuoted(_ item: QuotedItem, line: CheckoutLine, errors: Validation) throws -> ResolvedLine? {
        guard let seller = try db.queryOne(
            """
            SELECT kind AS seller_kind, status AS seller_status, name AS seller_name,
                   COALESCE(payout_currency, default_currency) AS payout_currency
            FROM organizations WHERE id = ?
            """, [.text(item.sellerID)]),
            seller.string("seller_kind") == "supplier", seller.string("seller_status") == OrganizationStatus.active.rawValue
        else {
            errors.add(line.field, "is quoted by a supplier that is not active", ko: "활성 상태가 아닌 공급사의 견적입니다")
            return nil
        }
        var sku: String?
        if let productID = item.productID {
            guard let product = try db.queryOne("SELECT seller_id, sku FROM products WHERE id = ?", [.text(productID)]),
                  product.string("seller_id") == item.sellerID else {
                errors.add("\(line.field).product_id", "is not a listing of the quoting supplier", ko: "견적 공급사의 상품이 아닙니다")
                return nil
            }
            sku = product.string("sku")
        }
        remember(seller: item.sellerID, row: seller)
        return ResolvedLine(
            sellerID: item.sellerID, productID: item.productID, reservesStock: item.productID != nil, rfqItemID: item.rfqItemID,
            sku: sku, titleEN: item.title, titleKO: nil, description: item.title, categoryID: item.categoryID,
            unit: item.unit, sourcePrice: item.unitPrice, leadTimeDays: max(0, item.leadTimeDays))
    }

    private mutating func remember(seller id: String, row: Row) {
        guard sellers[id] == nil else { return }
        let payout = row.string("payout_currency").flatMap(Currency.init(code:)) ?? .usd
        sellers[id] = SellerInfo(id: id, name: row.string("seller_name") ?? "", payoutCurrency: payout)
    }

    /// The category and its ancestors, nearest first (empty for none).
    mutating func categoryPath(_ categoryID: String?) throws -> [String] {
        guard let categoryID else { return [] }
        if let path = paths[categoryID] { return path }
        let path = try ReferenceData.categoryPath(db, categoryID: categoryID)
        paths[categoryID] = path
        return path
    }

    /// `visible_to` is NULL (everyone) or a JSON array of buyer organization ids.
    static func isVisible(_ visibleTo: String?, to buyerID: String) -> Bool {
        guard let visibleTo else { return true }
        guard let ids = (try? JSONParser.parse(visibleTo))?.arrayValue else { return false }
        return ids.contains { $0.stringValue == buyerID }
    }
}
