import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// The public catalog (API.md, Buyer: catalog): search, a product page, a supplier's public profile.
/// Anyone may browse; a signed-in buyer also sees the listings restricted to its organization. Only
/// `active` listings of `active` suppliers exist here: the rest is a 404, never a 403.
enum CatalogRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        CatalogDocs.registerComponents()

        routes.add(.get, "/v1/catalog/products", access: .anyone, doc: CatalogDocs.search) { request, context in
            let base = Currency(code: services.settings.baseCurrency) ?? .usd
            let query = try CatalogSearchRequest(request.query, baseCurrency: base)
            let viewer = buyerID(context.principal)
            let (result, rows, sellers, rates, contracts) = try services.database.read {
                db -> (CatalogSearch.Result, [Row], [String: CatalogListingJSON.Seller], CatalogRates?, [String: [ContractEntry]]) in
                var categories: [String]?
                if let id = query.categoryID {
                    let ids = try ReferenceData.categoryAndDescendants(db, categoryID: id)
                    guard !ids.isEmpty else { throw APIError.validation(field: "category_id", "no such category", ko: "해당 카테고리가 없습니다") }
                    categories = ids
                }
                var quotes: [(currency: Currency, quote: FXQuote)] = []
                var keyRates: CatalogRates?
                if query.needsRates {
                    var table = try CatalogRates(db, target: query.keyCurrency, baseCurrency: services.settings.baseCurrency, at: services.now())
                    for currency in try CatalogRates.listedCurrencies(db) {
                        if let quote = table.quote(from: currency) { quotes.append((currency, quote)) }
                    }
                    keyRates = table
                }
                let search = CatalogSearch(request: query, viewerBuyerID: viewer, categories: categories, priceQuotes: quotes)
                let fresh = request.header("Cache-Control")?.lowercased().contains("no-cache") ?? false
                let result = try search.run(db, database: services.database.path, useCache: !fresh)
                let (rows, sellers) = try CatalogListingJSON.rows(db, docs: result.hits.map(\.doc), located: result.located)
                // The key currency is the requested one when there is one: the same table, read once.
                let rates = try query.currency.map { currency -> CatalogRates in
                    if let keyRates, keyRates.target == currency { return keyRates }
                    return try CatalogRates(db, target: currency, baseCurrency: services.settings.baseCurrency, at: services.now())
                }
                // A signed-in buyer's contract prices, for this page's hits only; price filters and sorts
                // above use list prices (see CatalogDocs.search).
                let contracts = try BuyerPricing.contracts(
                    db, database: services.database.path, buyerID: viewer, productIDs: rows.compactMap { $0.string("id") }, at: services.now())
                return (result, rows, sellers, rates, contracts)
            }
            var displayRates = rates
            let hits = rows.compactMap { row -> JSON? in
                guard let listing = Listing(row: row) else { return nil }
                let offer = BuyerOffer(listing, contracts: contracts)
                let seller = sellers[listing.sellerID] ?? CatalogListingJSON.Seller(name: nil, ratingMilli: nil)
                var hit = CatalogListingJSON.hit(offer.applied(to: listing), seller: seller, language: request.language, rates: &displayRates)
                offer.annotate(&hit, listing: listing)
                return .object(hit)
            }
            let next = result.next.map { Pagination.cursor(for: $0.encoded(sort: query.sort, keyCurrency: query.keyCurrency)) }
            let categories: JSON = .array(result.facets.categories.map { ["id": .string($0.categoryID), "count": .int($0.count)] })
            var extra: JSONObject = [
                "facets": ["categories": categories, "complete": .bool(result.facets.complete)], "sort": .string(query.sort.rawValue),
            ]
            if let currency = query.currency { extra["currency"] = .string(currency.code) }
            return .page(hits, nextCursor: next, extra: extra)
        }

        routes.add(.get, "/v1/catalog/products/{id}", access: .anyone, options: .pointRead, doc: CatalogDocs.product) { request, context in
            let page = try CatalogProductQuery(request.query)
            let viewer = buyerID(context.principal)
            let id = request.parameter("id")
            let (row, rates, contracts) = try services.database.read { db -> (Row?, CatalogRates?, [String: [ContractEntry]]) in
                // One statement: the listing, its supplier, the supplier's rating and the category's names.
                guard let row = try db.queryOne(
                    """
                    SELECT \(CatalogListingJSON.columns), c.name_en AS category_en, c.name_ko AS category_ko
                    FROM \(CatalogListingJSON.from) LEFT JOIN categories c ON c.id = p.category_id
                    WHERE p.id = ? AND p.status = 'active' AND o.status = 'active'
                    """, [.text(id)])
                else { return (nil, nil, [:]) }
                let rates = try page.currency.map {
                    try CatalogRates(db, target: $0, baseCurrency: services.settings.baseCurrency, at: services.now())
                }
                return (row, rates, try BuyerPricing.contracts(db, database: services.database.path, buyerID: viewer, productIDs: [id], at: services.now()))
            }
            // Restricted to other buyers looks exactly like absent.
            guard let row, let listing = Listing(row: row), listing.isVisible(to: viewer) else { throw APIError.notFound("listing") }
            var displayRates = rates
            let offer = BuyerOffer(listing, contracts: contracts)
            var object = CatalogListingJSON.hit(
                offer.applied(to: listing), seller: CatalogListingJSON.Seller(row: row), language: request.language, rates: &displayRates)
            offer.annotate(&object, listing: listing)
            object["description"] = listing.description.json
            object["display_description"] = .optional(listing.description.text(request.language))
            object["attributes"] = .object(listing.attributes)
            if let category = listing.categoryID {
                object["category"] = [
                    "id": .string(category),
                    "name": ["en": .optional(row.string("category_en")), "ko": .optional(row.string("category_ko"))],
                ]
            }
            if let quantity = page.quantity {
                object["quote"] = CatalogProductQuery.quote(listing, quantity: quantity, rates: &displayRates, offer: offer)
            }
            return .json(.object(object))
        }

        routes.add(.get, "/v1/catalog/sellers/{id}", access: .anyone, doc: CatalogDocs.seller) { request, _ in
            let profile = try services.database.read { db in
                try SellerProfile.load(db, sellerID: request.parameter("id"))
            }
            guard let profile else { throw APIError.notFound("seller") }
            return .json(profile)
        }
    }

    /// The buyer organization whose restricted listings the caller may see: the caller's, when it is a
    /// buyer.
    static func buyerID(_ principal: Principal?) -> String? {
        guard let principal, principal.organizationKind == .buyer else { return nil }
        return principal.organizationID
    }
}
