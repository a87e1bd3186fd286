import Foundation
import XCTest
@testable import MarketCore

/// Model-based test of the ledger: 10,000 random operation sequences (orders in mixed currencies,
/// approvals, deliveries, partial returns, rate changes, settlements, payouts, duplicate retries) over
/// `LedgerModelMarket`, which posts the same entries as the store through the same pure code. After every
/// operation the invariants of issue 8 are checked against figures computed independently from the
/// business facts.
///
/// A failure prints the run seed; `PROPERTY_SEED=<seed> swift test --filter LedgerModelPropertyTests` replays
/// it, `PROPERTY_CASES=<n>` changes the number of sequences.
final class LedgerModelPropertyTests: XCTestCase {
    func testRandomOperationSequencesKeepTheLedgerTrue() {
        let started = Date()
        var operations = 0
        forAll("ledger model", cases: 10_000) { g in
            operations += try runSequence(&g)
        }
        let seconds = Date().timeIntervalSince(started)
        print("ledger model: \(operations) operations in \(String(format: "%.2f", seconds)) s")
    }

    // MARK: - One sequence

    private func runSequence(_ g: inout SplitMix64) throws -> Int {
        let currencies = LedgerModelMarket.currencies
        let suppliers = (0..<3).map { ("org_s\($0)", currencies[Int.random(in: 0..<currencies.count, using: &g)]) }
        var rates = [LedgerModelMarket.Pair: ExactDecimal]()
        for from in currencies {
            for to in currencies where from != to && Int.random(in: 0..<20, using: &g) > 0 {
                rates[.init(from: from, to: to)] = rate(&g)
            }
        }
        var market = LedgerModelMarket(suppliers: suppliers, buyers: ["org_b0", "org_b1"], rates: rates)
        // Descriptions are built only when a failure is reported.
        var trace = [() -> String]()
        func history() -> String { trace.suffix(15).map { $0() }.joined(separator: "\n") }
        var last: Operation?
        // Statements never change once issued (only their paid flag, checked through the ledger): each is
        // checked against its lines once, right after the operation that issued it.
        var checkedStatements = 0
        let length = Int.random(in: 1...40, using: &g)
        for _ in 0..<length {
            let before = market
            if let previous = last, Int.random(in: 0..<6, using: &g) == 0 {
                try previous.apply(&market)
                trace.append { "retry " + previous.describe() }
                // A retried request changes nothing.
                try require(market == before, "replaying \(previous.describe()) changed the state\n" + history())
            } else {
                let operation = try randomOperation(&g, market)
                try operation.apply(&market)
                trace.append(operation.describe)
                last = operation.retriable ? operation : nil
            }
            do {
                try checkInvariants(market, newStatementsFrom: checkedStatements)
                checkedStatements = market.statements.count
            } catch let failure as PropertyFailure {
                throw PropertyFailure(description: "\(failure.description)\nlast operations:\n" + history())
            }
        }
        return length
    }

    /// A random rate with 0 to 6 decimals between about 0.001 and 2000.
    private func rate(_ g: inout SplitMix64) -> ExactDecimal {
        let scale = Int.random(in: 0...6, using: &g)
        var unit: Int128 = 1
        for _ in 0..<scale { unit *= 10 }
        let mantissa = Int128(Int64.random(in: max(1, Int64(unit / 1000))...Int64(unit * 2000), using: &g))
        return (try? ExactDecimal(mantissa: mantissa, scale: scale)) ?? .one
    }

    private struct Operation {
        let apply: (inout LedgerModelMarket) throws -> Void
        let describe: () -> String
        /// A request may be retried; the passing of time is not a request.
        var retriable = true

        init(_ apply: @escaping (inout LedgerModelMarket) throws -> Void, _ describe: @escaping @autoclosure () -> String,
             retriable: Bool = true) {
            self.apply = apply
            self.describe = describe
            self.retriable = retriable
        }
    }

