import MarketCore
import Web

/// OpenAPI for buyer credit.
enum BuyerCreditDocs {
    static let terms = PaymentTerms.allCases.map(\.rawValue)

    static let credit: JSON = Schema.object(
        [
            ("buyer_id", Schema.string()), ("name", Schema.string()), ("country", Schema.string()),
            ("default_currency", Schema.string()), ("status", Schema.string()),
            ("payment_terms", Schema.array(Schema.string(enum: terms))), ("credit_limit", Schema.ref("Money")),
        ], required: ["buyer_id", "payment_terms", "credit_limit"])

    static func registerComponents() {
        MarketDocs.addComponent("BuyerCredit", credit)
    }

    static let notFound = OpenAPIResponse(404, "No such buyer", contentType: "application/problem+json", schema: Schema.ref("Problem"))

    static let list = OpenAPIOperation(
        summary: "List buyer companies with their credit",
        tags: ["Operator: buyers"],
        parameters: CommonSchemas.pageParameters + [
            OpenAPIParameter("status", in: .query, schema: Schema.string(enum: OrganizationStatus.allCases.map(\.rawValue))),
        ],
        responses: [
            OpenAPIResponse(200, "A page of buyers", schema: Schema.page(Schema.ref("BuyerCredit"))),
            OpenAPIResponse(422, "Invalid filter", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static let get = OpenAPIOperation(
        summary: "A buyer's payment terms and credit limit",
        tags: ["Operator: buyers"],
        parameters: [OpenAPIParameter("id", in: .path)],
        responses: [OpenAPIResponse(200, "The credit settings", schema: Schema.ref("BuyerCredit")), notFound])

    static let put = OpenAPIOperation(
        summary: "Set a buyer's payment terms and credit limit",
        description: "`payment_terms` is a non-empty subset of prepaid, net_30, net_60 (prepaid stays allowed whatever the list); net-terms orders beyond the open credit are refused at checkout with 422. Audited with before and after.",
        tags: ["Operator: buyers"],
        parameters: [OpenAPIParameter("id", in: .path)],
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [("payment_terms", Schema.array(Schema.string(enum: terms), minItems: 1)), ("credit_limit", Schema.ref("Money"))],
                required: ["payment_terms", "credit_limit"]),
            example: ["payment_terms": ["prepaid", "net_30"], "credit_limit": ["amount": "50000.00", "currency": "USD"]]),
        responses: [OpenAPIResponse(200, "The new credit settings", schema: Schema.ref("BuyerCredit")), notFound])
}
