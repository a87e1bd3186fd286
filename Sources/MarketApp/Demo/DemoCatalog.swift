import Web

/// The demo catalog: a category tree in English and Korean, and a few hundred listings per supplier with
/// quantity tiers, generated deterministically (the same demo on every machine).
enum DemoCatalog {
    struct CategorySeed {
        let key: String
        let parent: String?
        let en: String
        let ko: String
    }

    static let categories: [CategorySeed] = [
        CategorySeed(key: "fasteners", parent: nil, en: "Fasteners", ko: "체결 부품"),
        CategorySeed(key: "bolts", parent: "fasteners", en: "Bolts", ko: "볼트"),
        CategorySeed(key: "nuts", parent: "fasteners", en: "Nuts", ko: "너트"),
        CategorySeed(key: "washers", parent: "fasteners", en: "Washers", ko: "와셔"),
        CategorySeed(key: "tools", parent: nil, en: "Tools", ko: "공구"),
        CategorySeed(key: "power-tools", parent: "tools", en: "Power tools", ko: "전동 공구"),
        CategorySeed(key: "hand-tools", parent: "tools", en: "Hand tools", ko: "수공구"),
        CategorySeed(key: "safety", parent: nil, en: "Safety equipment", ko: "안전 장비"),
        CategorySeed(key: "gloves", parent: "safety", en: "Work gloves", ko: "작업 장갑"),
        CategorySeed(key: "helmets", parent: "safety", en: "Helmets", ko: "안전모"),
        CategorySeed(key: "materials", parent: nil, en: "Building materials", ko: "건축 자재"),
        CategorySeed(key: "pipes", parent: "materials", en: "Pipes and fittings", ko: "배관 자재"),
    ]

    struct ItemSeed {
        let category: String
        let en: String
        let ko: String
        let unit: String
        /// Base price in USD cents; converted roughly per supplier currency.
        let cents: Int
    }

    static let items: [ItemSeed] = [
        ItemSeed(category: "bolts", en: "Hex bolt", ko: "육각볼트", unit: "piece", cents: 18),
        ItemSeed(category: "bolts", en: "Stainless hex bolt", ko: "스테인리스볼트", unit: "piece", cents: 42),
        ItemSeed(category: "bolts", en: "Anchor bolt", ko: "앵커볼트", unit: "piece", cents: 95),
        ItemSeed(category: "nuts", en: "Hex nut", ko: "육각너트", unit: "piece", cents: 6),
        ItemSeed(category: "nuts", en: "Flange nut", ko: "플랜지너트", unit: "piece", cents: 9),
        ItemSeed(category: "washers", en: "Flat washer", ko: "평와셔", unit: "piece", cents: 3),
        ItemSeed(category: "washers", en: "Spring washer", ko: "스프링와셔", unit: "piece", cents: 4),
        ItemSeed(category: "power-tools", en: "Cordless drill", ko: "무선 드릴", unit: "unit", cents: 8900),
        ItemSeed(category: "power-tools", en: "Angle grinder", ko: "앵글 그라인더", unit: "unit", cents: 6400),
        ItemSeed(category: "hand-tools", en: "Torque wrench", ko: "토크 렌치", unit: "unit", cents: 7200),
        ItemSeed(category: "hand-tools", en: "Screwdriver set", ko: "드라이버 세트", unit: "set", cents: 2400),
        ItemSeed(category: "gloves", en: "Cut-resistant gloves", ko: "절단 방지 장갑", unit: "pair", cents: 380),
        ItemSeed(category: "gloves", en: "Nitrile coated gloves", ko: "니트릴 코팅 장갑", unit: "pair", cents: 120),
        ItemSeed(category: "helmets", en: "Safety helmet", ko: "안전모", unit: "unit", cents: 1150),
        ItemSeed(category: "pipes", en: "PVC pipe", ko: "PVC 파이프", unit: "meter", cents: 260),
        ItemSeed(category: "pipes", en: "Copper elbow fitting", ko: "동 엘보 피팅", unit: "piece", cents: 310),
    ]

