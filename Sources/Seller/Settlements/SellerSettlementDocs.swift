import MarketCore
import Web

/// OpenAPI for the supplier's statements and balance.
enum SellerSettlementDocs {
    static let list = OpenAPIOperation(
        summary: "Own payout statements",
        description: "Newest first; `status` `issued` (not paid yet) or `paid`. Amounts are in the payout currency each order locked at checkout.",
        tags: ["Seller: Settlements"],
        parameters: CommonSchemas.pageParameters + [OpenAPIParameter("status", in: .query, schema: Schema.string(enum: ["issued", "paid"]))],
        responses: [
            OpenAPIResponse(200, "A page of statements", schema: Schema.page(Schema.ref("Settlement"))),
            OpenAPIResponse(422, "Invalid filter", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static let detail = OpenAPIOperation(
        summary: "One own statement with its lines",
        description: "A line per order (gross, commission, refunds, commission reversed, net, each converted at the order's locked rate and rounded half-to-even) and an `adjustment` line per return made after the order was settled. `limit`/`cursor` page through the lines. " + SettlementSchemas.csvDescription,
        tags: ["Seller: Settlements"],
        parameters: [OpenAPIParameter("id", in: .path)] + CommonSchemas.pageParameters,
        responses: [
            OpenAPIResponse(200, "The statement", schema: SettlementSchemas.detail),
            OpenAPIResponse(404, "No such statement of this supplier", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static let balance = OpenAPIOperation(
        summary: "What the supplier is owed, per currency",
        description: """
            From the supplier's ledger accounts, per currency: `earned_not_settled` (delivered orders not yet on a \
            statement, in the order currency, less `deductions_pending`: refunds of returns made after settlement \
            that the next statement deducts), `settled_not_paid` (on statements, in the payout currency, not yet \
            paid) and `paid`.
            """,
        tags: ["Seller: Settlements"],
        responses: [
            OpenAPIResponse(200, "Balances", schema: Schema.object(
                [
                    ("payout_currency", Schema.nullable(Schema.string())), ("as_of", Schema.dateTime),
                    ("balances", Schema.array(Schema.object(
                        [
                            ("currency", Schema.string()), ("earned_not_settled", Schema.ref("Money")),
                            ("deductions_pending", Schema.ref("Money")), ("settled_not_paid", Schema.ref("Money")),
                            ("paid", Schema.ref("Money")),
                        ], required: ["currency", "earned_not_settled", "settled_not_paid", "paid"]))),
                ], required: ["balances"])),
        ])
}
