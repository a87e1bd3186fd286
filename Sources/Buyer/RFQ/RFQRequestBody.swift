import Foundation
import MarketCore
import Web

/// Reads `POST /v1/buyer/rfqs` into an `RFQDraft`, reporting every shape problem at once (422). The
/// checks that need the database (listings, categories, invited suppliers) follow in `RFQCreation`.
enum RFQRequestBody {
    static let maxItems = 200
    static let maxInvited = 1000
    /// The longest an RFQ may stay open.
    static let maxOpenSeconds: TimeInterval = 365 * 86_400

    static func read(_ request: Request, now: Date) throws -> RFQDraft {
        let validation = Validation()
        let body = validation.reader(try request.jsonObject())
        let title = body.string("title", required: true, maxLength: 200)
        let currency = body.currency("currency", required: true)
        var respondBy = body.timestamp("respond_by", required: true)
        if let deadline = respondBy {
            if deadline <= now {
                body.fail("respond_by", "must be in the future", ko: "미래 시각이어야 합니다")
                respondBy = nil
            } else if deadline.timeIntervalSince(now) > maxOpenSeconds {
                body.fail("respond_by", "must be within 365 days", ko: "365일 이내여야 합니다")
                respondBy = nil
            }
        }
        let country = AccountRules.country(body, "delivery_country")
        let address = body.object("shipping_address").flatMap { ShippingAddress.read($0) }
        if let address, let country, address.country != country {
            body.fail("shipping_address.country", "must be the delivery_country (\(country))", ko: "배송 국가와 같아야 합니다")
        }
        let broadcast = body.bool("broadcast") ?? false
        let sealed = body.bool("sealed") ?? false
        var invited = [String]()
        for id in body.strings("invite_seller_ids", maxCount: maxInvited, maxLength: 100) ?? [] where !invited.contains(id) {
            invited.append(id)
        }
        var items = [RFQDraft.Item]()
        for item in body.objects("items", required: true, minCount: 1, maxCount: maxItems) ?? [] {
            let productID = item.string("product_id", maxLength: 100)
            let description = item.string("description", maxLength: 2000)
            let categoryID = item.string("category_id", maxLength: 100)
            let quantity = item.integer("quantity", required: true, min: 1, max: 1_000_000_000)
            let unit = item.string("unit", maxLength: 32)
            let target = item.decimal("target_unit_price", maxScale: UnitPrice.maxFractionDigits, min: .zero)
            if !item.has("product_id") && !item.has("description") {
                item.fail("description", "is required when no product_id is given", ko: "product_id가 없으면 필수입니다")
            }
            if !item.has("product_id") && !item.has("category_id") {
                item.fail("category_id", "is required when no product_id is given", ko: "product_id가 없으면 필수입니다")
            }
            guard let quantity else { continue }
            items.append(RFQDraft.Item(productID: productID, description: description, categoryID: categoryID,
                                       quantity: quantity, unit: unit, targetUnitPrice: target))
        }
        let namesListing = items.contains { $0.productID != nil }
        if !broadcast && invited.isEmpty && !namesListing && validation.isValid {
            body.fail("invite_seller_ids", "name at least one supplier, name a listing, or set broadcast to true",
                      ko: "공급업체를 지정하거나, 상품을 지정하거나, broadcast를 true로 설정하세요")
        }
        try validation.check()
        guard let title, let currency, let respondBy, let country else { throw APIError.internal() }
        return RFQDraft(title: title, currency: currency, respondBy: respondBy, deliveryCountry: country,
                        shippingAddress: address, items: items, invitedSellerIDs: invited, broadcast: broadcast,
                        sealed: sealed)
    }
}
