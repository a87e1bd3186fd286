import Foundation
import Store
import Web

/// The buyer's comparison of the quotes on one RFQ (`GET /v1/buyer/rfqs/{id}/quotes?currency=`).
///
/// - Only the current revision of each quote, still valid (`valid_until` not passed), of a supplier still
///   active: exactly what can be awarded.
/// - Each line and the shipping are converted to the requested currency at the rate in force now, priced the
///   way checkout prices a quoted line (`LinePricing`: the unit price converted to 6 decimals, the line
///   rounded half-to-even once); the converted total is the sum of those rounded lines plus the converted
///   shipping. So the figure is what an order in that currency would cost if awarded now. The rate is shown.
/// - Sorted by converted total ascending (quotes that cannot be converted — no rate — last), then by longest
///   lead time, then id. Partial quotes are marked (`items_quoted`, `complete`); `best_per_item` gives the
///   lowest converted line for each item, for a per-line award.
/// - A sealed RFQ shows nothing before `respond_by` (empty list and `sealed_until`).
public enum QuoteComparison {
    struct Entry {
        let quote: QuoteRecord
        let fx: FXQuote?
        let convertedLines: [String: LinePrice]
        let convertedTotal: Money?
    }

    public static func build(
        _ db: Connection, rfq: RFQRecord, currency: Currency, baseCurrency: String, now: Date
    ) throws -> (items: [JSON], extra: JSONObject) {
        var extra: JSONObject = [
            "currency": .string(currency.code), "rfq_status": .string(rfq.status(at: now).rawValue),
            "sealed": .bool(rfq.sealed), "sealed_until": .null,
        ]
        if rfq.isSealed(at: now) {
            extra["sealed_until"] = .string(Timestamp.format(rfq.respondBy))
            extra["best_per_item"] = .array([])
            return ([], extra)
        }
        let items = try RFQItem.load(db, rfqID: rfq.id)
        let quotes = try QuoteRecord.comparable(db, rfqID: rfq.id, now: Timestamp.format(now))
        let table = try ReferenceData.fxTable(db, baseCurrency: baseCurrency)

        var entries = [Entry]()
        for quote in quotes {
            guard let fx = table.rate(from: quote.currency, to: currency, at: now) else {
                entries.append(Entry(quote: quote, fx: nil, convertedLines: [:], convertedTotal: nil))
                continue
            }
            var lines = [String: LinePrice]()
            var total: Money? = .zero(currency)
            for line in quote.lines {
                if let price = try? LinePricing.price(line.unitPrice, quantity: line.quantity, fx: fx) {
                    lines[line.itemID] = price
                    total = total.flatMap { try? $0.adding(price.lineTotal) }
                } else {
                    total = nil
                }
            }
            if let shipping = try? fx.convert(quote.shipping) {
                total = total.flatMap { try? $0.adding(shipping) }
            } else {
                total = nil
            }
            entries.append(Entry(quote: quote, fx: fx, convertedLines: lines, convertedTotal: total))
        }
        entries.sort { a, b in
            switch (a.convertedTotal, b.convertedTotal) {
            case let (x?, y?) where x.minorUnits != y.minorUnits: return x.minorUnits < y.minorUnits
            case (.some, nil): return true
            case (nil, .some): return false
            default:
                if a.quote.longestLeadTimeDays != b.quote.longestLeadTimeDays {
                    return a.quote.longestLeadTimeDays < b.quote.longestLeadTimeDays
                }
                return a.quote.id < b.quote.id
            }
        }

        let suppliers = try supplierCards(db, ids: Array(Set(quotes.map(\.supplierID))))
        let json = entries.map { entry -> JSON in
            var object = entry.quote.json
            object["quote_id"] = .string(entry.quote.id)
            object["supplier"] = suppliers[entry.quote.supplierID] ?? ["id": .string(entry.quote.supplierID)]
            object["lines"] = .array(entry.quote.lines.map { line in
                var lineJSON = line.json.objectValue ?? JSONObject()
                let price = entry.convertedLines[line.itemID]
                lineJSON["converted_unit_price"] = .optional(price?.unitPrice.amountString)
                lineJSON["converted_line_total"] = price?.lineTotal.json ?? .null
                return .object(lineJSON)
            })
            object["fx"] = entry.fx.map(QuoteEstimate.fxJSON) ?? .null
            object["converted_total"] = entry.convertedTotal?.json ?? .null
            object["items_quoted"] = .int(entry.quote.lines.count)
            object["complete"] = .bool(entry.quote.lines.count == items.count)
            return .object(object)
        }
        extra["best_per_item"] = .array(items.compactMap { item -> JSON? in
            var best: (entry: Entry, price: LinePrice, lead: Int)?
            for entry in entries {
                guard let price = entry.convertedLines[item.id],
                      let lead = entry.quote.lines.first(where: { $0.itemID == item.id })?.leadTimeDays else { continue }
                if let current = best {
                    let cheaper = price.lineTotal.minorUnits < current.price.lineTotal.minorUnits
                    let tieFaster = price.lineTotal.minorUnits == current.price.lineTotal.minorUnits && lead < current.lead
                    guard cheaper || tieFaster else { continue }
                }
                best = (entry, price, lead)
            }
            guard let best else { return nil }
            return [
                "item_id": .string(item.id), "quote_id": .string(best.entry.quote.id),
                "supplier_id": .string(best.entry.quote.supplierID),
                "converted_unit_price": .string(best.price.unitPrice.amountString),
                "converted_line_total": best.price.lineTotal.json, "lead_time_days": .int(best.lead),
            ]
        })
        return (json, extra)
    }

    /// Name, country and scorecard of each quoting supplier, in one query.
    static func supplierCards(_ db: Connection, ids: [String]) throws -> [String: JSON] {
        guard !ids.isEmpty else { return [:] }
        let list = String(decoding: JSONSerializer.serialize(.array(ids.map { .string($0) })), as: UTF8.self)
        var cards = [String: JSON]()
        try db.forEach(
            """
            SELECT o.id, o.name, o.country, \(SupplierScorecardFields.columns("s"))
            FROM organizations o LEFT JOIN supplier_scorecards s ON s.supplier_id = o.id
            WHERE o.id IN (SELECT value FROM json_each(?))
            """, [.text(list)]
        ) { row in
            guard let id = row.string("id") else { return }
            var card: JSONObject = ["id": .string(id), "name": .optional(row.string("name")), "country": .optional(row.string("country"))]
            for member in SupplierScorecardFields(row: row).json { card[member.key] = member.value }
            cards[id] = .object(card)
        }
        return cards
    }
}
