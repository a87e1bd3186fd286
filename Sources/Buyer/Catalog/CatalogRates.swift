import Foundation
import MarketCore
import Store

/// The FX quotes one catalog request needs: from each listing currency to the currency the buyer asked
/// for, at the rate in force now (ReferenceData's table: direct, inverse, else cross through the
/// operator's base currency). A listing whose currency has no rate to the target shows its own price
/// only, and is left out of price filters and price sorts, which cannot compare it.
struct CatalogRates {
    let target: Currency
    private let table: FXRateTable
    private let instant: Date
    private var cache: [Currency: FXQuote?] = [:]

    init(_ db: Connection, target: Currency, baseCurrency: String, at instant: Date) throws {
        self.target = target
        self.table = try ReferenceData.fxTable(db, baseCurrency: baseCurrency)
        self.instant = instant
    }

    mutating func quote(from currency: Currency) -> FXQuote? {
        if let known = cache[currency] { return known }
        let quote = table.rate(from: currency, to: target, at: instant)
        cache[currency] = quote
        return quote
    }

    /// The currencies of listed listings: a loose scan of `listing_index_price` (one seek per currency,
    /// https://sqlite.org/optoverview.html §4.2 explains why a plain DISTINCT would read every row).
    static func listedCurrencies(_ db: Connection) throws -> [Currency] {
        var codes: [Currency] = []
        var last = ""
        while codes.count < 200,
            let next = try db.scalar(
                "SELECT currency FROM listing_index WHERE listed = 1 AND currency > ? ORDER BY currency LIMIT 1",
                [.text(last)]
            ).stringValue
        {
            if let currency = Currency(code: next) { codes.append(currency) }
            last = next
        }
        return codes
    }

    /// A unit price in `target`, kept to six decimals (half-to-even) like any unit price; amounts
    /// charged are line totals, converted as money (`FXQuote.convert`).
    static func convertedUnitPrice(_ price: ExactDecimal, quote: FXQuote) -> ExactDecimal? {
        if quote.method == .identity { return price }
        return try? price.multiplied(by: quote.rate, scale: ListingRules.maxPriceDecimals)
    }
}
