import Foundation
import Store
import Web

/// Awards an RFQ: the whole of one quote, or item by item across quotes, becomes one order per awarded
/// supplier at the quoted prices — through `Checkout`, so approval rules, commission, net-terms credit and
/// (where an item names that supplier's listing) stock reservation apply exactly as to any order. The
/// orders, the award records and the RFQ's new state commit together in the caller's transaction.
///
/// Rules:
/// - only an open or closed RFQ (awarded or cancelled: 409); a sealed RFQ not before `respond_by` (409: the
///   buyer has not seen the quotes);
/// - a quote must be the supplier's current revision (a superseded one: 409 `quote_superseded`, so the buyer
///   never gets a price it did not see) and still valid (409 `quote_expired`);
/// - each awarded item once, and only an item the chosen quote prices (422); items may stay unawarded;
/// - a quote's shipping is charged once on its supplier's order whenever any of its lines is awarded;
/// - the orders are priced in `currency` (default: the RFQ's) at the rate in force, and go to the award's
///   `shipping_address` or else the one given with the RFQ; its country must be the RFQ's delivery country
///   (the suppliers quoted delivery there).
public enum RFQAward {
    public enum Selection: Sendable {
        case wholeQuote(String)
        /// (item id, quote id, request path such as `awards[1]`).
        case lines([(itemID: String, quoteID: String, field: String)])
    }

    public struct Terms: Sendable {
        public var currency: Currency?
        public var shippingAddress: ShippingAddress?
        public var paymentTerms: PaymentTerms
        public var poNumber: String?

        public init(currency: Currency?, shippingAddress: ShippingAddress?, paymentTerms: PaymentTerms, poNumber: String?) {
            self.currency = currency
            self.shippingAddress = shippingAddress
            self.paymentTerms = paymentTerms
            self.poNumber = poNumber
        }
    }

    struct Pick {
        let item: RFQItem
        let quote: QuoteRecord
        let line: QuoteRecord.Line
    }

