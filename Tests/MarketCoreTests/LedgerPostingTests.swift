import Foundation
import XCTest
@testable import MarketCore

/// The pure posting model: the builder refuses anything unbalanced, the order postings balance per currency.
final class LedgerPostingTests: XCTestCase {
    private let usd = Currency.usd
    private let eur = Currency.eur

    private func money(_ minor: Int64, _ currency: Currency) -> Money { Money(minorUnits: minor, currency: currency) }

    func testBuilderRefusesAnEntryUnbalancedInAnyCurrency() throws {
        var entry = JournalEntryBuilder(key: "k", kind: "test", sourceType: "test", sourceID: "1")
        try entry.debit(.cash(usd), money(100, usd))
        try entry.credit(.commissionRevenue(usd), money(99, usd))
        XCTAssertThrowsError(try entry.build()) { XCTAssertEqual($0 as? LedgerError, .unbalanced(currency: "USD", debits: 100, credits: 99)) }

        // Equal totals across currencies do not balance: each currency balances on its own.
        var crossed = JournalEntryBuilder(key: "k", kind: "test", sourceType: "test", sourceID: "1")
        try crossed.debit(.cash(usd), money(100, usd))
        try crossed.credit(.cash(eur), money(100, eur))
        XCTAssertThrowsError(try crossed.build()) { XCTAssertEqual($0 as? LedgerError, .unbalanced(currency: "EUR", debits: 0, credits: 100)) }

        var empty = JournalEntryBuilder(key: "k", kind: "test", sourceType: "test", sourceID: "1")
        try empty.debit(.cash(usd), money(0, usd))
        XCTAssertThrowsError(try empty.build()) { XCTAssertEqual($0 as? LedgerError, .empty) }

        var wrong = JournalEntryBuilder(key: "k", kind: "test", sourceType: "test", sourceID: "1")
        XCTAssertThrowsError(try wrong.debit(.cash(usd), money(1, eur))) {
            XCTAssertEqual($0 as? LedgerError, .currencyMismatch(account: "cash:USD", amount: "0.01 EUR"))
        }
        XCTAssertThrowsError(try wrong.debit(.cash(usd), money(.min, usd)))
        try wrong.debit(.cash(usd), money(.max, usd))
        XCTAssertThrowsError(try wrong.debit(.cash(usd), money(1, usd))) { XCTAssertEqual($0 as? LedgerError, .overflow) }
    }

    func testBuilderMergesLinesFlipsNegativesAndConvertsThroughClearing() throws {
        var entry = JournalEntryBuilder(key: "k", kind: "test", sourceType: "test", sourceID: "1")
        try entry.debit(.supplierPayable("org_a", usd), money(600, usd))
        try entry.debit(.supplierPayable("org_a", usd), money(400, usd))
        try entry.debit(.supplierReceivable("org_a", usd), money(-100, usd))   // a negative debit is a credit
        try entry.convert(money(900, usd), to: money(810, eur), rate: ExactDecimal("0.9") ?? .one)
        try entry.credit(.supplierPayoutDue("org_a", eur), money(810, eur))
        let built = try entry.build()
        XCTAssertEqual(built.lines.map { "\($0.side.rawValue) \($0.account.code) \($0.amount.minorUnits)" }, [
            "debit supplier_payable:org_a:USD 1000", "credit supplier_receivable:org_a:USD 100", "credit fx_clearing:USD 900",
            "debit fx_clearing:EUR 810", "credit supplier_payout_due:org_a:EUR 810",
        ])
        XCTAssertEqual(built.conversions, [FXConversion(from: money(900, usd), to: money(810, eur), rate: ExactDecimal("0.9") ?? .one)])
        let reversal = built.reversal(key: "r")
        XCTAssertEqual(reversal.lines.map(\.side), [.credit, .debit, .debit, .credit, .debit])
        XCTAssertEqual(reversal.kind, "reversal")
    }

    func testAccountCodesRoundTrip() throws {
        for account in [LedgerAccount.buyerReceivable("org_b", .krw), .supplierPayoutDue("org_s", .kwd), .fxClearing(.jpy), .cash(.usd)] {
            XCTAssertEqual(LedgerAccount(code: account.code), account)
        }
        XCTAssertNil(LedgerAccount(code: "cash:org_x:USD"), "marketplace accounts have no owner")
        XCTAssertNil(LedgerAccount(code: "supplier_payable:USD"), "supplier accounts need one")
        XCTAssertNil(LedgerAccount(code: "bogus:USD"))
        XCTAssertNil(LedgerAccount(code: "cash:XXX1"))
        XCTAssertThrowsError(try LedgerAccount(kind: .cash, ownerID: "org_x", currency: .usd))
        XCTAssertEqual(LedgerAccount.supplierPayable("a:b", .usd).code, "supplier_payable:a_b:USD")
    }

