import MarketCore
import Web

/// OpenAPI descriptions of the supplier's price-list routes.
enum PriceListDocs {
    static let tag = ["Seller: price lists"]

    static func registerComponents() {
        MarketDocs.addComponent("PriceList", priceList)
        MarketDocs.addComponent("PriceListInput", input)
    }

    static let tier = Schema.object(
        [("min_quantity", Schema.integer(minimum: 2, maximum: ListingRules.maxQuantity)), ("unit_price", Schema.decimal)],
        required: ["min_quantity", "unit_price"])

    static let entryInput = Schema.object(
        [
            ("product_id", Schema.string()),
            ("unit_price", Schema.decimal),
            ("discount_percent", Schema.string(pattern: "^[0-9]+(\\.[0-9]{1,4})?$", example: "7.5")),
            ("price_tiers", Schema.array(tier, maxItems: ListingRules.maxTiers)),
        ], required: ["product_id"])

    static let input = Schema.object(
        [
            ("name", Schema.string(minLength: 1, maxLength: PriceListRules.maxNameLength)),
            ("buyer_ids", Schema.array(Schema.string(), maxItems: PriceListRules.maxBuyers)),
            ("valid_from", Schema.dateTime), ("valid_to", Schema.nullable(Schema.dateTime)),
            ("entries", Schema.array(entryInput, maxItems: PriceListRules.maxEntries)),
        ])

    static let entry = Schema.object(
        [
            ("product_id", Schema.string()), ("sku", Schema.nullable(Schema.string())), ("currency", Schema.string()),
            ("unit_price", Schema.decimal), ("discount_percent", Schema.string()), ("price_tiers", Schema.array(tier)),
        ], required: ["product_id", "currency", "price_tiers"])

    static let priceList = Schema.object(
        [
            ("id", Schema.string()), ("name", Schema.string()), ("buyer_ids", Schema.array(Schema.string())),
            ("valid_from", Schema.dateTime), ("valid_to", Schema.nullable(Schema.dateTime)), ("in_force", Schema.boolean),
            ("entries", Schema.array(entry)), ("entry_count", Schema.integer()), ("version", Schema.integer()),
            ("created_at", Schema.dateTime), ("updated_at", Schema.dateTime),
        ], required: ["id", "name", "buyer_ids", "valid_from", "version"])

    static func problem(_ status: Int, _ description: String) -> OpenAPIResponse {
        OpenAPIResponse(status, description, contentType: "application/problem+json", schema: Schema.ref("Problem"))
    }

    static let idParameter = OpenAPIParameter("id", in: .path, required: true)
    static let ifMatch = OpenAPIParameter(
        "If-Match", in: .header, description: "The ETag last read (`\"v3\"`); a stale one is refused with 412. Optional.")
    static let etagHeader: [String: JSON] = ["ETag": ["description": "`\"v{version}\"`", "schema": Schema.string()]]

    static let rules = """
        How a buyer's price is decided (the same for the catalog, checkout, requisition lists, quick orders, reorders \
        and recurring orders): a list applies to the buyer organizations in `buyer_ids` from `valid_from` (inclusive) \
        to `valid_to` (exclusive, absent: open-ended). A contract price wins over the listing's own price and tiers; \
        when several lists in force price the same listing for a buyer, the lowest price for the quantity wins. An \
        entry gives exactly one of `unit_price` (in the listing's currency) or `discount_percent` (above 0, below 100, \
        up to 4 decimals). Its own `price_tiers` (unit prices from `min_quantity` on) apply above its base price — the \
        fixed price, or the listing's base price less the discount; a discount without tiers of its own follows the \
        listing's tiers. Discounted prices keep 6 decimals (half-to-even); line totals round as for any order. An entry \
        stops applying if the listing's currency is changed later. Restricted listings stay invisible to buyers not in \
        their `visible_to_buyer_ids`, price list or not.
        """

    static let create = OpenAPIOperation(
        summary: "Create a contract price list",
        description: """
            `name`, `buyer_ids`, `valid_from` and `entries` are required. Entries name your own listings (a deleted or \
            another supplier's listing is a 422 naming the entry), each at most once; `buyer_ids` must be buyer \
            organizations.

            \(rules)
            """,
        tags: tag, parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.ref("PriceListInput"),
            example: [
                "name": "Hanil Construction 2026", "buyer_ids": ["org_..."], "valid_from": "2026-11-01T00:00:00Z",
                "valid_to": "2027-01-01T00:00:00Z",
                "entries": [
                    ["product_id": "prd_...", "unit_price": "8.40", "price_tiers": [["min_quantity": 500, "unit_price": "7.90"]]],
                    ["product_id": "prd_...", "discount_percent": "12.5"],
                ],
            ]),
        responses: [OpenAPIResponse(201, "Created", schema: Schema.ref("PriceList"), headers: etagHeader)])

    static let list = OpenAPIOperation(
        summary: "Your price lists, newest first",
        description: "Each without its entries (`entry_count` instead); `in_force` says whether it prices anything now.",
        tags: tag, parameters: CommonSchemas.pageParameters,
        responses: [OpenAPIResponse(200, "A page of price lists", schema: Schema.page(Schema.ref("PriceList")))])

    static let read = OpenAPIOperation(
        summary: "One of your price lists, with its entries", tags: tag, parameters: [idParameter],
        responses: [
            OpenAPIResponse(200, "The price list", schema: Schema.ref("PriceList"), headers: etagHeader),
            problem(404, "No such price list of yours"),
        ])

    static let update = OpenAPIOperation(
        summary: "Change a price list",
        description: """
            Only the fields sent change; `buyer_ids` and `entries` are replaced whole; `valid_to: null` makes the list \
            open-ended. Each change bumps `version`. Send `If-Match` to avoid overwriting a change made since you read it.

            \(rules)
            """,
        tags: tag, parameters: [idParameter, ifMatch], requestBody: OpenAPIRequestBody(Schema.ref("PriceListInput")),
        responses: [
            OpenAPIResponse(200, "The price list as changed", schema: Schema.ref("PriceList"), headers: etagHeader),
            problem(404, "No such price list of yours"), problem(412, "The list changed since the ETag in If-Match"),
        ])

    static let delete = OpenAPIOperation(
        summary: "Delete a price list",
        description: "Its prices stop applying at once; orders already placed keep the prices they were placed at.",
        tags: tag, parameters: [idParameter, ifMatch],
        responses: [
            OpenAPIResponse(204, "Deleted"), problem(404, "No such price list of yours"),
            problem(412, "The list changed since the ETag in If-Match"),
        ])
}
