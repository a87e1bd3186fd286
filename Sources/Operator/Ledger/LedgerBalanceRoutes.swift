import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// `GET /v1/admin/ledger/balances`: the trial balance. Accounts page by code; the per-currency totals
/// always cover the whole journal and show debits equal to credits.
enum LedgerBalanceRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        LedgerDocs.registerComponents()

        routes.add(.get, "/v1/admin/ledger/balances", access: .operator(.admin, .finance), doc: LedgerDocs.balances) { request, _ in
            let query = request.query
            let validation = Validation()
            let kind = query.oneOf("kind", LedgerAccountKind.allCases.map(\.rawValue), validation).flatMap(LedgerAccountKind.init(rawValue:))
            let owner = query.text("owner_id", validation)
            let currency = query.currency("currency", validation)
            try validation.check()
            let page = try Pagination(query)
            let filter = LedgerBalances.Filter(kind: kind, ownerID: owner, currency: currency)

            let (accounts, totals) = try services.database.read { db in
                (try LedgerBalances.accounts(db, filter: filter, after: page.after, limit: page.limit + 1), try LedgerBalances.totals(db))
            }
            let (items, next) = page.page(accounts) { $0.account.code }
            let totalsJSON = totals.map { total -> JSON in
                [
                    "currency": .string(total.currency.code),
                    "debits": Money(minorUnits: total.debits, currency: total.currency).json,
                    "credits": Money(minorUnits: total.credits, currency: total.currency).json,
                    "balanced": .bool(total.debits == total.credits),
                ]
            }
            return .page(items.map(json), nextCursor: next, extra: [
                "totals": .array(totalsJSON), "balanced": .bool(totals.allSatisfy { $0.debits == $0.credits }),
                "as_of": .string(services.nowText()),
            ])
        }
    }

    static func json(_ balance: AccountBalance) -> JSON {
        let account = balance.account
        return [
            "account": .string(account.code), "kind": .string(account.kind.rawValue), "owner_id": .optional(account.ownerID),
            "currency": .string(account.currency.code), "normal_side": .string(account.kind.normalSide.rawValue),
            "debits": Money(minorUnits: balance.debits, currency: account.currency).json,
            "credits": Money(minorUnits: balance.credits, currency: account.currency).json,
            "balance": balance.balance.json,
        ]
    }
}
