import Crypto
import Foundation
import Store
import Web

/// Writes a priced order, its lines and its first history row.
///
/// Each INSERT binds its values by column name (`ColumnValues`), and the same names and values come back
/// (`WrittenOrder`), so the checkout can answer with what it stored without reading it again
/// (`OrderView.placed`): the 201 then costs no read transaction — one that finds the WAL changed since the
/// connection's last starts by dropping that connection's page cache, and its memory map when mmap is on
/// (`pagerBeginReadTransaction` in SQLite's pager.c), so it reads every page anew — and no second trip
/// through the rows.
enum OrderWriter {
    /// `nowText` is `Timestamp.format(now)`, formatted once per checkout.
    static func insert(_ draft: OrderDraft, checkoutID: String, request: CheckoutRequest, buyerName: String?, fx: FXRateTable,
                       now: Date, nowText: String, db: Connection) throws -> WrittenOrder {
        guard let commission = draft.commission else { throw APIError.internal() }
        let orderID = ID.make("ord")
        let token = TrackingToken.make()
        let status: OrderStatus = draft.approvalRole == nil ? .placed : .pendingApproval
        let currency = request.currency
        let payout = fx.rate(from: currency, to: draft.seller.payoutCurrency, at: now)
        let conversions = Self.distinctConversions(draft.lines.map(\.price.fx))

        var order = ColumnValues()
        order["id"] = .text(orderID)
        order["checkout_id"] = .text(checkoutID)
        order["buyer_id"] = .text(request.buyerID)
        order["seller_id"] = .text(draft.seller.id)
        order["placed_by"] = .text(request.placedBy)
        order["status"] = .text(status.rawValue)
        order["payment_status"] = .text("unpaid")
        order["payment_terms"] = .text(request.paymentTerms.rawValue)
        order["currency"] = .text(currency.code)
        order["subtotal_minor"] = .integer(draft.subtotal.minorUnits)
        order["shipping_minor"] = .integer(draft.shipping?.minorUnits ?? 0)
        order["total_minor"] = .integer(draft.total.minorUnits)
        order["commission_minor"] = .integer(commission.total.minorUnits)
        order["fixed_fee_minor"] = .integer(commission.fixedFee.minorUnits)
        order["fixed_fee_rule_id"] = Self.text(commission.fixedFee.isZero ? nil : commission.fixedFeeRuleID)
        order["fx"] = .text(JSONSerializer.string(.array(conversions.map(OrderJSON.fx))))
        order["payout_currency"] = .text(draft.seller.payoutCurrency.code)
        order["payout_rate"] = Self.text(payout?.rate.description)
        order["payout_rate_method"] = Self.text(payout?.method.rawValue)
        order["payout_rate_ids"] = payout.map { .text(OrderJSON.idList($0.rateIDs)) } ?? .null
        order["credit_currency"] = Self.text(draft.credit?.hold.currency.code)
        order["credit_rate"] = Self.text(draft.credit?.quote.rate.description)
        order["credit_held_minor"] = .integer(draft.credit?.hold.minorUnits ?? 0)
        order["approval_role"] = Self.text(draft.approvalRole?.rawValue)
        order["shipping_address"] = .text(JSONSerializer.string(request.shippingAddress.json))
        order["po_number"] = Self.text(request.poNumber)
        order["tracking_token"] = .text(token)
        order["lead_time_days"] = .integer(Int64(draft.leadTimeDays))
        order["created_at"] = .text(nowText)
        order["placed_at"] = status == .placed ? .text(nowText) : .null
        order["updated_at"] = .text(nowText)
        try db.execute(order.insertSQL(into: "orders"), order.values)

        var lines = [ColumnValues]()
        for (position, (line, lineCommission)) in zip(draft.lines, commission.lines).enumerated() {
            let r = line.resolved
            let p = line.price
            var values = ColumnValues()
            values["id"] = .text(ID.make("oln"))
            values["order_id"] = .text(orderID)
            values["position"] = .integer(Int64(position))
            values["product_id"] = Self.text(r.productID)
            values["rfq_item_id"] = Self.text(r.rfqItemID)
            values["sku"] = Self.text(r.sku)
            values["title_en"] = Self.text(r.titleEN)
            values["title_ko"] = Self.text(r.titleKO)
            values["description"] = Self.text(r.description)
            values["category_id"] = Self.text(r.categoryID)
            values["unit"] = .text(r.unit)
            values["quantity"] = .integer(line.line.quantity)
            values["source_currency"] = .text(p.sourceUnitPrice.currency.code)
            values["source_unit_price"] = .text(p.sourceUnitPrice.amount.description)
            values["fx_rate"] = .text(p.fx.rate.description)
            values["fx_method"] = .text(p.fx.method.rawValue)
            values["fx_rate_ids"] = .text(OrderJSON.idList(p.fx.rateIDs))
            values["fx_via"] = Self.text(p.fx.via?.code)
            values["unit_price"] = .text(p.unitPrice.amount.description)
            values["line_total_minor"] = .integer(p.lineTotal.minorUnits)
            values["commission_rule_id"] = Self.text(lineCommission.ruleID.isEmpty ? nil : lineCommission.ruleID)
            values["commission_percent"] = .text(lineCommission.percent.description)
            values["commission_clamp"] = .text(lineCommission.clamp.rawValue)
            values["commission_minor"] = .integer(lineCommission.commission.minorUnits)
            values["lead_time_days"] = .integer(Int64(r.leadTimeDays))
            values["stock_reserved"] = .integer(r.reservesStock ? line.line.quantity : 0)
            try db.execute(values.insertSQL(into: "order_lines"), values.values)
            // The columns the INSERT leaves to their defaults (OrderSchema) that the order view shows.
            values["returned_quantity"] = .integer(0)
            values["refunded_minor"] = .integer(0)
            values["commission_reversed_minor"] = .integer(0)
            lines.append(values)
        }

        let history = try OrderHistory.insert(
            db, orderID: orderID, from: nil, to: status, action: "checkout",
            actor: OrderActor(party: .buyer, userID: request.placedBy, organizationID: request.buyerID), note: nil, at: nowText)

        // The order columns left to their defaults, and the names OrderView joins in.
        order["refunded_minor"] = .integer(0)
        order["commission_reversed_minor"] = .integer(0)
        order["paid_minor"] = .integer(0)
        order["approved_by"] = .null
        for column in ["confirmed_at", "shipped_at", "delivered_at", "completed_at", "cancelled_at"] { order[column] = .null }
        order["version"] = .integer(1)
        order["buyer_name"] = Self.text(buyerName)
        order["seller_name"] = .text(draft.seller.name)
        return WrittenOrder(
            placed: PlacedOrder(id: orderID, sellerID: draft.seller.id, status: status, total: draft.total, trackingToken: token),
            order: order, lines: lines, history: history)
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
        _ = try insert(db, orderID: orderID, from: from, to: to, action: action, actor: actor, note: note, at: at)
    }

    /// `record`, returning what it wrote.
    static func insert(_ db: Connection, orderID: String, from: OrderStatus?, to: OrderStatus, action: String,
                       actor: OrderActor, note: String?, at: String) throws -> ColumnValues {
        var values = ColumnValues()
        values["id"] = .text(ID.make("osh"))
        values["order_id"] = .text(orderID)
        values["from_status"] = OrderWriter.text(from?.rawValue)
        values["to_status"] = .text(to.rawValue)
        values["action"] = .text(action)
        values["actor_user_id"] = OrderWriter.text(actor.userID)
        values["actor_organization_id"] = OrderWriter.text(actor.organizationID)
        values["actor_party"] = .text(actor.party.rawValue)
        values["note"] = OrderWriter.text(note)
        values["at"] = .text(at)
        try db.execute(values.insertSQL(into: "order_status_history"), values.values)
        return values
    }
}
