import MarketCore
import Web

/// OpenAPI descriptions of the supplier's listing routes.
enum ProductDocs {
    static let tag = ["Seller: products"]

    static func registerComponents() {
        MarketDocs.addComponent("Listing", listing)
        MarketDocs.addComponent("ListingInput", input)
    }

    static let localized = Schema.object([("en", Schema.nullable(Schema.string())), ("ko", Schema.nullable(Schema.string()))])

    static let tier = Schema.object(
        [("min_quantity", Schema.integer(minimum: 2, maximum: ListingRules.maxQuantity)), ("unit_price", Schema.decimal)],
        required: ["min_quantity", "unit_price"])

    static let input = Schema.object(
        [
            ("sku", Schema.string(minLength: 1, maxLength: ListingRules.maxSKULength)),
            ("title", localized), ("description", localized), ("category_id", Schema.nullable(Schema.string())),
            ("unit", Schema.string(maxLength: ListingRules.maxUnitLength, example: "piece")),
            ("currency", Schema.string(pattern: "^[A-Z]{3}$", example: "KRW")),
            ("unit_price", Schema.decimal), ("price_tiers", Schema.array(tier, maxItems: ListingRules.maxTiers)),
            ("min_order_quantity", Schema.integer(minimum: 1, maximum: ListingRules.maxQuantity)),
            ("stock", Schema.integer(minimum: 0, maximum: ListingRules.maxStock)),
            ("lead_time_days", Schema.integer(minimum: 0, maximum: ListingRules.maxLeadTimeDays)),
            ("attributes", Schema.anyObject), ("status", Schema.string(enum: ListingStatus.settable)),
            ("visible_to_buyer_ids", Schema.nullable(Schema.array(Schema.string(), maxItems: ListingRules.maxVisibleBuyers))),
        ])

    static let listing = Schema.object(
        [
            ("id", Schema.string()), ("sku", Schema.string()), ("title", localized), ("description", localized),
            ("category_id", Schema.nullable(Schema.string())), ("unit", Schema.string()), ("currency", Schema.string()),
            ("unit_price", Schema.decimal), ("price_tiers", Schema.array(tier)), ("min_order_quantity", Schema.integer()),
            ("stock", Schema.integer()), ("lead_time_days", Schema.integer()), ("attributes", Schema.anyObject),
            ("status", Schema.string(enum: ["active", "draft"])),
            ("visible_to_buyer_ids", Schema.nullable(Schema.array(Schema.string()))), ("version", Schema.integer()),
            ("created_at", Schema.dateTime), ("updated_at", Schema.dateTime),
        ], required: ["id", "sku", "title", "currency", "unit_price", "status", "version"])

    static func problem(_ status: Int, _ description: String) -> OpenAPIResponse {
        OpenAPIResponse(status, description, contentType: "application/problem+json", schema: Schema.ref("Problem"))
    }

    static let idParameter = OpenAPIParameter("id", in: .path, required: true)
    static let ifMatch = OpenAPIParameter(
        "If-Match", in: .header, description: "The ETag last read (`\"v3\"`); a stale one is refused with 412. Optional.")
    static let etagHeader: [String: JSON] = ["ETag": ["description": "`\"v{version}\"`", "schema": Schema.string()]]

    static let create = OpenAPIOperation(
        summary: "Create a listing",
        description: """
            `sku` (unique per supplier), a `title` in English or Korean and `unit_price` are required. `currency` defaults \
            to the supplier's default currency, `status` to `active`, `unit` to `piece`. `price_tiers` quantities start \
            above `min_order_quantity` and strictly increase. `visible_to_buyer_ids` restricts the listing to those buyer \
            organizations (absent or null: everyone). Creating the SKU of a deleted (archived) listing brings that listing \
            back under its old id, with the fields of this request.
            """,
        tags: tag, parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(
            Schema.ref("ListingInput"),
            example: [
                "sku": "HB-M8-50", "title": ["en": "Hex bolt M8x50", "ko": "육각볼트 M8x50"], "category_id": "cat_...",
                "unit": "box", "currency": "KRW", "unit_price": "12000", "price_tiers": [["min_quantity": 10, "unit_price": "11000"]],
                "min_order_quantity": 1, "stock": 500, "lead_time_days": 3, "attributes": ["material": "stainless"],
            ]),
        responses: [
            OpenAPIResponse(201, "Created", schema: Schema.ref("Listing"), headers: etagHeader),
            problem(409, "The SKU is taken by another of your listings"),
        ])

