import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// Exchange rates with history (API.md, Operator: fx-rates). Never edited: a newer rate for a pair
/// supersedes from its own `effective_from`, and orders keep the rate they locked.
enum FXRateRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services

        routes.add(.post, "/v1/admin/fx-rates", access: .operator(.admin, .finance), doc: FXRateDocs.create) { request, context in
            let caller = try context.caller()
            let validation = Validation()
            let body = validation.reader(try request.jsonObject())
            let base = body.currency("base", required: true)
            let quote = body.currency("quote", required: true)
            let rate = body.decimal("rate", required: true, maxScale: 10, min: .zero)
            let effectiveFrom = body.timestamp("effective_from") ?? services.now()
            if let base, let quote, base == quote {
                body.fail("quote", "must differ from base", ko: "base와 다른 통화여야 합니다")
            }
            if let rate, !rate.isPositive {
                body.fail("rate", "must be greater than zero", ko: "0보다 커야 합니다")
            }
            try validation.check()
            guard let base, let quote, let rate,
                  let stored = try? FXRate(id: ID.make("fxr"), base: base, quote: quote, rate: rate,
                                           effectiveFrom: effectiveFrom, source: caller.userID)
            else { throw APIError.internal() }

            return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let json = try services.database.write { db in
                    try FXRateStore.insert(db, stored, createdAt: services.nowText())
                    let table = try ReferenceData.fxTable(db, baseCurrency: services.settings.baseCurrency)
                    let status = FXRateStore.status(id: stored.id, effectiveFrom: effectiveFrom, in: table, base: base,
                                                    quote: quote, at: services.now())
                    try AuditLog.record(db, at: services.nowText(), actor: caller, action: "fx_rate.created",
                                        entityType: "fx_rate", entityID: stored.id, after: stored.json())
                    return stored.json(status: status)
                }
                return .json(json, status: .created)
            }
        }

        routes.add(.get, "/v1/admin/fx-rates", access: .operator(.admin, .finance), doc: FXRateDocs.list) { request, _ in
            let query = request.query
            let validation = Validation()
            let base = query.currency("base", validation)
            let quote = query.currency("quote", validation)
            let at = query.timestamp("at", validation) ?? services.now()
            try validation.check()
            let page = try Pagination(query)

            // Oldest first by rowid (insertion order; ids are only millisecond-ordered).
            var conditions = ["rowid > ?"]
            var arguments: [SQLValue] = [.integer(try RowCursor.decode(page.after))]
            if let base { conditions.append("base = ?"); arguments.append(.text(base.code)) }
            if let quote { conditions.append("quote = ?"); arguments.append(.text(quote.code)) }
            arguments.append(.integer(Int64(page.limit + 1)))

            let (rows, table) = try services.database.read { db in
                (try db.query(
                    """
                    SELECT rowid AS seq, id, base, quote, rate, effective_from, created_at, created_by FROM fx_rates
                    WHERE \(conditions.joined(separator: " AND ")) ORDER BY rowid LIMIT ?
                    """, arguments),
                 try ReferenceData.fxTable(db, baseCurrency: services.settings.baseCurrency))
            }
            let (items, next) = page.page(rows) { String($0.int64("seq") ?? 0) }
            let json = items.map { row -> JSON in
                var object = FXRateStore.json(row).objectValue ?? JSONObject()
                if let id = row.string("id"), let base = row.string("base").flatMap(Currency.init(code:)),
                   let quote = row.string("quote").flatMap(Currency.init(code:)),
                   let effective = row.string("effective_from").flatMap({ Timestamp.parse($0) }) {
                    object["status"] = .string(
                        FXRateStore.status(id: id, effectiveFrom: effective, in: table, base: base, quote: quote, at: at))
                }
                return .object(object)
            }
            return .page(json, nextCursor: next, extra: ["at": .string(Timestamp.format(at))])
        }

        routes.add(.get, "/v1/admin/fx-rates/convert", access: .operator(.admin, .finance), doc: FXRateDocs.convert) { request, _ in
            let query = request.query
            let validation = Validation()
            let from = query.currency("from", validation, required: true)
            let to = query.currency("to", validation, required: true)
            let at = query.timestamp("at", validation) ?? services.now()
            var amount: Money?
            if let from {
                if let text = query["amount"], !text.isEmpty {
                    do {
                        amount = try Money.parse(amount: text, currency: from)
                    } catch {
                        validation.add("query.amount", "must be a decimal with at most \(from.minorUnits) decimals for \(from.code)",
                                       ko: "\(from.code)는 소수점 이하 \(from.minorUnits)자리까지의 10진수여야 합니다")
                    }
                } else {
                    validation.add("query.amount", "is required", ko: "필수 항목입니다")
                }
            }
            try validation.check()
            guard let amount, let to else { throw APIError.internal() }

            let table = try services.database.read { db in
                try ReferenceData.fxTable(db, baseCurrency: services.settings.baseCurrency)
            }
            guard let (converted, quote) = table.convert(amount, to: to, at: at) else {
                throw APIError(
                    .unprocessableContent, code: "no_fx_rate",
                    detail: LocalizedText(
                        en: "No direct, inverse or cross rate (through \(table.baseCurrency.code)) converts \(amount.currency.code) to \(to.code) at that time.",
                        ko: "그 시점에 \(amount.currency.code)를 \(to.code)(으)로 환산할 직접·역·교차 환율(\(table.baseCurrency.code) 경유)이 없습니다."))
            }
            return .json([
                "at": .string(Timestamp.format(at)), "amount": amount.json, "converted": converted.json,
                "rate": .string(quote.rate.description), "method": .string(quote.method.rawValue),
                "rate_ids": .array(quote.rateIDs.map { .string($0) }),
                "via": quote.via.map { .string($0.code) } ?? .null,
            ])
        }
    }
}
