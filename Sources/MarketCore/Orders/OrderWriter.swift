import Crypto
import Foundation
import Store
import Web

/// Writes a priced order, its lines and its first history row.
enum OrderWriter {
    static func insert(_ draft: OrderDraft, checkoutID: String, request: CheckoutRequest, fx: FXRateTable, now: Date,
                       db: Connection) throws -> PlacedOrder {
        guard let commission = draft.commission else { throw APIError.internal() }
        let nowText = Timestamp.format(now)
        let orderID = ID.make("ord")
        let token = TrackingToken.make()
        let status: OrderStatus = draft.approvalRole == nil ? .placed : .pendingApproval
        let currency = request.currency
        let payout = fx.rate(from: currency, to: draft.seller.payoutCurrency, at: now)
        let conversions = Self.distinctConversions(draft.lines.map(\.price.fx))

        try db.execute(
            """
            INSERT INTO orders (id, checkout_id, buyer_id, seller_id, placed_by, status, payment_status, payment_terms,
                currency, subtotal_minor, shipping_minor, total_minor, commission_minor, fixed_fee_minor, fixed_fee_rule_id,
                fx, payout_currency, payout_rate, payout_rate_method, payout_rate_ids,
                credit_currency, credit_rate, credit_held_minor, approval_role, shipping_address, po_number,
                tracking_token, lead_time_days, created_at, placed_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, 'unpaid', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(orderID), .text(checkoutID), .text(request.buyerID), .text(draft.seller.id), .text(request.placedBy),
                .text(status.rawValue), .text(request.paymentTerms.rawValue), .text(currency.code),
                .integer(draft.subtotal.minorUnits), .integer(draft.shipping?.minorUnits ?? 0), .integer(draft.total.minorUnits),
                .integer(commission.total.minorUnits), .integer(commission.fixedFee.minorUnits),
                Self.text(commission.fixedFee.isZero ? nil : commission.fixedFeeRuleID),
                .text(JSONSerializer.string(.array(conversions.map(OrderJSON.fx)))),
                .text(draft.seller.payoutCurrency.code), Self.text(payout?.rate.description), Self.text(payout?.method.rawValue),
                payout.map { .text(OrderJSON.idList($0.rateIDs)) } ?? .null,
                Self.text(draft.credit?.hold.currency.code), Self.text(draft.credit?.quote.rate.description),
                .integer(draft.credit?.hold.minorUnits ?? 0), Self.text(draft.approvalRole?.rawValue),
                .text(JSONSerializer.string(request.shippingAddress.json)), Self.text(request.poNumber),
                .text(token), .integer(Int64(draft.leadTimeDays)), .text(nowText),
                status == .placed ? .text(nowText) : .null, .text(nowText),
            ])

        for (position, (line, lineCommission)) in zip(draft.lines, commission.lines).enumerated() {
            let r = line.resolved
            let p = line.price
            try db.execute(
                """
                INSERT INTO order_lines (id, order_id, position, product_id, rfq_item_id, sku, title_en, title_ko, description,
                    category_id, unit, quantity, source_currency, source_unit_price, fx_rate, fx_method, fx_rate_ids, fx_via,
                    unit_price, line_total_minor, commission_rule_id, commission_percent, commission_clamp, commission_minor,
                    lead_time_days, stock_reserved)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(ID.make("oln")), .text(orderID), .integer(Int64(position)), Self.text(r.productID),
                    Self.text(r.rfqItemID), Self.text(r.sku), Self.text(r.titleEN), Self.text(r.titleKO), Self.text(r.description),
                    Self.text(r.categoryID), .text(r.unit), .integer(line.line.quantity),
                    .text(p.sourceUnitPrice.currency.code), .text(p.sourceUnitPrice.amount.description),
                    .text(p.fx.rate.description), .text(p.fx.method.rawValue), .text(OrderJSON.idList(p.fx.rateIDs)),
                    Self.text(p.fx.via?.code), .text(p.unitPrice.amount.description), .integer(p.lineTotal.minorUnits),
                    Self.text(lineCommission.ruleID.isEmpty ? nil : lineCommission.ruleID),
                    .text(lineCommission.percent.description), .text(lineCommission.clamp.rawValue),
                    .integer(lineCommission.commission.minorUnits), .integer(Int64(r.leadTimeDays)),
                    .integer(r.reservesStock ? line.line.quantity : 0),
                ])
        }

        try OrderHistory.record(db, orderID: orderID, from: nil, to: status, action: "checkout",
                                actor: OrderActor(party: .buyer, userID: request.placedBy, organizationID: request.buyerID),
                                note: nil, at: nowText)
        return PlacedOrder(id: orderID, sellerID: draft.seller.id, status: status, total: draft.total, trackingToken: token)
    }

    /// Each different conversion once, identity left out (an order all in its own currency shows none).
    static func distinctConversions(_ quotes: [FXQuote]) -> [FXQuote] {
        var seen = [FXQuote]()
        for quote in quotes where quote.method != .identity && !seen.contains(quote) { seen.append(quote) }
        return seen
    }

    static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
}

/// The public tracking key of an order: 24 random bytes (192 bits), base64url. Knowing it is the only
/// way to read the tracking page, so it must not be guessable; it reveals nothing about the order.
public enum TrackingToken {
    public static func make() -> String { Base64URL.encode(SecureRandom.bytes(24)) }

    /// Cheap rejection of anything that cannot be a token (32 base64url characters).
    public static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 32 && token.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F
        }
    }
}

/// Status history rows: every change of status, with who and when.
public enum OrderHistory {
    public static func record(_ db: Connection, orderID: String, from: OrderStatus?, to: OrderStatus, action: String,
                              actor: OrderActor, note: String?, at: String) throws {
        try db.execute(
            """
            INSERT INTO order_status_history (id, order_id, from_status, to_status, action, actor_user_id,
                actor_organization_id, actor_party, note, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(ID.make("osh")), .text(orderID), OrderWriter.text(from?.rawValue), .text(to.rawValue), .text(action),
             OrderWriter.text(actor.userID), OrderWriter.text(actor.organizationID), .text(actor.party.rawValue),
             OrderWriter.text(note), .text(at)])
    }
}
