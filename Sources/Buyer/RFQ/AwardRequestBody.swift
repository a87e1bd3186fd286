import Foundation
import MarketCore
import Web

/// Reads `POST /v1/buyer/rfqs/{id}/award`: `{"quote_id"}` (a whole quote) or `{"awards":[{"item_id","quote_id"}]}`
/// (item by item), plus the order terms — `shipping_address` (needed unless the RFQ has one),
/// `payment_terms` (default `prepaid`), `po_number`, `currency` (default: the RFQ's).
enum AwardRequestBody {
    static func read(_ request: Request) throws -> (RFQAward.Selection, RFQAward.Terms) {
        let validation = Validation()
        let body = validation.reader(try request.jsonObject())
        let quoteID = body.string("quote_id", maxLength: 100)
        let awards = body.objects("awards", minCount: 1, maxCount: 200)
        var choices = [(itemID: String, quoteID: String, field: String)]()
        for award in awards ?? [] {
            let itemID = award.string("item_id", required: true, maxLength: 100)
            let quote = award.string("quote_id", required: true, maxLength: 100)
            if let itemID, let quote { choices.append((itemID, quote, award.path)) }
        }
        if body.has("quote_id") == body.has("awards") {
            body.fail("quote_id", "give either quote_id (award a whole quote) or awards (item by item), not both",
                      ko: "quote_id(전체 낙찰) 또는 awards(품목별 낙찰) 중 하나만 지정하세요")
        }
        let address = body.object("shipping_address").flatMap { ShippingAddress.read($0) }
        let terms = body.oneOf("payment_terms", PaymentTerms.allCases.map(\.rawValue)).flatMap(PaymentTerms.init(rawValue:))
        let poNumber = body.string("po_number", maxLength: 100)
        let currency = body.currency("currency")
        try validation.check()
        let selection: RFQAward.Selection = quoteID.map { .wholeQuote($0) } ?? .lines(choices)
        return (selection, RFQAward.Terms(currency: currency, shippingAddress: address, paymentTerms: terms ?? .prepaid,
                                          poNumber: poNumber))
    }
}
