import Foundation
import Web

/// The CSV form of listings (API.md, Seller: import and export): a header row naming columns in any
/// order, then one listing per row. Export writes every column, so an export imports back unchanged.
///
/// Cells: an empty cell clears an optional text (`title_*`, `description_*`, `category_id`) and means
/// "no tiers" for `price_tiers`; numbers are plain digits; `price_tiers` is `100:8.10;1000:7.50`.
/// Attributes and visibility have no column: an import leaves them as they are.
public enum ListingCSV {
    public static let columns = [
        "sku", "title_en", "title_ko", "description_en", "description_ko", "category_id", "unit", "currency",
        "unit_price", "price_tiers", "min_order_quantity", "stock", "lead_time_days", "status",
    ]

    /// A header row checked against `columns`: the position of each known column.
    public struct Header: Sendable {
        let positions: [String: Int]
        public let count: Int
    }

    /// The header's column positions; nil after recording every problem with it (unknown, repeated or
    /// missing columns) into `validation`.
    public static func header(_ fields: [String], validation: Validation) -> Header? {
        var positions: [String: Int] = [:]
        for (index, raw) in fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if !columns.contains(name) {
                validation.add(name.isEmpty ? "column \(index + 1)" : name, "is not a known column; the columns are \(columns.joined(separator: ", "))",
                               ko: "알 수 없는 열입니다")
            } else if positions[name] != nil {
                validation.add(name, "appears twice in the header", ko: "헤더에 두 번 나옵니다")
            } else {
                positions[name] = index
            }
        }
        if positions["sku"] == nil { validation.add("sku", "the header must have a sku column", ko: "헤더에 sku 열이 필요합니다") }
        if positions["title_en"] == nil && positions["title_ko"] == nil {
            validation.add("title_en", "the header must have a title_en or title_ko column", ko: "헤더에 title_en 또는 title_ko 열이 필요합니다")
        }
        return validation.isValid ? Header(positions: positions, count: fields.count) : nil
    }

    /// The changes one data row asks for; problems go to `validation` under the column names.
    public static func changes(_ fields: [String], header: Header, validation: Validation) -> ListingChanges {
        var changes = ListingChanges()
        if fields.count != header.count {
            validation.add("row", "has \(fields.count) fields; the header has \(header.count)", ko: "필드 수가 헤더와 다릅니다")
            return changes
        }
        func cell(_ name: String) -> String? { header.positions[name].map { fields[$0] } }
        func text(_ name: String, maxLength: Int) -> FieldChange<String> {
            guard let value = cell(name) else { return .keep }
            if isBlank(value) { return .clear }
            // Characters never outnumber UTF-8 bytes: count them only when the bytes might be too many.
            guard value.utf8.count <= maxLength || value.count <= maxLength else {
                validation.add(name, "must be at most \(maxLength) characters", ko: "최대 \(maxLength)자까지 가능합니다")
                return .keep
            }
            guard !value.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }) else {
                validation.add(name, "must not contain control characters", ko: "제어 문자를 포함할 수 없습니다")
                return .keep
            }
            return .set(value)
        }
        func integer(_ name: String, min: Int64, max: Int64) -> Int64? {
            guard let value = cell(name) else { return nil }
            guard let number = Int64(value) ?? Int64(value.trimmingCharacters(in: .whitespaces)), (min...max).contains(number) else {
                validation.add(name, "must be a whole number from \(min) to \(max)", ko: "\(min)부터 \(max) 사이의 정수여야 합니다")
                return nil
            }
            return number
        }

        if let sku = cell("sku") {
            if sku.isEmpty {
                validation.add("sku", "is required", ko: "필수 항목입니다")
            } else if sku.utf8.count > ListingRules.maxSKULength && sku.count > ListingRules.maxSKULength {
                validation.add("sku", "must be at most \(ListingRules.maxSKULength) characters", ko: "최대 \(ListingRules.maxSKULength)자까지 가능합니다")
            } else if !ListingChanges.isCleanSKU(sku) {
                validation.add("sku", "must not start or end with spaces or contain line breaks", ko: "앞뒤 공백이나 줄바꿈을 포함할 수 없습니다")
            } else {
                changes.sku = sku
            }
        }
        changes.titleEN = text("title_en", maxLength: ListingRules.maxTitleLength)
        changes.titleKO = text("title_ko", maxLength: ListingRules.maxTitleLength)
        changes.descriptionEN = text("description_en", maxLength: ListingRules.maxDescriptionLength)
        changes.descriptionKO = text("description_ko", maxLength: ListingRules.maxDescriptionLength)
        changes.categoryID = text("category_id", maxLength: 64)
        if let unit = cell("unit") {
            if unit.isEmpty || unit.count > ListingRules.maxUnitLength {
                validation.add("unit", "must be 1 to \(ListingRules.maxUnitLength) characters", ko: "1~\(ListingRules.maxUnitLength)자여야 합니다")
            } else {
                changes.unit = unit
            }
        }
        if let code = cell("currency") {
            if let currency = Currency(code: code) {
                changes.currency = currency
            } else {
                validation.add("currency", "must be an ISO 4217 currency code such as USD, EUR, KRW", ko: "ISO 4217 통화 코드여야 합니다")
            }
        }
        if let text = cell("unit_price") {
            changes.unitPrice = price(text, field: "unit_price", validation: validation)
        }
        if let text = cell("price_tiers") {
            changes.priceTiers = tiers(text, validation: validation)
        }
        changes.minOrderQuantity = integer("min_order_quantity", min: 1, max: ListingRules.maxQuantity)
        changes.stock = integer("stock", min: 0, max: ListingRules.maxStock)
        changes.leadTimeDays = integer("lead_time_days", min: 0, max: ListingRules.maxLeadTimeDays)
        if let status = cell("status") {
            if let value = ListingStatus(rawValue: status), ListingStatus.settable.contains(status) {
                changes.status = value
            } else {
                validation.add("status", "must be one of: \(ListingStatus.settable.joined(separator: ", "))", ko: "active 또는 draft여야 합니다")
            }
        }
        return changes
    }

    /// Empty, or white space only. Cheaper than trimming: a cell with text stops at its first character.
    static func isBlank(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    static func price(_ text: String, field: String, validation: Validation) -> ExactDecimal? {
        guard let value = try? ExactDecimal.parse(text, maxScale: ListingRules.maxPriceDecimals), !value.isNegative,
            value <= ListingRules.maxUnitPrice
        else {
            validation.add(field, "must be a decimal such as 12.50 (at most \(ListingRules.maxPriceDecimals) decimals, not negative)",
                           ko: "12.50 같은 10진수여야 합니다 (소수점 이하 \(ListingRules.maxPriceDecimals)자리까지, 음수 불가)")
            return nil
        }
        return value
    }

    /// `100:8.10;1000:7.50`; empty for none.
    static func tiers(_ text: String, validation: Validation) -> [PriceTier]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [] }
        var tiers: [PriceTier] = []
        let parts = trimmed.split(separator: ";", omittingEmptySubsequences: false)
        guard parts.count <= ListingRules.maxTiers else {
            validation.add("price_tiers", "must have at most \(ListingRules.maxTiers) tiers", ko: "최대 \(ListingRules.maxTiers)개 구간까지 가능합니다")
            return nil
        }
        for part in parts {
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2,
                let quantity = Int64(pieces[0].trimmingCharacters(in: .whitespaces)), (2...ListingRules.maxQuantity).contains(quantity),
                let price = try? ExactDecimal.parse(pieces[1].trimmingCharacters(in: .whitespaces), maxScale: ListingRules.maxPriceDecimals),
                !price.isNegative, price <= ListingRules.maxUnitPrice
            else {
                validation.add("price_tiers", "must be MIN_QUANTITY:UNIT_PRICE pairs separated by ';', such as 100:8.10;1000:7.50 (quantities from 2)",
                               ko: "100:8.10;1000:7.50 형식이어야 합니다 (수량은 2 이상)")
                return nil
            }
            tiers.append(PriceTier(minQuantity: quantity, unitPrice: price))
        }
        return ListingChanges.checkedOrder(tiers) { validation.add("price_tiers", $0, ko: $1) }
    }

    // MARK: - Export

    /// One listing as a row in `columns` order.
    public static func row(_ listing: Listing) -> [String] {
        [
            listing.sku, listing.title.en ?? "", listing.title.ko ?? "", listing.description.en ?? "",
            listing.description.ko ?? "", listing.categoryID ?? "", listing.unit, listing.currency.code,
            listing.unitPriceText,
            listing.priceTiers.map { "\($0.minQuantity):\(Listing.priceText($0.unitPrice, listing.currency))" }
                .joined(separator: ";"),
            String(listing.minOrderQuantity), String(listing.stock), String(listing.leadTimeDays), listing.status.rawValue,
        ]
    }
}