    private func randomOperation(_ g: inout SplitMix64, _ market: LedgerModelMarket) throws -> Operation {
        let orderCount = market.orders.count
        func anyOrder(_ g: inout SplitMix64) -> Int { orderCount == 0 ? 0 : Int.random(in: 0..<orderCount, using: &g) }
        switch Int.random(in: 0..<100, using: &g) {
        case 0..<22:
            let buyer = Int.random(in: 0..<2, using: &g)
            let supplier = Int.random(in: 0..<3, using: &g)
            let currency = LedgerModelMarket.currencies[Int.random(in: 0..<LedgerModelMarket.currencies.count, using: &g)]
            let lines = (0..<Int.random(in: 1...3, using: &g)).map { _ in
                (quantity: Int64.random(in: 1...50, using: &g), unitMinor: Int64.random(in: 1...200_000, using: &g),
                 bps: Int64.random(in: 0...2_000, using: &g))
            }
            let shipping = Bool.random(using: &g) ? Int64.random(in: 0...5_000, using: &g) : 0
            let fixedFee = Int.random(in: 0..<3, using: &g) == 0 ? Int64.random(in: 0...1_000, using: &g) : 0
            let approval = Int.random(in: 0..<4, using: &g) == 0
            let key = "checkout-\(g.next())"
            return Operation({ m in
                try self.expectApplied(try m.place(buyer: buyer, supplier: supplier, currency: currency, lines: lines, shippingMinor: shipping,
                                                   fixedFeeMinor: fixedFee, needsApproval: approval, key: key))
            }, "place \(currency.code) \(lines) shipping \(shipping) fee \(fixedFee) approval \(approval) supplier \(supplier)")
        case 22..<30:
            let index = anyOrder(&g)
            return Operation({ m in try self.expectUnchangedIfRejected(&m) { try $0.act(.approve, order: index) } }, "approve \(index)")
        case 30..<50:
            let index = anyOrder(&g)
            return Operation({ m in try self.expectUnchangedIfRejected(&m) { try $0.act(.deliver, order: index) } }, "deliver \(index)")
        case 50..<66:
            let index = anyOrder(&g)
            let line = Int.random(in: 0..<3, using: &g)
            let remaining = market.orders.indices.contains(index) && market.orders[index].lines.indices.contains(line)
                ? market.orders[index].lines[line].quantity - market.orders[index].lines[line].returned : 1
            let quantity = Int64.random(in: 1...max(1, remaining), using: &g)
            let key = "return-\(g.next())"
            return Operation({ m in
                try self.expectUnchangedIfRejected(&m) { try $0.returnUnits(order: index, line: line, quantity: quantity, key: key) }
            }, "return \(quantity) of order \(index) line \(line) key \(key)")
        case 66..<70:
            let index = anyOrder(&g)
            return Operation({ m in try self.expectUnchangedIfRejected(&m) { try $0.act(.receive, order: index) } }, "receive \(index)")
        case 70..<78:
            let currencies = LedgerModelMarket.currencies
            let pair = LedgerModelMarket.Pair(from: currencies[Int.random(in: 0..<5, using: &g)], to: currencies[Int.random(in: 0..<5, using: &g)])
            let newRate = Int.random(in: 0..<10, using: &g) == 0 ? nil : rate(&g)
            return Operation({ m in m.setRate(pair, newRate) }, "rate \(pair.from.code)→\(pair.to.code) = \(newRate?.description ?? "none")")
        case 78..<88:
            return Operation({ m in _ = try m.settle() }, "settle at \(market.time)")
        case 88..<95:
            let index = market.statements.isEmpty ? 0 : Int.random(in: 0..<market.statements.count, using: &g)
            return Operation({ m in try self.expectUnchangedIfRejected(&m) { try $0.pay(statement: index) } }, "pay \(index)")
        default:
            let minutes = Int.random(in: 1...600, using: &g)
            return Operation({ m in m.advance(minutes) }, "advance \(minutes) min", retriable: false)
        }
    }

    private func expectApplied(_ outcome: LedgerModelMarket.Outcome) throws {
        try require(outcome == .applied, "expected the operation to apply: \(outcome)")
    }

    /// Runs an operation; when it is rejected (an illegal transition, a second payout…), nothing may change.
    private func expectUnchangedIfRejected(_ market: inout LedgerModelMarket,
                                           _ body: (inout LedgerModelMarket) throws -> LedgerModelMarket.Outcome) throws {
        let before = market
        if case .rejected(let reason) = try body(&market) {
            try require(market == before, "a rejected operation (\(reason)) changed the state")
        }
    }

    // MARK: - Invariants

