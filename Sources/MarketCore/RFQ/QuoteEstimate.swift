import Foundation
import Store
import Web

/// What a supplier would earn from a quote if it were awarded as is (API.md: `estimated_commission` and
/// `estimated_net_payout` in its payout currency).
///
/// How: each quoted line total is converted to the payout currency at the rate in force now (half-to-even at
/// the line), the fee rule in force for this seller and the item's category (nearest ancestor) is selected
/// exactly as checkout selects it, its fees converted to the payout currency, and `CommissionCalculator` prices
/// the lines as one order. Shipping is paid out but not commissioned (as on orders). It is an estimate: the
/// order an award creates is priced in the buyer's order currency with the rates and rules of that moment.
public struct QuoteEstimate: Sendable {
    public struct RuleUse: Sendable {
        public let rule: FeeRule?
        public let itemIDs: [String]
        public let commission: Money
    }

    public let payoutCurrency: Currency
    public let fx: FXQuote?
    /// Converted lines and shipping.
    public let gross: Money?
    public let commission: Money?
    public let netPayout: Money?
    public let rules: [RuleUse]
    public let fixedFee: Money?
    /// Why no estimate could be made (no exchange rate), else nil.
    public let unavailableReason: String?

    public static func compute(
        _ db: Connection, quote: QuoteRecord, items: [RFQItem], supplierID: String, baseCurrency: String, now: Date
    ) throws -> QuoteEstimate {
        let payoutCode = try db.queryOne(
            "SELECT coalesce(payout_currency, default_currency) AS c FROM organizations WHERE id = ?", [.text(supplierID)]
        )?.string("c")
        let payout = payoutCode.flatMap(Currency.init(code:)) ?? quote.currency
        let table = try ReferenceData.fxTable(db, baseCurrency: baseCurrency)
        func unavailable(_ reason: String) -> QuoteEstimate {
            QuoteEstimate(payoutCurrency: payout, fx: nil, gross: nil, commission: nil, netPayout: nil, rules: [],
                          fixedFee: nil, unavailableReason: reason)
        }
        guard let fx = table.rate(from: quote.currency, to: payout, at: now) else {
            return unavailable("no exchange rate from \(quote.currency.code) to \(payout.code) is in force")
        }
        let categories = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0.categoryID) })
        let allRules = try ReferenceData.feeRules(db)
        var paths = [String: [String]]()
        for categoryID in Set(categories.values) {
            paths[categoryID] = try ReferenceData.categoryPath(db, categoryID: categoryID)
        }
        var lines = [CommissionLine]()
        var lineItems = [String]()
        var selected = [FeeRule?]()
        var linesTotal = Money.zero(payout)
        do {
            for line in quote.lines {
                let converted = try fx.convert(line.lineTotal)
                linesTotal = try linesTotal.adding(converted)
                let path = categories[line.itemID].flatMap { paths[$0] } ?? []
                let rule = FeeRuleSelector.select(rules: allRules, sellerID: supplierID, categoryPath: path, at: now)
                // No rule at all means no commission, as at checkout.
                let priced: FeeRule
                if let rule {
                    guard let inPayout = rule.converted(to: payout, using: table, at: now) else {
                        return unavailable("the fee rule's fees are in a currency with no exchange rate to \(payout.code)")
                    }
                    priced = inPayout
                } else {
                    priced = FeeRule(id: "", scope: .default, percent: .zero, effectiveFrom: now, createdAt: now)
                }
                lines.append(CommissionLine(lineTotal: converted, rule: priced))
                lineItems.append(line.itemID)
                selected.append(rule)
            }
            let shipping = try fx.convert(quote.shipping)
            let gross = try linesTotal.adding(shipping)
            guard !lines.isEmpty else { return unavailable("the quote has no lines") }
            let order = try CommissionCalculator.order(lines: lines, orderTotal: gross)
            var uses = [RuleUse]()
            for (index, line) in order.lines.enumerated() {
                let rule = selected[index]
                if let at = uses.firstIndex(where: { $0.rule?.id == rule?.id }) {
                    let use = uses[at]
                    uses[at] = RuleUse(rule: use.rule, itemIDs: use.itemIDs + [lineItems[index]],
                                       commission: try use.commission.adding(line.commission))
                } else {
                    uses.append(RuleUse(rule: rule, itemIDs: [lineItems[index]], commission: line.commission))
                }
            }
            return QuoteEstimate(
                payoutCurrency: payout, fx: fx, gross: gross, commission: order.total,
                netPayout: try gross.subtracting(order.total), rules: uses, fixedFee: order.fixedFee,
                unavailableReason: nil)
        } catch {
            return unavailable("the amounts are out of range")
        }
    }

    public var json: JSON {
        [
            "payout_currency": .string(payoutCurrency.code),
            "fx": fx.map(QuoteEstimate.fxJSON) ?? .null,
            "gross": gross?.json ?? .null,
            "commission": commission?.json ?? .null,
            "fixed_fee": fixedFee?.json ?? .null,
            "net_payout": netPayout?.json ?? .null,
            "rules": .array(rules.map { use in
                [
                    "rule_id": .optional(use.rule?.id), "scope": .optional(use.rule?.scope.rawValue),
                    "category_id": .optional(use.rule?.categoryID), "percent": .string(use.rule?.percent.description ?? "0"),
                    "item_ids": .array(use.itemIDs.map { .string($0) }), "commission": use.commission.json,
                ]
            }),
            "unavailable_reason": .optional(unavailableReason),
        ]
    }

    /// A conversion rate as the API shows it.
    public static func fxJSON(_ quote: FXQuote) -> JSON {
        [
            "from": .string(quote.from.code), "to": .string(quote.to.code), "rate": .string(quote.rate.description),
            "method": .string(quote.method.rawValue), "rate_ids": .array(quote.rateIDs.map { .string($0) }),
            "via": .optional(quote.via?.code),
        ]
    }
}
