import Foundation
import XCTest
@testable import MarketCore

final class FeeRuleTests: XCTestCase {
    private let t0 = Date(timeIntervalSince1970: 1_767_225_600)
    private func day(_ n: Int) -> Date { t0.addingTimeInterval(Double(n) * 86_400) }
    /// Category tree: bolts ⊂ fasteners ⊂ hardware.
    private let path = ["bolts", "fasteners", "hardware"]

    private func rule(_ id: String, _ scope: FeeScope, category: String? = nil, seller: String? = nil,
                      percent: String = "5", from: Int = 0, created: Int? = nil) -> FeeRule {
        FeeRule(id: id, scope: scope, categoryID: category, sellerID: seller,
                percent: ExactDecimal(percent) ?? .zero, effectiveFrom: day(from), createdAt: day(created ?? from))
    }

    private func select(_ rules: [FeeRule], seller: String = "s1", path: [String]? = nil, at: Int = 100) -> String? {
        FeeRuleSelector.select(rules: rules, sellerID: seller, categoryPath: path ?? self.path, at: day(at))?.id
    }

    // MARK: - Specificity

    func testEachScopeOutranksTheLessSpecific() {
        let all = [
            rule("default", .default),
            rule("category", .category, category: "hardware"),
            rule("seller", .seller, seller: "s1"),
            rule("sellerCategory", .sellerCategory, category: "hardware", seller: "s1"),
        ]
        XCTAssertEqual(select(all), "sellerCategory")
        XCTAssertEqual(select(Array(all.prefix(3))), "seller")
        XCTAssertEqual(select(Array(all.prefix(2))), "category")
        XCTAssertEqual(select(Array(all.prefix(1))), "default")
        XCTAssertNil(select([]))
    }

    func testNearestAncestorCategoryWins() {
        let rules = [rule("root", .category, category: "hardware"), rule("mid", .category, category: "fasteners")]
        XCTAssertEqual(select(rules), "mid")
        XCTAssertEqual(select(rules + [rule("leaf", .category, category: "bolts")]), "leaf")
        // A newer rule on a farther ancestor does not beat the nearer one.
        XCTAssertEqual(select(rules + [rule("newRoot", .category, category: "hardware", from: 50)]), "mid")
        XCTAssertEqual(select(rules, path: ["nuts", "fasteners", "hardware"]), "mid")
        XCTAssertEqual(select(rules, path: ["tools", "hardware"]), "root")
        XCTAssertNil(select(rules, path: ["food"]))
    }

    func testSellerCategoryUsesNearestCategoryToo() {
        let rules = [
            rule("sc-root", .sellerCategory, category: "hardware", seller: "s1"),
            rule("sc-mid", .sellerCategory, category: "fasteners", seller: "s1"),
            rule("seller", .seller, seller: "s1"),
            rule("leaf", .category, category: "bolts"),
        ]
        XCTAssertEqual(select(rules), "sc-mid")
        XCTAssertEqual(select(rules, path: ["tools", "hardware"]), "sc-root")
        XCTAssertEqual(select(rules, path: ["food"]), "seller")
        XCTAssertEqual(select(rules, seller: "s2"), "leaf")
    }

    func testOtherSellersRulesAreIgnored() {
        let rules = [rule("other", .seller, seller: "s2"), rule("otherCat", .sellerCategory, category: "bolts", seller: "s2"),
                     rule("default", .default)]
        XCTAssertEqual(select(rules), "default")
    }

    func testIncompleteRulesNeverMatch() {
        let rules = [rule("noCategory", .category), rule("noSeller", .seller), rule("half", .sellerCategory, seller: "s1")]
        XCTAssertNil(select(rules))
    }

    // MARK: - Time

    func testOnlyRulesInForceCount() {
        let rules = [rule("old", .default, from: 0), rule("future", .default, from: 200),
                     rule("futureSeller", .seller, seller: "s1", from: 150)]
        XCTAssertEqual(select(rules, at: 100), "old")
        XCTAssertEqual(select(rules, at: 150), "futureSeller")
        XCTAssertNil(select(rules, at: -1))
    }