    private func checkInvariants(_ m: LedgerModelMarket, newStatementsFrom firstNew: Int) throws {
        let book = m.book
        // Debits equal credits in every currency.
        for (currency, totals) in book.trialBalance {
            try require(totals.debits == totals.credits, "\(currency.code) debits \(totals.debits) ≠ credits \(totals.credits)")
        }

        // Every account equals what the business facts say it must be.
        var expected = [LedgerAccount: Int64]()
        func add(_ account: LedgerAccount, _ amount: Int64) { expected[account, default: 0] += amount }
        for order in m.orders where order.isDelivered {
            let c = order.currency
            let (total, commission) = (order.total, order.commission)
            // gross = supplier net + commission, exactly.
            try require(total == (total - commission) + commission && total >= 0, "gross split")
            try require(commission <= total && commission >= 0, "commission \(commission) above gross \(total)")
            // Refunds never exceed what was charged for the goods; commission reversed never exceeds commission.
            try require(order.refunded <= total - order.shipping.minorUnits, "order \(order.id) refunded \(order.refunded) > \(total)")
            try require(order.reversed <= commission, "order \(order.id) reversed \(order.reversed) > \(commission)")
            if let entry = book.entries["order_delivered:\(order.id)"] {
                var receivable: Int64 = 0, split: Int64 = 0
                for line in entry.lines {
                    if line.account.kind == .buyerReceivable { receivable += line.signedDebit } else { split += line.signedDebit }
                }
                try require(receivable == total && -split == total, "delivery entry of \(order.id) does not split its gross")
            } else {
                try require(total == 0, "delivered order \(order.id) has no delivery entry")
            }
            add(.buyerReceivable(order.buyerID, c), total - order.refunded)
            add(.commissionRevenue(c), commission)
            add(.commissionReversals(c), order.reversed)
            if !order.isSettled {
                add(.supplierPayable(order.supplierID, c), total - commission - order.refunded + order.reversed)
            }
        }
        for item in m.returns where item.afterSettlement && !item.deducted {
            guard let order = m.orders.first(where: { $0.id == item.orderID }) else { continue }
            add(.supplierReceivable(order.supplierID, order.currency), item.refund - item.reversed)
        }
        var fxFrom = [Currency: Int64]()
        var fxTo = [Currency: Int64]()
        var settledOrders = Set<String>()
        var deductedReturns = Set<String>()
        var settledRefunds = [String: Int64]()
        for (index, statement) in m.statements.enumerated() {
            let p = statement.currency
            if statement.paid { add(.cash(p), -statement.totals.net.minorUnits) } else { add(.supplierPayoutDue(statement.supplierID, p), statement.totals.net.minorUnits) }
            if index >= firstNew { try checkStatement(statement, m) }
            for line in statement.lines {
                if line.item.kind == .order {
                    try require(settledOrders.insert(line.item.orderID).inserted, "order \(line.item.orderID) settled twice")
                } else if let returnID = line.item.returnID {
                    try require(deductedReturns.insert(returnID).inserted, "return \(returnID) deducted twice")
                }
                settledRefunds[line.item.orderID, default: 0] += line.item.refunds
                if line.item.sourceCurrency != p {
                    fxFrom[line.item.sourceCurrency, default: 0] += line.sourceNet.minorUnits
                    fxTo[p, default: 0] += line.net.minorUnits
                }
            }
        }
        for (orderID, refunds) in settledRefunds {
            guard let order = m.orders.first(where: { $0.id == orderID }) else { continue }
            try require(refunds <= order.total, "settled refunds of \(orderID) exceed its gross")
        }
        for (currency, minor) in fxFrom { add(.fxClearing(currency), -minor) }
        for (currency, minor) in fxTo { add(.fxClearing(currency), minor) }

        for (account, amount) in expected {
            try require(book.balance(account) == amount, "\(account.code): ledger \(book.balance(account)) ≠ expected \(amount)")
        }
        for (account, _) in book.accounts where expected[account] == nil {
            try require(book.balance(account) == 0, "\(account.code): unexpected balance \(book.balance(account))")
        }
        // A supplier's payable and payout due are never negative.
        for (account, _) in book.accounts where account.kind == .supplierPayable || account.kind == .supplierPayoutDue {
            try require(book.balance(account) >= 0, "\(account.code) negative: \(book.balance(account))")
        }
    }

    /// A statement is the sum of its lines; each line converts each amount at the rate its order locked.
    private func checkStatement(_ statement: LedgerModelMarket.Statement, _ m: LedgerModelMarket) throws {
        var sums = [Int64](repeating: 0, count: 5)
        for line in statement.lines {
            let values = [line.gross, line.commission, line.refunds, line.commissionReversed, line.net].map(\.minorUnits)
            for i in 0..<5 { sums[i] += values[i] }
            try require(values[4] == values[0] - values[1] - values[2] + values[3], "line net \(values)")
            try require(line.item.kind == .adjustment || values[2] <= values[0], "line refunds above gross \(values)")
            guard let order = m.orders.first(where: { $0.id == line.item.orderID }) else { throw PropertyFailure(description: "line of no order") }
            try require(line.item.payoutCurrency == order.payoutCurrency && line.net.currency == statement.currency, "line currency")
            // The rate is the one locked when the order was placed, whatever happened to rates since.
            let rate: ExactDecimal
            if order.currency == order.payoutCurrency {
                rate = .one
            } else if let locked = order.lockedRate {
                rate = locked
                try require(line.item.rate == locked, "line rate \(line.item.rate) ≠ locked \(locked)")
            } else {
                rate = line.item.rate
            }
            let source = line.item.kind == .order
                ? [order.total, order.commission, line.item.refunds, line.item.commissionReversed]
                : [0, 0, line.item.refunds, line.item.commissionReversed]
            for (index, minor) in source.enumerated() {
                let converted = order.currency == order.payoutCurrency
                    ? minor : try Money(minorUnits: minor, currency: order.currency).converted(to: order.payoutCurrency, rate: rate).minorUnits
                try require(converted == values[index], "line amount \(index): \(values[index]) ≠ \(converted) at \(rate)")
            }
        }
        let totals = statement.totals
        try require([totals.gross, totals.commission, totals.refunds, totals.commissionReversed, totals.net].map(\.minorUnits) == sums,
                    "statement \(statement.id) totals ≠ Σ lines")
        try require(totals.net.minorUnits >= 0, "statement \(statement.id) has a negative net")
    }
}
