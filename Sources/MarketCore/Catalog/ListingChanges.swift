import Web

/// What one write says about a listing: the fields it names, each checked on its own. POST, PATCH, an
/// NDJSON line and a CSV row all become one of these; `applied(to:)` then merges it over the current
/// listing (or the defaults, for a new one) and checks the result as a whole.
///
/// Fields a write leaves out keep their value, so an import of `sku,title_en,stock` updates stock and
/// titles of existing listings and touches nothing else.
public struct ListingChanges: Sendable {
    public var sku: String?
    public var titleEN: FieldChange<String> = .keep
    public var titleKO: FieldChange<String> = .keep
    public var descriptionEN: FieldChange<String> = .keep
    public var descriptionKO: FieldChange<String> = .keep
    public var categoryID: FieldChange<String> = .keep
    public var unit: String?
    public var currency: Currency?
    public var unitPrice: ExactDecimal?
    public var priceTiers: [PriceTier]?
    public var minOrderQuantity: Int64?
    public var stock: Int64?
    public var leadTimeDays: Int64?
    public var attributes: JSONObject?
    public var status: ListingStatus?
    public var visibleTo: FieldChange<[String]> = .keep

    public init() {}

    /// How errors found on the merged listing name their field: the JSON body's paths or the CSV columns.
    public enum Source: Sendable {
        case json
        case csv

        var titleField: String { self == .json ? "title" : "title_en" }
    }

    /// Where a new listing comes from: its id, owner, time and the owner's default currency.
    public struct NewListing: Sendable {
        public var id: String
        public var sellerID: String
        public var defaultCurrency: Currency
        public var now: String

        public init(id: String, sellerID: String, defaultCurrency: Currency, now: String) {
            self.id = id
            self.sellerID = sellerID
            self.defaultCurrency = defaultCurrency
            self.now = now
        }
    }

    /// The listing after this change: `current` updated, or a new listing when `current` is nil (or
    /// archived, which a write by SKU brings back). Checks what needs the whole listing — a title in
    /// some language, a price for a new listing, tiers above the minimum order — into `validation`;
    /// nil when something is missing. Version and `updated_at` are the caller's business.
    public func applied(to current: Listing?, new: NewListing, source: Source, validation: Validation) -> Listing? {
        let base = current
        let title = LocalizedPair(en: titleEN.applied(to: base?.title.en), ko: titleKO.applied(to: base?.title.ko))
        let description = LocalizedPair(
            en: descriptionEN.applied(to: base?.description.en), ko: descriptionKO.applied(to: base?.description.ko))
        var complete = true
        if title.isEmpty {
            validation.add(source.titleField, "a title in English or Korean is required", ko: "영어 또는 한국어 제목이 필요합니다")
            complete = false
        }
        let sku = self.sku ?? base?.sku
        if sku == nil {
            validation.add("sku", "is required", ko: "필수 항목입니다")
            complete = false
        }
        let price = unitPrice ?? base?.unitPrice
        if price == nil {
            validation.add("unit_price", "is required", ko: "필수 항목입니다")
            complete = false
        }
        let minimum = minOrderQuantity ?? base?.minOrderQuantity ?? 1
        let tiers = priceTiers ?? base?.priceTiers ?? []
        if priceTiers != nil || minOrderQuantity != nil, let first = tiers.first, first.minQuantity <= minimum {
            validation.add("price_tiers", "the first tier must start above min_order_quantity (\(minimum))",
                           ko: "첫 구간은 최소 주문 수량(\(minimum))보다 커야 합니다")
            complete = false
        }
        guard complete, let sku, let price else { return nil }
        return Listing(
            id: base?.id ?? new.id, sellerID: base?.sellerID ?? new.sellerID, sku: sku, title: title,
            description: description, categoryID: categoryID.applied(to: base?.categoryID),
            unit: unit ?? base?.unit ?? Listing.defaultUnit, currency: currency ?? base?.currency ?? new.defaultCurrency,
            unitPrice: price, priceTiers: tiers, minOrderQuantity: minimum, stock: stock ?? base?.stock ?? 0,
            leadTimeDays: leadTimeDays ?? base?.leadTimeDays ?? 0, attributes: attributes ?? base?.attributes ?? JSONObject(),
            status: status ?? (base?.status == .archived ? nil : base?.status) ?? .active,
            visibleTo: visibleTo.applied(to: base?.visibleTo), version: base?.version ?? 1,
            createdAt: base?.createdAt ?? new.now, updatedAt: base?.updatedAt ?? new.now)
    }

    /// Buyer organizations and categories this change names, for the caller to check they exist.
    public var referencedCategory: String? {
        if case .set(let id) = categoryID { return id }
        return nil
    }

    public var referencedBuyers: [String] {
        if case .set(let ids) = visibleTo { return ids }
        return []
    }
}