    /// Delivery: Dr receivable gross / Cr payable net / Cr commission; a return reverses in proportion, to the
    /// supplier's payable before settlement and to its receivable after.
    func testOrderPostings() throws {
        let order = LedgerPostings.Order(id: "ord_1", buyerID: "org_b", sellerID: "org_s", total: money(100_000, usd), commission: money(7_000, usd))
        let delivered = try XCTUnwrap(try LedgerPostings.delivered(order))
        XCTAssertEqual(delivered.key, "order_delivered:ord_1")
        XCTAssertEqual(delivered.lines.map { "\($0.side.rawValue) \($0.account.code) \($0.amount.minorUnits)" }, [
            "debit buyer_receivable:org_b:USD 100000", "credit supplier_payable:org_s:USD 93000", "credit commission_revenue:USD 7000",
        ])
        for afterSettlement in [false, true] {
            let item = LedgerPostings.Return(id: "ret_1", orderID: "ord_1", buyerID: "org_b", sellerID: "org_s", refund: money(30_000, usd),
                                             commissionReversed: money(2_100, usd), afterSettlement: afterSettlement)
            let returned = try XCTUnwrap(try LedgerPostings.returned(item))
            XCTAssertEqual(returned.kind, afterSettlement ? "order_returned_after_settlement" : "order_returned")
            XCTAssertEqual(returned.lines.map { "\($0.side.rawValue) \($0.account.code) \($0.amount.minorUnits)" }, [
                "credit buyer_receivable:org_b:USD 30000", "debit commission_reversals:USD 2100",
                "debit supplier_\(afterSettlement ? "receivable" : "payable"):org_s:USD 27900",
            ])
        }
        let free = LedgerPostings.Order(id: "ord_2", buyerID: "b", sellerID: "s", total: money(0, usd), commission: money(0, usd))
        XCTAssertNil(try LedgerPostings.delivered(free))
        XCTAssertNil(try LedgerPostings.payout(settlementID: "stl", supplierID: "s", net: money(0, eur), reference: "x"))
    }

    /// The worked example as pure math: 1,000.00 USD, 70.00 commission, locked USD→EUR 0.9.
    func testSettlementLineConvertsEachAmountAndDerivesTheNet() throws {
        let item = SettlementItem(kind: .order, orderID: "ord", supplierID: "s", sourceCurrency: usd, payoutCurrency: eur,
                                  rate: ExactDecimal("0.9") ?? .one, rateMethod: .locked, gross: 100_000, commission: 7_000,
                                  refunds: 30_000, commissionReversed: 2_100, occurredAt: "")
        let line = try SettlementLine(converting: item)
        XCTAssertEqual([line.gross, line.commission, line.refunds, line.commissionReversed, line.net].map(\.minorUnits),
                       [90_000, 6_300, 27_000, 1_890, 58_590])
        XCTAssertEqual(line.sourceNet, money(65_100, usd))

        var builder = SettlementStatementBuilder(supplierID: "s", currency: eur)
        try builder.add(line)
        let entry = try XCTUnwrap(try builder.journalEntry(settlementID: "stl_1"))
        XCTAssertEqual(entry.lines.map { "\($0.side.rawValue) \($0.account.code) \($0.amount.minorUnits)" }, [
            "debit supplier_payable:s:USD 65100", "credit fx_clearing:USD 65100", "debit fx_clearing:EUR 58590",
            "credit supplier_payout_due:s:EUR 58590",
        ])
        XCTAssertEqual(entry.conversions.first?.itemCount, 1)

        // A deduction larger than the earnings is not covered.
        let deduction = try SettlementLine(converting: SettlementItem(
            kind: .adjustment, orderID: "ord", returnID: "ret", supplierID: "s", sourceCurrency: usd, payoutCurrency: eur,
            rate: ExactDecimal("0.9") ?? .one, rateMethod: .locked, gross: 0, commission: 0, refunds: 70_000, commissionReversed: 0,
            occurredAt: ""))
        XCTAssertEqual(deduction.net, money(-63_000, eur))
        XCTAssertFalse(builder.covers(deduction))
    }

    func testRateResolution() {
        let rate = ExactDecimal("1350.5") ?? .one
        XCTAssertEqual(SettlementRateMethod.resolve(source: usd, payout: usd, locked: rate, inForce: { nil })?.method, .identity)
        XCTAssertEqual(SettlementRateMethod.resolve(source: usd, payout: .krw, locked: rate, inForce: { .one })?.method, .locked)
        XCTAssertEqual(SettlementRateMethod.resolve(source: usd, payout: .krw, locked: nil, inForce: { rate })?.rate, rate)
        XCTAssertNil(SettlementRateMethod.resolve(source: usd, payout: .krw, locked: nil, inForce: { nil }))
    }
}
