import MarketCore
import Web

/// `GET /v1/catalog/products` query parameters, checked: every bad parameter is named in one 422.
struct CatalogSearchRequest {
    enum Sort: String, CaseIterable {
        case relevance
        case priceAscending = "price_asc"
        case priceDescending = "price_desc"
        case rating
        case newest
    }

    static let maxQueryLength = 200
    /// Relevance pages by offset (bm25 scores move as the index changes, so a score is no better a
    /// cursor); this bounds how deep.
    static let maxRelevanceOffset = 10_000

    /// The FTS5 MATCH expression for `q`; nil when there is no text to search.
    var match: String?
    /// Its terms, one FTS5 phrase each, in the expression's order (`SearchText.matchTerms`).
    var matchTerms: [String] = []
    var categoryID: String?
    var minPrice: ExactDecimal?
    var maxPrice: ExactDecimal?
    /// The currency prices are shown and bounded in; nil shows listing currencies only.
    var currency: Currency?
    var inStock = false
    var minRatingMilli: Int64?
    var sort: Sort
    var limit: Int
    var cursor: CatalogCursor?

    /// The currency price sorts compare in: the requested one, else the operator's base currency.
    let keyCurrency: Currency

    init(_ query: QueryParameters, baseCurrency: Currency) throws(APIError) {
        let validation = Validation()
        let page: Pagination
        do { page = try Pagination(query) } catch {
            for field in error.errors { validation.add(field) }
            page = Pagination()
        }
        limit = page.limit

        if let q = query["q"] {
            if q.count > Self.maxQueryLength {
                validation.add("q", "must be at most \(Self.maxQueryLength) characters", ko: "최대 \(Self.maxQueryLength)자까지 가능합니다")
            } else {
                matchTerms = SearchText.matchTerms(q)
                match = SearchText.matchExpression(matchTerms)
            }
        }
        if let id = query["category_id"], !id.isEmpty {
            if id.count <= 64 { categoryID = id } else { validation.add("category_id", "no such category", ko: "해당 카테고리가 없습니다") }
        }
        func price(_ name: String) -> ExactDecimal? {
            guard let text = query[name], !text.isEmpty else { return nil }
            guard let value = try? ExactDecimal.parse(text, maxScale: ListingRules.maxPriceDecimals), !value.isNegative,
                value <= ListingRules.maxUnitPrice
            else {
                validation.add(name, "must be a decimal such as 12.50, not negative", ko: "12.50 같은 0 이상의 10진수여야 합니다")
                return nil
            }
            return value
        }
        minPrice = price("min_price")
        maxPrice = price("max_price")
        if let code = query["currency"], !code.isEmpty {
            if let value = Currency(code: code) { currency = value } else {
                validation.add("currency", "must be an ISO 4217 currency code such as USD, EUR, KRW", ko: "ISO 4217 통화 코드여야 합니다")
            }
        } else if minPrice != nil || maxPrice != nil {
            validation.add("currency", "is required with min_price and max_price", ko: "min_price, max_price에는 통화가 필요합니다")
        }
        keyCurrency = currency ?? baseCurrency
        if let minPrice, let maxPrice, minPrice > maxPrice {
            validation.add("max_price", "must not be below min_price", ko: "min_price보다 작을 수 없습니다")
        }
        if let text = query["in_stock"] {
            switch text {
            case "true", "1": inStock = true
            case "false", "0", "": inStock = false
            default: validation.add("in_stock", "must be true or false", ko: "true 또는 false여야 합니다")
            }
        }
        if let text = query["min_rating"], !text.isEmpty {
            if let value = try? ExactDecimal.parse(text, maxScale: 3), !value.isNegative, value <= ExactDecimal(5),
                let milli = try? value.rounded(toScale: 3), let scaled = Int64(exactly: milli.mantissa)
            {
                minRatingMilli = scaled
            } else {
                validation.add("min_rating", "must be a number from 0 to 5 such as 4.5", ko: "0부터 5 사이의 수여야 합니다 (예: 4.5)")
            }
        }
        if let text = query["sort"], !text.isEmpty {
            if let value = Sort(rawValue: text) { sort = value } else {
                validation.add("sort", "must be one of: \(Sort.allCases.map(\.rawValue).joined(separator: ", "))",
                               ko: "다음 중 하나여야 합니다: \(Sort.allCases.map(\.rawValue).joined(separator: ", "))")
                sort = .newest
            }
        } else {
            sort = .relevance
        }
        // Without words to rank by, relevance means newest first.
        if sort == .relevance && match == nil { sort = .newest }
        if let after = page.after {
            cursor = CatalogCursor(decoding: after, sort: sort, keyCurrency: keyCurrency)
            if cursor == nil { validation.add("cursor", "does not belong to this search", ko: "이 검색의 커서가 아닙니다") }
        }
        try validation.check()
    }

    /// Whether facets can come from the maintained per-category counts instead of counting matches.
    var facetsFromCounts: Bool { match == nil && minPrice == nil && maxPrice == nil && minRatingMilli == nil }

    var needsRates: Bool {
        minPrice != nil || maxPrice != nil || sort == .priceAscending || sort == .priceDescending
    }
}
