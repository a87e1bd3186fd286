import Store
import Web

/// Small JSON shapes shared by the order views.
enum OrderJSON {
    static func fx(_ quote: FXQuote) -> JSON {
        ["from": .string(quote.from.code), "to": .string(quote.to.code), "rate": .string(quote.rate.description),
         "method": .string(quote.method.rawValue), "rate_ids": .array(quote.rateIDs.map(JSON.string)),
         "via": .optional(quote.via?.code)]
    }

    static func idList(_ ids: [String]) -> String { JSONSerializer.string(.array(ids.map(JSON.string))) }

    static func parsed(_ text: String?) -> JSON {
        guard let text, let json = try? JSONParser.parse(text) else { return .null }
        return json
    }

    static func money(_ minor: Int64?, _ currency: Currency) -> JSON {
        Money(minorUnits: minor ?? 0, currency: currency).json
    }

    /// A unit price with at least the currency's minor-unit digits (`"10.00"`, `"0.125"`).
    static func unitPrice(_ text: String?, _ currency: Currency) -> JSON {
        guard let text, let amount = ExactDecimal(text), let price = try? UnitPrice(amount: amount, currency: currency) else {
            return ["amount": .optional(text), "currency": .string(currency.code)]
        }
        return ["amount": .string(price.amountString), "currency": .string(currency.code)]
    }

    static func time(_ row: some ColumnReading, _ column: String) -> JSON { .optional(row.string(column)) }
}
