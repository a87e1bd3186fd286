import Foundation
import Web

// MARK: - From a JSON object (POST, PATCH, an NDJSON line)

extension ListingChanges {
    /// Fields a client may write.
    public static let writableFields: Set<String> = [
        "sku", "title", "description", "category_id", "unit", "currency", "unit_price", "price_tiers",
        "min_order_quantity", "stock", "lead_time_days", "attributes", "status", "visible_to_buyer_ids",
    ]
    /// Fields of the listing's representation that a client may send back unchanged (a GET body used
    /// as a PATCH) and that are ignored: the server owns them.
    public static let readOnlyFields: Set<String> = ["id", "version", "created_at", "updated_at", "seller_id"]

    /// Reads every field present in `body`, recording each problem under its JSON path. JSON `null`
    /// removes an optional field (`description.en`, `category_id`, `visible_to_buyer_ids`); `title` and
    /// `description` merge per language (RFC 7396 style), so `{"title":{"ko":"..."}}` keeps the English.
    public init(json body: FieldReader) {
        self.init()
        for key in body.object.keys where !Self.writableFields.contains(key) && !Self.readOnlyFields.contains(key) {
            body.fail(key, "is not a listing field", ko: "상품 필드가 아닙니다")
        }
        sku = Self.sku(body.string("sku", maxLength: ListingRules.maxSKULength), body)
        if let title = localized(body, "title", maxLength: ListingRules.maxTitleLength) {
            titleEN = title.en
            titleKO = title.ko
        }
        if let description = localized(body, "description", maxLength: ListingRules.maxDescriptionLength) {
            descriptionEN = description.en
            descriptionKO = description.ko
        }
        if body.object["category_id"] == .null {
            categoryID = .clear
        } else if let id = body.string("category_id", maxLength: 64) {
            categoryID = .set(id)
        }
        unit = body.string("unit", maxLength: ListingRules.maxUnitLength)
        currency = body.currency("currency")
        unitPrice = body.decimal(
            "unit_price", maxScale: ListingRules.maxPriceDecimals, min: .zero, max: ListingRules.maxUnitPrice)
        if let tiers = body.objects("price_tiers", maxCount: ListingRules.maxTiers) {
            priceTiers = Self.tiers(tiers, body)
        }
        minOrderQuantity = body.integer("min_order_quantity", min: 1, max: ListingRules.maxQuantity)
        stock = body.integer("stock", min: 0, max: ListingRules.maxStock)
        leadTimeDays = body.integer("lead_time_days", min: 0, max: ListingRules.maxLeadTimeDays)
        if let attributes = body.object("attributes") {
            self.attributes = Self.attributes(attributes.object, body)
        }
        status = body.oneOf("status", ListingStatus.settable).flatMap(ListingStatus.init(rawValue:))
        if body.object["visible_to_buyer_ids"] == .null {
            visibleTo = .clear
        } else if let ids = body.strings("visible_to_buyer_ids", maxCount: ListingRules.maxVisibleBuyers, maxLength: 64) {
            var seen = Set<String>()
            visibleTo = .set(ids.filter { seen.insert($0).inserted })
        }
    }

    private func localized(_ body: FieldReader, _ key: String, maxLength: Int)
        -> (en: FieldChange<String>, ko: FieldChange<String>)?
    {
        guard let object = body.object(key) else { return nil }
        for language in object.object.keys where language != "en" && language != "ko" {
            object.fail(language, "only \"en\" and \"ko\" are supported", ko: "\"en\"과 \"ko\"만 지원합니다")
        }
        func change(_ language: String) -> FieldChange<String> {
            guard let value = object.object[language] else { return .keep }
            if value == .null { return .clear }
            guard let text = object.string(language, minLength: 0, maxLength: maxLength) else { return .keep }
            return ListingCSV.isBlank(text) ? .clear : .set(text)
        }
        return (change("en"), change("ko"))
    }

    /// No white space at either end, no line break inside: SKUs are matched exactly (imports, quick order).
    static func isCleanSKU(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last else { return false }
        return !first.properties.isWhitespace && !last.properties.isWhitespace
            && !value.unicodeScalars.contains { $0 == "\n" || $0 == "\r" }
    }

    static func sku(_ value: String?, _ body: FieldReader) -> String? {
        guard let value else { return nil }
        guard isCleanSKU(value) else {
            body.fail("sku", "must not start or end with spaces or contain line breaks", ko: "앞뒤 공백이나 줄바꿈을 포함할 수 없습니다")
            return nil
        }
        return value
    }

    static func tiers(_ readers: [FieldReader], _ body: FieldReader) -> [PriceTier]? {
        var tiers: [PriceTier] = []
        var complete = true
        for tier in readers {
            let quantity = tier.integer("min_quantity", required: true, min: 2, max: ListingRules.maxQuantity)
            let price = tier.decimal(
                "unit_price", required: true, maxScale: ListingRules.maxPriceDecimals, min: .zero,
                max: ListingRules.maxUnitPrice)
            if let quantity, let price { tiers.append(PriceTier(minQuantity: quantity, unitPrice: price)) } else { complete = false }
        }
        guard complete else { return nil }
        return checkedOrder(tiers) { body.fail("price_tiers", $0, ko: $1) }
    }

    /// Quantities must strictly increase, so each quantity has exactly one tier.
    static func checkedOrder(_ tiers: [PriceTier], fail: (String, String) -> Void) -> [PriceTier]? {
        for (previous, next) in zip(tiers, tiers.dropFirst()) where next.minQuantity <= previous.minQuantity {
            fail("min_quantity must strictly increase from one tier to the next", "구간 수량은 순서대로 증가해야 합니다")
            return nil
        }
        return tiers
    }

    static func attributes(_ object: JSONObject, _ body: FieldReader) -> JSONObject? {
        if object.count > ListingRules.maxAttributes {
            body.fail("attributes", "must have at most \(ListingRules.maxAttributes) keys", ko: "최대 \(ListingRules.maxAttributes)개의 키만 가능합니다")
            return nil
        }
        if JSONSerializer.serialize(.object(object)).count > ListingRules.maxAttributesBytes {
            body.fail("attributes", "must be at most \(ListingRules.maxAttributesBytes) bytes as JSON", ko: "JSON으로 최대 \(ListingRules.maxAttributesBytes)바이트까지 가능합니다")
            return nil
        }
        return object
    }
}
