import Foundation
import HTTPServer
import MarketCore
import Store
import Web
import XCTest

/// `ReferenceData`, which checkout, quotes and the catalog call on every request: the category walks and
/// the cached FX table and fee rules, which must never serve rows that are gone or miss rows just added.
final class ReferenceDataTests: XCTestCase {
    func testCategoryPathIsNearestFirstAndDescendantsIncludeTheCategory() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let hardware = try market.createCategory(admin, en: "Hardware", ko: "철물")
        let fasteners = try market.createCategory(admin, en: "Fasteners", ko: "체결구", parent: hardware)
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트", parent: fasteners)
        let nuts = try market.createCategory(admin, en: "Nuts", ko: "너트", parent: fasteners)
        let tools = try market.createCategory(admin, en: "Tools", ko: "공구")

        try market.app.services.database.read { db in
            XCTAssertEqual(try ReferenceData.categoryPath(db, categoryID: bolts), [bolts, fasteners, hardware])
            XCTAssertEqual(try ReferenceData.categoryPath(db, categoryID: tools), [tools])
            XCTAssertEqual(try ReferenceData.categoryPath(db, categoryID: "cat_unknown"), [])
            let below = try ReferenceData.categoryAndDescendants(db, categoryID: hardware)
            XCTAssertEqual(below.first, hardware)
            XCTAssertEqual(Set(below), [hardware, fasteners, bolts, nuts])
            XCTAssertEqual(try ReferenceData.categoryAndDescendants(db, categoryID: nuts), [nuts])
            XCTAssertEqual(try ReferenceData.categoryAndDescendants(db, categoryID: "cat_unknown"), [])
        }
    }

    func testCachedTablesFollowInsertsAndRollbacks() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let database = market.app.services.database
        let now = market.clock.now()

        XCTAssertNil(try database.read { try ReferenceData.fxTable($0, baseCurrency: "USD") }.rate(from: .usd, to: .krw, at: now))
        XCTAssertEqual(try database.read { try ReferenceData.feeRules($0) }.count, 0)
        try market.createFXRate(admin, base: "USD", quote: "KRW", rate: "1350")
        try market.createFeeRule(admin, ["scope": "default", "percent": "10", "min_fee": money("1.00", "USD")])
        let table = try database.read { try ReferenceData.fxTable($0, baseCurrency: "USD") }
        XCTAssertEqual(table.rate(from: .usd, to: .krw, at: now)?.rate.description, "1350")
        let rules = try database.read { try ReferenceData.feeRules($0) }
        XCTAssertEqual(rules.first?.minFee, Money(minorUnits: 100, currency: .usd))

        // A rate written and rolled back is seen inside its transaction, then never again.
        struct Abort: Error {}
        XCTAssertThrowsError(try database.write { db in
            try db.execute(
                "INSERT INTO fx_rates (id, base, quote, rate, effective_from, created_at, created_by) VALUES (?, 'USD', 'KRW', '9999', ?, ?, 'test')",
                [.text(ID.make("fxr")), .text(Timestamp.format(now)), .text(Timestamp.format(now))])
            XCTAssertEqual(try ReferenceData.fxTable(db, baseCurrency: "USD").rate(from: .usd, to: .krw, at: now)?.rate.description, "9999")
            throw Abort()
        })
        XCTAssertEqual(try database.read { try ReferenceData.fxTable($0, baseCurrency: "USD") }.rate(from: .usd, to: .krw, at: now)?.rate.description, "1350")

        // Another base currency is another table.
        try market.createFXRate(admin, base: "EUR", quote: "KRW", rate: "1500")
        let viaUSD = try database.read { try ReferenceData.fxTable($0, baseCurrency: "USD") }
        XCTAssertNil(viaUSD.rate(from: .usd, to: .eur, at: now))
        let viaKRW = try database.read { try ReferenceData.fxTable($0, baseCurrency: "KRW") }
        XCTAssertEqual(viaKRW.baseCurrency, .krw)
        XCTAssertEqual(viaKRW.rate(from: .usd, to: .eur, at: now)?.method, .cross)
        XCTAssertEqual(viaKRW.rate(from: .usd, to: .eur, at: now)?.rate.description, "0.900000000000000000")

        // The selector over stored rules: one call for checkout.
        let seller = try market.activeSupplier()
        let rule = try database.read { try ReferenceData.feeRule($0, sellerID: seller.organizationID, categoryID: nil, at: now) }
        XCTAssertEqual(rule?.percent.description, "10")
    }
}
