import MarketCore
import Web

/// OpenAPI descriptions of the public catalog.
enum CatalogDocs {
    static let tag = ["Catalog"]

    static func registerComponents() {
        MarketDocs.addComponent("UnitPrice", unitPrice)
        MarketDocs.addComponent("CatalogHit", hit)
        MarketDocs.addComponent("CatalogProduct", productDetails)
        MarketDocs.addComponent("PublicSellerProfile", sellerProfile)
    }

    static let unitPrice = Schema.object(
        [("amount", Schema.decimal), ("currency", Schema.string(pattern: "^[A-Z]{3}$"))], required: ["amount", "currency"])

    static let localized = Schema.object([("en", Schema.nullable(Schema.string())), ("ko", Schema.nullable(Schema.string()))])

    static let hit = Schema.object(
        [
            ("id", Schema.string()), ("sku", Schema.string()), ("title", localized),
            ("display_title", Schema.string()), ("category_id", Schema.nullable(Schema.string())), ("unit", Schema.string()),
            ("unit_price", Schema.ref("UnitPrice")), ("converted_unit_price", Schema.nullable(Schema.ref("UnitPrice"))),
            ("price_tiers", Schema.array(Schema.object([("min_quantity", Schema.integer()), ("unit_price", Schema.decimal)]))),
            ("min_order_quantity", Schema.integer()), ("in_stock", Schema.boolean), ("stock", Schema.integer()),
            ("lead_time_days", Schema.integer()),
            ("seller", Schema.object(
                [("id", Schema.string()), ("name", Schema.string()), ("rating", Schema.nullable(["type": "number"]))],
                required: ["id", "name", "rating"])),
            ("restricted", Schema.boolean), ("created_at", Schema.dateTime),
            ("price_source", Schema.string(enum: ["list", "contract"])), ("list_unit_price", Schema.ref("UnitPrice")),
        ], required: ["id", "sku", "title", "unit_price", "seller"])

    static let productDetails = Schema.object(
        [
            ("id", Schema.string()), ("description", localized), ("display_description", Schema.nullable(Schema.string())),
            ("attributes", Schema.anyObject),
            ("category", Schema.object([("id", Schema.string()), ("name", localized)])),
            ("quote", Schema.object(
                [
                    ("quantity", Schema.integer()), ("unit_price", Schema.ref("UnitPrice")), ("line_total", Schema.ref("Money")),
                    ("meets_min_order_quantity", Schema.boolean), ("price_source", Schema.string(enum: ["list", "contract"])),
                    ("converted", Schema.nullable(Schema.object([
                        ("unit_price", Schema.ref("UnitPrice")), ("line_total", Schema.ref("Money")),
                        ("rate", Schema.object([("from", Schema.string()), ("to", Schema.string()), ("rate", Schema.decimal),
                                                ("method", Schema.string(enum: ["identity", "direct", "inverse", "cross"]))])),
                    ]))),
                ])),
        ])

    static let sellerProfile = Schema.object(
        [
            ("id", Schema.string()), ("name", Schema.string()), ("country", Schema.string()), ("member_since", Schema.dateTime),
            ("category_ids", Schema.array(Schema.string())), ("listings", Schema.integer()),
            ("scorecard", Schema.object([
                ("rating", Schema.nullable(["type": "number"])), ("review_count", Schema.integer()),
                ("average_rating", Schema.nullable(["type": "number"])), ("average_quality", Schema.nullable(["type": "number"])),
                ("average_delivery", Schema.nullable(["type": "number"])),
                ("average_communication", Schema.nullable(["type": "number"])), ("deliveries", Schema.integer()),
                ("on_time_delivery_rate", Schema.nullable(["type": "number"])), ("rfqs_invited", Schema.integer()),
                ("rfq_response_rate", Schema.nullable(["type": "number"])), ("cancellation_rate", Schema.nullable(["type": "number"])),
                ("median_rfq_response_seconds", Schema.nullable(Schema.integer())),
            ])),
            ("reviews", Schema.array(Schema.ref("PublicReview"))),
        ])

    static func problem(_ status: Int, _ description: String) -> OpenAPIResponse {
        OpenAPIResponse(status, description, contentType: "application/problem+json", schema: Schema.ref("Problem"))
    }