    func testLatestEffectiveWinsAmongEqualSpecificity() {
        let rules = [rule("v1", .seller, seller: "s1", from: 0), rule("v3", .seller, seller: "s1", from: 20),
                     rule("v2", .seller, seller: "s1", from: 10)]
        XCTAssertEqual(select(rules, at: 5), "v1")
        XCTAssertEqual(select(rules, at: 15), "v2")
        XCTAssertEqual(select(rules, at: 25), "v3")
        // A newer default does not supersede an older, more specific rule.
        XCTAssertEqual(select(rules + [rule("newDefault", .default, from: 24)], at: 25), "v3")
    }

    func testTiesBrokenByCreatedAtThenID() {
        XCTAssertEqual(select([rule("a", .default, from: 1, created: 5), rule("b", .default, from: 1, created: 3)]), "a")
        XCTAssertEqual(select([rule("b", .default, from: 1, created: 3), rule("a", .default, from: 1, created: 5)]), "a")
        XCTAssertEqual(select([rule("a", .default, from: 1), rule("b", .default, from: 1)]), "b")
        XCTAssertEqual(select([rule("b", .default, from: 1), rule("a", .default, from: 1)]), "b")
    }

    // MARK: - Validation

    func testValidRulesHaveNoViolations() throws {
        let usd = { (s: String) in try Money.parse(amount: s, currency: "USD") }
        let rule = FeeRule(id: "r", scope: .sellerCategory, categoryID: "c", sellerID: "s",
                           percent: try ExactDecimal.parse("8.5"), fixedFee: try usd("0.30"), minFee: try usd("1.00"),
                           maxFee: try usd("100.00"), effectiveFrom: t0, createdAt: t0)
        XCTAssertEqual(rule.violations(), [])
        XCTAssertEqual(self.rule("d", .default, percent: "100").violations(), [])
        XCTAssertEqual(self.rule("d", .default, percent: "0").violations(), [])
    }

    func testViolationsNameTheField() throws {
        func fields(_ rule: FeeRule) -> [String] { rule.violations().map(\.field) }
        XCTAssertEqual(fields(rule("r", .category)), ["category_id"])
        XCTAssertEqual(fields(rule("r", .seller)), ["seller_id"])
        XCTAssertEqual(fields(rule("r", .sellerCategory)), ["category_id", "seller_id"])
        XCTAssertEqual(fields(rule("r", .default, category: "c", seller: "s")), ["category_id", "seller_id"])
        XCTAssertEqual(fields(rule("r", .default, percent: "100.01")), ["percent"])
        XCTAssertEqual(fields(rule("r", .default, percent: "-1")), ["percent"])

        let usd = try Money.parse(amount: "5.00", currency: "USD")
        let more = try Money.parse(amount: "6.00", currency: "USD")
        let eur = try Money.parse(amount: "1.00", currency: "EUR")
        let negative = try Money.parse(amount: "-1.00", currency: "USD")
        func feeRule(fixed: Money? = nil, min: Money? = nil, max: Money? = nil) -> FeeRule {
            FeeRule(id: "r", scope: .default, percent: .one, fixedFee: fixed, minFee: min, maxFee: max,
                    effectiveFrom: t0, createdAt: t0)
        }
        XCTAssertEqual(fields(feeRule(min: more, max: usd)), ["min_fee"])
        XCTAssertEqual(fields(feeRule(min: usd, max: more)), [])
        XCTAssertEqual(fields(feeRule(fixed: eur, min: usd)), ["min_fee"])
        XCTAssertEqual(fields(feeRule(fixed: negative)), ["fixed_fee"])
        XCTAssertEqual(feeRule(min: more, max: usd).violations().first?.message, "must not exceed max_fee")
    }

    func testScopeRawValuesMatchTheAPI() {
        XCTAssertEqual(FeeScope.allCases.map(\.rawValue), ["default", "category", "seller", "seller_category"])
        XCTAssertEqual(FeeScope(rawValue: "seller_category"), .sellerCategory)
    }
}