    static let list = OpenAPIOperation(
        summary: "Your listings, newest first",
        description: "Archived (deleted) listings are not listed. `q` searches titles, SKU, descriptions and attributes like the catalog search, drafts included.",
        tags: tag,
        parameters: CommonSchemas.pageParameters + [
            OpenAPIParameter("status", in: .query, schema: Schema.string(enum: ListingStatus.settable)),
            OpenAPIParameter("sku", in: .query), OpenAPIParameter("q", in: .query, schema: Schema.string(maxLength: 200)),
        ],
        responses: [OpenAPIResponse(200, "A page of listings", schema: Schema.page(Schema.ref("Listing")))])

    static let read = OpenAPIOperation(
        summary: "One of your listings", tags: tag, parameters: [idParameter],
        responses: [
            OpenAPIResponse(200, "The listing", schema: Schema.ref("Listing"), headers: etagHeader),
            problem(404, "No such listing of yours"),
        ])

    static let update = OpenAPIOperation(
        summary: "Change a listing",
        description: """
            Only the fields sent change; `null` removes an optional field; `title` and `description` merge per language. \
            Each change bumps `version` (a request that changes nothing does not). Send `If-Match` to avoid overwriting \
            a change made since you read the listing.
            """,
        tags: tag, parameters: [idParameter, ifMatch], requestBody: OpenAPIRequestBody(Schema.ref("ListingInput")),
        responses: [
            OpenAPIResponse(200, "The listing as changed", schema: Schema.ref("Listing"), headers: etagHeader),
            problem(404, "No such listing of yours"), problem(409, "The new SKU is taken"),
            problem(412, "The listing changed since the ETag in If-Match"),
        ])

    static let delete = OpenAPIOperation(
        summary: "Delete a listing",
        description: """
            The listing is archived: it disappears from your lists, the catalog and exports, while orders, RFQs and \
            requisition lists that name it keep working. Creating or importing its SKU again brings it back.
            """,
        tags: tag, parameters: [idParameter, ifMatch],
        responses: [
            OpenAPIResponse(204, "Deleted"), problem(404, "No such listing of yours"),
            problem(412, "The listing changed since the ETag in If-Match"),
        ])

    static let importListings = OpenAPIOperation(
        summary: "Import listings (CSV or NDJSON): upsert by SKU, all or nothing",
        description: """
            `text/csv`: a header row naming columns in any order (\(ListingCSV.columns.joined(separator: ", "))); `sku` and \
            `title_en` or `title_ko` are required columns; unknown columns are an error. RFC 4180 quoting, UTF-8 with or \
            without BOM. `price_tiers` is `100:8.10;1000:7.50`; an empty cell clears an optional text and means no tiers. \
            `application/x-ndjson`: one JSON object per line with the fields of `POST /v1/seller/products`.

            A row whose SKU exists updates that listing with the columns (fields) it has; others are left as they \
            are. Any bad row and nothing is written: the 422 lists every bad row as `{"line","field","message"}` \
            (at most \(ListingImport.maxListedProblems); `error_count` has the total). A row naming a SKU already \
            named earlier in the file is an error. Up to 64 MiB.
            """,
        tags: tag, parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(Schema.string(), contentType: "text/csv"),
        responses: [
            OpenAPIResponse(200, "Imported", schema: Schema.object(
                [("created", Schema.integer()), ("updated", Schema.integer()), ("unchanged", Schema.integer())],
                required: ["created", "updated"])),
            OpenAPIResponse(422, "Nothing imported: every bad row listed", contentType: "application/problem+json", schema: Schema.object(
                [
                    ("type", Schema.string()), ("title", Schema.string()), ("status", Schema.integer()), ("detail", Schema.string()),
                    ("errors", Schema.array(Schema.object([("line", Schema.integer()), ("field", Schema.string()), ("message", Schema.string())]))),
                    ("error_count", Schema.integer()), ("errors_truncated", Schema.boolean),
                ])),
        ])

    static let export = OpenAPIOperation(
        summary: "Export your listings as CSV",
        description: "Every listing not deleted, in the import's columns, so the file imports back unchanged. `?bom=true` starts the file with a UTF-8 byte order mark for spreadsheet programs.",
        tags: tag, parameters: [OpenAPIParameter("bom", in: .query, schema: Schema.boolean)],
        responses: [OpenAPIResponse(200, "The listings", contentType: "text/csv", schema: Schema.string())])
}