    /// Places the orders and marks the RFQ awarded; returns the API answer.
    public static func award(
        _ db: Connection, services: MarketServices, rfq: RFQRecord, selection: Selection, terms: Terms,
        userID: String
    ) throws -> JSON {
        let now = services.now()
        let status = rfq.status(at: now)
        guard !status.isFinal else { throw RFQProblems.final(status) }
        if rfq.isSealed(at: now) { throw RFQProblems.sealed(until: rfq.respondBy) }

        let picks = try resolve(db, rfq: rfq, selection: selection, now: now)
        let validation = Validation()
        let address = terms.shippingAddress ?? rfq.shippingAddress
        if let address, address.country != rfq.deliveryCountry {
            validation.add("shipping_address.country", "must be the RFQ's delivery country (\(rfq.deliveryCountry)): the quotes were made for delivery there",
                           ko: "견적 요청의 배송 국가(\(rfq.deliveryCountry))여야 합니다")
        } else if address == nil {
            validation.add("shipping_address", "is required: this RFQ was created without one", ko: "필수 항목입니다")
        }
        try validation.check()
        guard let address else { throw APIError.internal() }

        // A named listing travels with the line only when it belongs to the awarded supplier: then its stock
        // is reserved. Another supplier's price for the same item is a quoted item without a listing.
        var listingSellers = [String: String]()
        for productID in Set(picks.compactMap(\.item.productID)) {
            listingSellers[productID] = try db.queryOne("SELECT seller_id FROM products WHERE id = ?", [.text(productID)])?
                .string("seller_id")
        }
        var lines = [CheckoutLine]()
        var shipping = [String: Money]()
        for pick in picks {
            let productID = pick.item.productID.flatMap { listingSellers[$0] == pick.quote.supplierID ? $0 : nil }
            let quoted = QuotedItem(
                sellerID: pick.quote.supplierID, unitPrice: pick.line.unitPrice, productID: productID,
                title: pick.item.title, categoryID: pick.item.categoryID, unit: pick.item.unit,
                leadTimeDays: pick.line.leadTimeDays, rfqItemID: pick.item.id)
            lines.append(CheckoutLine(item: .quoted(quoted), quantity: pick.line.quantity, field: "items[\(pick.item.position)]"))
            if pick.quote.shipping.isPositive { shipping[pick.quote.supplierID] = pick.quote.shipping }
        }
        let request = CheckoutRequest(
            buyerID: rfq.buyerID, placedBy: userID, currency: terms.currency ?? rfq.currency, lines: lines,
            shippingAddress: address, paymentTerms: terms.paymentTerms, poNumber: terms.poNumber,
            source: .rfqAward(rfq.id), shipping: shipping)
        let result = try Checkout(services: services).place(request, in: db)

        let nowText = Timestamp.format(now)
        var orderBySupplier = [String: String]()
        for order in result.orders { orderBySupplier[order.sellerID] = order.id }
        var awards = [JSON]()
        for pick in picks {
            guard let orderID = orderBySupplier[pick.quote.supplierID] else { throw APIError.internal() }
            try db.execute(
                "INSERT INTO rfq_awards (rfq_id, item_id, quote_id, supplier_id, order_id, awarded_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(rfq.id), .text(pick.item.id), .text(pick.quote.id), .text(pick.quote.supplierID), .text(orderID),
                 .text(nowText)])
            awards.append([
                "item_id": .string(pick.item.id), "quote_id": .string(pick.quote.id),
                "supplier_id": .string(pick.quote.supplierID), "order_id": .string(orderID),
            ])
        }
        try db.execute(
            """
            UPDATE rfqs SET state = 'awarded', awarded_by = ?, awarded_at = ?, checkout_id = ?, updated_at = ?
            WHERE id = ? AND state = 'open'
            """, [.text(userID), .text(nowText), .text(result.checkoutID), .text(nowText), .text(rfq.id)])
        guard db.changes == 1 else { throw RFQProblems.final(.awarded) }
        try RFQEvents.awarded(db, rfqID: rfq.id, buyerID: rfq.buyerID,
                              ordersBySupplier: result.orders.map { ($0.sellerID, $0.id) }, at: nowText)
        return [
            "rfq_id": .string(rfq.id), "status": .string(RFQStatus.awarded.rawValue),
            "checkout_id": .string(result.checkoutID), "awards": .array(awards),
            "orders": result.json["orders"] ?? .array([]),
        ]
    }

    /// The (item, quote, line) triples the selection names, checked.
    static func resolve(_ db: Connection, rfq: RFQRecord, selection: Selection, now: Date) throws -> [Pick] {
        let items = try RFQItem.load(db, rfqID: rfq.id)
        let itemsByID = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
        var quotes = [String: QuoteRecord]()
        func quote(_ id: String) throws -> QuoteRecord? {
            if let known = quotes[id] { return known }
            let found = try QuoteRecord.find(db, id: id, rfqID: rfq.id)
            quotes[id] = found
            return found
        }
        let validation = Validation()
        var picks = [Pick]()
        switch selection {
        case .wholeQuote(let quoteID):
            guard let chosen = try quote(quoteID) else {
                throw APIError.validation(field: "quote_id", "is not a quote on this RFQ", ko: "이 견적 요청의 견적이 아닙니다")
            }
            for line in chosen.lines {
                guard let item = itemsByID[line.itemID] else { continue }
                picks.append(Pick(item: item, quote: chosen, line: line))
            }
        case .lines(let choices):
            var seen = [String: String]()
            for choice in choices {
                guard let item = itemsByID[choice.itemID] else {
                    validation.add("\(choice.field).item_id", "is not an item of this RFQ", ko: "이 견적 요청의 품목이 아닙니다")
                    continue
                }
                if let first = seen[item.id] {
                    validation.add("\(choice.field).item_id", "is already awarded by \(first); award each item once",
                                   ko: "\(first)에서 이미 낙찰한 품목입니다")
                    continue
                }
                seen[item.id] = choice.field
                guard let chosen = try quote(choice.quoteID) else {
                    validation.add("\(choice.field).quote_id", "is not a quote on this RFQ", ko: "이 견적 요청의 견적이 아닙니다")
                    continue
                }
                guard let line = chosen.lines.first(where: { $0.itemID == item.id }) else {
                    validation.add("\(choice.field).quote_id", "does not price this item", ko: "이 품목의 견적이 없습니다")
                    continue
                }
                picks.append(Pick(item: item, quote: chosen, line: line))
            }
        }
        try validation.check()
        for chosen in quotes.values.sorted(by: { $0.id < $1.id }) {
            guard chosen.isCurrent else {
                throw APIError(
                    .conflict, code: "quote_superseded",
                    detail: LocalizedText(
                        en: "Quote \(chosen.id) was revised by its supplier; compare the current revision and award that.",
                        ko: "견적 \(chosen.id)은 공급사가 수정했습니다. 최신 견적을 확인한 뒤 낙찰하세요."),
                    extensions: ["quote_id": .string(chosen.id)])
            }
            guard chosen.isValid(at: now) else {
                throw APIError(
                    .conflict, code: "quote_expired",
                    detail: LocalizedText(en: "Quote \(chosen.id) expired at \(Timestamp.format(chosen.validUntil)).",
                                          ko: "견적 \(chosen.id)의 유효 기간이 \(Timestamp.format(chosen.validUntil))에 끝났습니다."),
                    extensions: ["quote_id": .string(chosen.id)])
            }
        }
        guard !picks.isEmpty else {
            throw APIError.validation(field: "awards", "must award at least one item", ko: "최소 한 품목을 낙찰해야 합니다")
        }
        return picks
    }
}
