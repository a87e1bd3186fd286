import Foundation
import MarketCore
import Web

/// Reads `POST /v1/seller/rfqs/{id}/quotes` into a `QuoteDraft` (every shape problem at once, 422). Which items
/// exist and whether the RFQ still takes quotes is checked against the RFQ in `QuoteSubmission`.
enum QuoteRequestBody {
    static let maxLines = 200
    static let maxValiditySeconds: TimeInterval = 365 * 86_400

    static func read(_ request: Request, now: Date) throws -> QuoteDraft {
        let validation = Validation()
        let body = validation.reader(try request.jsonObject())
        let currency = body.currency("currency", required: true)
        var lines = [QuoteDraft.Line]()
        for line in body.objects("lines", required: true, minCount: 1, maxCount: maxLines) ?? [] {
            let itemID = line.string("item_id", required: true, maxLength: 100)
            let price = line.decimal("unit_price", required: true, maxScale: UnitPrice.maxFractionDigits, min: .zero)
            let lead = line.integer("lead_time_days", required: true, min: 0, max: 3650)
            guard let itemID, let price, let lead, let currency else { continue }
            guard price.isPositive else {
                line.fail("unit_price", "must be greater than zero", ko: "0보다 커야 합니다")
                continue
            }
            guard let unitPrice = try? UnitPrice(amount: price, currency: currency) else {
                line.fail("unit_price", "is not a valid unit price", ko: "올바른 단가가 아닙니다")
                continue
            }
            lines.append(QuoteDraft.Line(itemID: itemID, unitPrice: unitPrice, leadTimeDays: Int(lead), field: line.path))
        }
        let shipping = body.money("shipping")
        if let shipping, let currency, shipping.currency != currency {
            body.fail("shipping.currency", "must be the quote's currency (\(currency.code))", ko: "견적 통화와 같아야 합니다")
        }
        var validUntil = body.timestamp("valid_until", required: true)
        if let date = validUntil {
            if date <= now {
                body.fail("valid_until", "must be in the future", ko: "미래 시각이어야 합니다")
                validUntil = nil
            } else if date.timeIntervalSince(now) > maxValiditySeconds {
                body.fail("valid_until", "must be within 365 days", ko: "365일 이내여야 합니다")
                validUntil = nil
            }
        }
        let notes = body.string("notes", maxLength: 4000)
        try validation.check()
        guard let currency, let validUntil else { throw APIError.internal() }
        return QuoteDraft(currency: currency, lines: lines, shipping: shipping, validUntil: validUntil, notes: notes)
    }
}