    static let search = OpenAPIOperation(
        summary: "Search the catalog",
        description: """
            Only `active` listings of `active` suppliers; listings restricted to chosen buyers appear only to those \
            buyers (signed in). `q` matches titles and SKU (ranked higher), descriptions and attribute values: English \
            words by prefix (`bol` finds `bolts`), Korean compounds by their parts (`볼트` finds `육각볼트 M8`); every \
            word must match. `category_id` includes sub-categories. `min_price`/`max_price` bound the unit price \
            converted to `currency` (required with them) at the rate in force; `currency` also adds \
            `converted_unit_price` to each hit. Listings whose currency has no rate to it are left out of price \
            filters and price sorts. `min_rating` is the supplier's Bayesian rating (0–5). `sort` defaults to \
            `relevance` with `q` and `newest` without; relevance is BM25 (a title hit weighs four description hits; \
            the words' listing counts behind its weights may be up to five minutes old for words in thousands of \
            listings), ties newest first. Pages continue with `next_cursor`; relevance pages by offset \
            (up to \(CatalogSearchRequest.maxRelevanceOffset) hits deep), the other sorts by the last hit's key. \
            `facets.categories` counts the matches per category (the listing's own category, most first) for the \
            same search without its `category_id` filter. Work per query is bounded for very broad queries: \
            relevance ranks the \(CatalogSearch.relevanceWindow) most recently listed matches (sort by `newest` or add \
            words to reach the rest), and facets count the \(CatalogSearch.facetWindow) most recent matches, \
            with `facets.complete: false` when there were more. Results are cached until the catalog changes \
            (any change invalidates them at once); `Cache-Control: no-cache` computes afresh.

            A signed-in buyer sees its own prices: where a supplier's contract price list applies to it, a hit's \
            `unit_price`, `price_tiers` and `converted_unit_price` are the contract's (`price_source: contract`, with \
            the public `list_unit_price` beside them) — the prices checkout charges. Price \
            filters (`min_price`, `max_price`) and price sorts use the public list prices, for everyone: contract \
            prices are resolved for the page of hits only, so search stays as fast for a buyer with price lists.
            """,
        tags: tag,
        parameters: CommonSchemas.pageParameters + [
            OpenAPIParameter("q", in: .query, schema: Schema.string(maxLength: CatalogSearchRequest.maxQueryLength)),
            OpenAPIParameter("category_id", in: .query), OpenAPIParameter("min_price", in: .query, schema: Schema.decimal),
            OpenAPIParameter("max_price", in: .query, schema: Schema.decimal),
            OpenAPIParameter("currency", in: .query, schema: Schema.string(pattern: "^[A-Z]{3}$")),
            OpenAPIParameter("in_stock", in: .query, schema: Schema.boolean),
            OpenAPIParameter("min_rating", in: .query, schema: Schema.decimal),
            OpenAPIParameter("sort", in: .query, schema: Schema.string(enum: CatalogSearchRequest.Sort.allCases.map(\.rawValue))),
        ],
        responses: [
            OpenAPIResponse(200, "A page of hits with facets", schema: Schema.object(
                [
                    ("data", Schema.array(Schema.ref("CatalogHit"))), ("next_cursor", Schema.nullable(Schema.string())),
                    ("facets", Schema.object([
                        ("categories", Schema.array(Schema.object(
                            [("id", Schema.string()), ("count", Schema.integer())], required: ["id", "count"]))),
                        ("complete", Schema.boolean),
                    ])),
                    ("sort", Schema.string()), ("currency", Schema.string()),
                ], required: ["data", "next_cursor", "facets"])),
            problem(422, "A bad parameter (named in `errors`)"),
        ])

    static let product = OpenAPIOperation(
        summary: "One listing",
        description: """
            `quantity` prices that many units by the listing's tiers (`quote`); with `currency`, prices are also \
            shown converted as checkout would charge them (unit price converted to 6 decimals, line rounded \
            half-to-even). A draft, deleted, suspended supplier's or restricted-to-others listing is a 404. A signed-in \
            buyer with a contract price list for the listing sees the contract prices (`price_source: contract`, \
            public `list_unit_price` beside them), in the listing and in `quote`.
            """,
        tags: tag,
        parameters: [
            OpenAPIParameter("id", in: .path, required: true),
            OpenAPIParameter("quantity", in: .query, schema: Schema.integer(minimum: 1, maximum: ListingRules.maxQuantity)),
            OpenAPIParameter("currency", in: .query, schema: Schema.string(pattern: "^[A-Z]{3}$")),
        ],
        responses: [
            OpenAPIResponse(200, "The listing", schema: ["allOf": [Schema.ref("CatalogHit"), Schema.ref("CatalogProduct")]]),
            problem(404, "No such listing (or not visible to you)"), problem(422, "A bad parameter"),
        ])

    static let seller = OpenAPIOperation(
        summary: "A supplier's public profile and scorecard",
        description: "Rates and averages are null until there is something to compute them from. `reviews` lists the latest visible reviews (the rest: `/v1/catalog/sellers/{id}/reviews`).",
        tags: tag, parameters: [OpenAPIParameter("id", in: .path, required: true)],
        responses: [
            OpenAPIResponse(200, "The profile", schema: Schema.ref("PublicSellerProfile")),
            problem(404, "No such active supplier"),
        ])
}
