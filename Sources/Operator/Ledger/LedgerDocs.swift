import MarketCore
import Web

/// OpenAPI for the ledger routes.
enum LedgerDocs {
    static let account: JSON = Schema.object(
        [
            ("account", Schema.string(example: "supplier_payable:org_01jd0v6x8m2q4s6t8v0x2z4b6d:EUR")),
            ("kind", Schema.string(enum: LedgerAccountKind.allCases.map(\.rawValue))), ("owner_id", Schema.nullable(Schema.string())),
            ("currency", Schema.string(pattern: "^[A-Z]{3}$")), ("normal_side", Schema.string(enum: ["debit", "credit"])),
            ("debits", Schema.ref("Money")), ("credits", Schema.ref("Money")), ("balance", Schema.ref("Money")),
        ], required: ["account", "kind", "currency", "debits", "credits", "balance"])

    static func registerComponents() {
        MarketDocs.addComponent("LedgerAccountBalance", account)
    }

    static let balances = OpenAPIOperation(
        summary: "Double-entry balances per account and currency",
        description: """
            Every account holds one currency: buyer_receivable and supplier_payable / supplier_receivable / \
            supplier_payout_due per organization, commission_revenue, commission_reversals (contra-revenue), \
            fx_clearing and cash per currency. `balance` is on the account's normal side. Accounts page by code \
            (filters `kind`, `owner_id`, `currency`); `totals` cover the whole journal per currency and show debits \
            equal to credits, always (`balanced`). Entries are append-only; corrections are reversing entries.
            """,
        tags: ["Operator: Ledger"],
        parameters: CommonSchemas.pageParameters + [
            OpenAPIParameter("kind", in: .query, schema: Schema.string(enum: LedgerAccountKind.allCases.map(\.rawValue))),
            OpenAPIParameter("owner_id", in: .query),
            OpenAPIParameter("currency", in: .query, schema: Schema.string(pattern: "^[A-Z]{3}$")),
        ],
        responses: [
            OpenAPIResponse(200, "Balances and the trial balance", schema: Schema.object(
                [
                    ("data", Schema.array(Schema.ref("LedgerAccountBalance"))), ("next_cursor", Schema.nullable(Schema.string())),
                    ("totals", Schema.array(Schema.object(
                        [("currency", Schema.string()), ("debits", Schema.ref("Money")), ("credits", Schema.ref("Money")),
                         ("balanced", Schema.boolean)]))),
                    ("balanced", Schema.boolean), ("as_of", Schema.dateTime),
                ], required: ["data", "next_cursor", "totals", "balanced"])),
            OpenAPIResponse(422, "Invalid filter", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])
}