    static let sizes = ["M4", "M5", "M6", "M8", "M10", "M12", "M16", "M20"]
    static let lengths = [10, 20, 30, 50]
    static let finishes: [(en: String, ko: String)] = [("zinc plated", "아연도금"), ("black oxide", "흑색 산화"), ("plain", "무도금"), ("hot-dip galvanized", "용융아연도금")]

    /// Which categories each supplier sells in (by index in DemoData.suppliers).
    static func categoryKeys(forSupplier index: Int) -> [String] {
        switch index {
        case 0: ["fasteners", "bolts", "nuts", "washers"]
        case 1: ["fasteners", "bolts", "tools", "power-tools", "hand-tools"]
        case 2: ["fasteners", "materials", "pipes", "tools", "hand-tools"]
        case 3: ["safety", "gloves", "helmets"]
        default: ["tools", "power-tools", "hand-tools", "fasteners", "bolts"]
        }
    }

    /// Rough conversion of a USD-cent base price into a price string in the supplier's currency.
    static func price(cents: Int, currency: String, variant: Int) -> String {
        let adjusted = cents * (100 + (variant * 7) % 23) / 100
        switch currency {
        case "KRW": return String(max(1, adjusted * 1385 / 100 / 10 * 10))
        case "JPY": return String(max(1, adjusted * 151 / 100))
        case "EUR":
            let c = max(1, adjusted * 92 / 100)
            return "\(c / 100).\(String(format: "%02d", c % 100))"
        default: return "\(adjusted / 100).\(String(format: "%02d", adjusted % 100))"
        }
    }

    /// A CSV import for one supplier: every item of its categories in several sizes and finishes.
    static func csv(supplierIndex: Int, currency: String, categories: [String: String]) -> String {
        let keys = Set(categoryKeys(forSupplier: supplierIndex))
        var writer = CSVWriter()
        writer.writeRow(["sku", "title_en", "title_ko", "description_en", "description_ko", "category_id", "unit", "currency",
                         "unit_price", "price_tiers", "min_order_quantity", "stock", "lead_time_days", "status"])
        var variant = 0
        for item in items where keys.contains(item.category) {
            let perItem = item.cents < 1000 ? sizes.count * finishes.count * lengths.count : 6
            for n in 0..<perItem {
                variant += 1
                let size = sizes[n % sizes.count]
                let finish = finishes[(n / sizes.count) % finishes.count]
                let length = lengths[(n / (sizes.count * finishes.count)) % lengths.count]
                let bulk = item.cents < 1000
                let base = price(cents: item.cents, currency: currency, variant: variant)
                let tiers = bulk
                    ? "500:\(price(cents: item.cents * 95 / 100, currency: currency, variant: variant));5000:\(price(cents: item.cents * 85 / 100, currency: currency, variant: variant))"
                    : "10:\(price(cents: item.cents * 97 / 100, currency: currency, variant: variant))"
                let titleEN = bulk ? "\(item.en) \(size)x\(length) \(finish.en)" : "\(item.en) model \(100 + n)"
                let titleKO = bulk ? "\(item.ko) \(size)x\(length) \(finish.ko)" : "\(item.ko) 모델 \(100 + n)"
                writer.writeRow([
                    "S\(supplierIndex)-\(item.category.uppercased().prefix(3))-\(variant)", titleEN, titleKO,
                    "\(titleEN), sold by the \(item.unit).", "\(titleKO) (\(item.unit) 단위 판매)",
                    categories[item.category] ?? "", item.unit, currency, base, tiers,
                    bulk ? "100" : "1", String(bulk ? 50_000 + variant * 13 : 40 + variant % 60), String(3 + variant % 12), "active",
                ])
            }
        }
        return String(decoding: writer.drain(), as: UTF8.self)
    }
}

import Foundation
