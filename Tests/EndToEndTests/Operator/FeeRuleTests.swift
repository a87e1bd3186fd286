import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

final class FeeRuleTests: XCTestCase {
    /// hardware > fasteners > bolts, plus an unrelated root (tools); suppliers A (special terms) and B.
    struct World {
        let market: TestMarket
        let admin: TestMarket.Account
        let hardware: String, fasteners: String, bolts: String, tools: String
        let sellerA: TestMarket.Account, sellerB: TestMarket.Account
    }

    func makeWorld() throws -> World {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let hardware = try market.createCategory(admin, en: "Hardware", ko: "철물")
        let fasteners = try market.createCategory(admin, en: "Fasteners", ko: "체결구", parent: hardware)
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트", parent: fasteners)
        let tools = try market.createCategory(admin, en: "Tools", ko: "공구")
        return World(market: market, admin: admin, hardware: hardware, fasteners: fasteners, bolts: bolts, tools: tools,
                     sellerA: try market.activeSupplier(), sellerB: try market.activeSupplier())
    }

    func preview(_ world: World, seller: String, category: String?, amount: String, currency: String = "USD",
                 at: Date? = nil) throws -> JSON {
        var body: JSONObject = ["seller_id": .string(seller), "amount": money(amount, currency)]
        if let category { body["category_id"] = .string(category) }
        if let at { body["at"] = .string(Timestamp.format(at)) }
        let response = try world.admin.client.post("/v1/admin/fee-rules/preview", json: .object(body))
        XCTAssertEqual(response.status, 200, response.text)
        return response.json
    }

    func testMostSpecificRuleWinsNearestAncestorAndClamps() throws {
        let w = try makeWorld()
        let m = w.market
        let defaultRule = try m.createFeeRule(w.admin, ["scope": "default", "percent": "10"]).json["id"]?.stringValue
        try m.createFeeRule(w.admin, ["scope": "category", "category_id": .string(w.hardware), "percent": "8"])
        let fastenersRule = try m.createFeeRule(w.admin, ["scope": "category", "category_id": .string(w.fasteners), "percent": "7.25"])
        try m.createFeeRule(w.admin, ["scope": "seller", "seller_id": .string(w.sellerA.organizationID), "percent": "6"])
        let special = try m.createFeeRule(w.admin, [
            "scope": "seller_category", "seller_id": .string(w.sellerA.organizationID), "category_id": .string(w.fasteners),
            "percent": "5", "min_fee": money("2.00", "USD"), "max_fee": money("50.00", "USD"),
        ])
        XCTAssertEqual(special.json["status"]?.stringValue, "in_force")
        XCTAssertEqual(special.json["min_fee"]?["amount"]?.stringValue, "2.00")

        // B in bolts: no seller rule; the nearest ancestor with a rule is fasteners (not hardware).
        var answer = try preview(w, seller: w.sellerB.organizationID, category: w.bolts, amount: "100.00")
        XCTAssertEqual(answer["rule"]?["id"]?.stringValue, fastenersRule.json["id"]?.stringValue)
        XCTAssertEqual(answer["rule"]?["scope"]?.stringValue, "category")
        XCTAssertEqual(answer["breakdown"]?["percent_part"]?["amount"]?.stringValue, "7.25")
        XCTAssertEqual(answer["breakdown"]?["commission"]?["amount"]?.stringValue, "7.25")
        XCTAssertEqual(answer["breakdown"]?["net_to_seller"]?["amount"]?.stringValue, "92.75")
        XCTAssertEqual(answer["category_path"]?.arrayValue?.count, 3)

        // B in hardware itself: the hardware rule. B without category: the default.
        answer = try preview(w, seller: w.sellerB.organizationID, category: w.hardware, amount: "100.00")
        XCTAssertEqual(answer["breakdown"]?["commission"]?["amount"]?.stringValue, "8.00")
        answer = try preview(w, seller: w.sellerB.organizationID, category: nil, amount: "100.00")
        XCTAssertEqual(answer["rule"]?["id"]?.stringValue, defaultRule)
        XCTAssertEqual(answer["breakdown"]?["commission"]?["amount"]?.stringValue, "10.00")

        // A in tools: its seller rule beats any category rule.
        answer = try preview(w, seller: w.sellerA.organizationID, category: w.tools, amount: "100.00")
        XCTAssertEqual(answer["rule"]?["scope"]?.stringValue, "seller")
        XCTAssertEqual(answer["breakdown"]?["commission"]?["amount"]?.stringValue, "6.00")

        // A in bolts: seller_category through the ancestor, with min and max clamps.
        answer = try preview(w, seller: w.sellerA.organizationID, category: w.bolts, amount: "100.00")
        XCTAssertEqual(answer["rule"]?["scope"]?.stringValue, "seller_category")
        XCTAssertEqual(answer["breakdown"]?["clamp"]?.stringValue, "none")
        XCTAssertEqual(answer["breakdown"]?["commission"]?["amount"]?.stringValue, "5.00")
        answer = try preview(w, seller: w.sellerA.organizationID, category: w.bolts, amount: "10.00")
        XCTAssertEqual(answer["breakdown"]?["percent_part"]?["amount"]?.stringValue, "0.50")
        XCTAssertEqual(answer["breakdown"]?["clamp"]?.stringValue, "min_fee")
        XCTAssertEqual(answer["breakdown"]?["commission"]?["amount"]?.stringValue, "2.00")
        answer = try preview(w, seller: w.sellerA.organizationID, category: w.bolts, amount: "5000.00")
        XCTAssertEqual(answer["breakdown"]?["percent_part"]?["amount"]?.stringValue, "250.00")
        XCTAssertEqual(answer["breakdown"]?["clamp"]?.stringValue, "max_fee")
        XCTAssertEqual(answer["breakdown"]?["commission"]?["amount"]?.stringValue, "50.00")
        XCTAssertEqual(answer["breakdown"]?["net_to_seller"]?["amount"]?.stringValue, "4950.00")
    }

    func testHalfEvenRoundingFixedFeeAndFeesConvertedToTheAmountCurrency() throws {
        let w = try makeWorld()
        try w.market.createFeeRule(w.admin, ["scope": "default", "percent": "2.5", "fixed_fee": money("1.00", "USD")])
        // 2.5 % of 0.50 = 0.0125 -> 0.01 (half-even keeps the even digit); plus the fixed fee, capped at the amount.
        var answer = try preview(w, seller: w.sellerB.organizationID, category: nil, amount: "0.50")
        XCTAssertEqual(answer["breakdown"]?["percent_part"]?["amount"]?.stringValue, "0.01")
        XCTAssertEqual(answer["breakdown"]?["commission"]?["amount"]?.stringValue, "0.50")
        XCTAssertEqual(answer["breakdown"]?["cap_applied"]?.boolValue, true)
        answer = try preview(w, seller: w.sellerB.organizationID, category: nil, amount: "1000.00")
        XCTAssertEqual(answer["breakdown"]?["fixed_fee"]?["amount"]?.stringValue, "1.00")
        XCTAssertEqual(answer["breakdown"]?["commission"]?["amount"]?.stringValue, "26.00")

        // A KRW amount needs the USD fixed fee in KRW: without a rate that is a 422, with one it converts.
        let noRate = try w.admin.client.post("/v1/admin/fee-rules/preview", json: [
            "seller_id": .string(w.sellerB.organizationID), "amount": money("100000", "KRW"),
        ])
        XCTAssertEqual(noRate.status, 422, noRate.text)
        XCTAssertEqual(noRate.json["type"]?.stringValue, "/problems/no_fx_rate")
        try w.market.createFXRate(w.admin, base: "USD", quote: "KRW", rate: "1350")
        answer = try preview(w, seller: w.sellerB.organizationID, category: nil, amount: "100000", currency: "KRW")
        XCTAssertEqual(answer["breakdown"]?["fixed_fee"]?["amount"]?.stringValue, "1350")
        XCTAssertEqual(answer["breakdown"]?["fixed_fee"]?["currency"]?.stringValue, "KRW")
        XCTAssertEqual(answer["breakdown"]?["commission"]?["amount"]?.stringValue, "3850")
    }

    func testNoRuleMeansNoCommission() throws {
        let w = try makeWorld()
        let answer = try preview(w, seller: w.sellerB.organizationID, category: w.bolts, amount: "100.00")
        XCTAssertEqual(answer["rule"], .null)
        XCTAssertEqual(answer["breakdown"]?["commission"]?["amount"]?.stringValue, "0.00")
        XCTAssertEqual(answer["breakdown"]?["net_to_seller"]?["amount"]?.stringValue, "100.00")
    }

    func testANewRuleSupersedesFromItsEffectiveDateAndHistoryStays() throws {
        let w = try makeWorld()
        let m = w.market
        let old = try m.createFeeRule(w.admin, ["scope": "default", "percent": "10"]).json["id"]?.stringValue ?? ""
        let later = m.clock.now().addingTimeInterval(86_400)
        m.clock.advance(seconds: 1)
        let new = try m.createFeeRule(w.admin, [
            "scope": "default", "percent": "12", "effective_from": .string(Timestamp.format(later)),
        ])
        XCTAssertEqual(new.json["status"]?.stringValue, "scheduled")
        let newID = new.json["id"]?.stringValue ?? ""

        XCTAssertEqual(try preview(w, seller: w.sellerB.organizationID, category: nil, amount: "100.00")["rule"]?["id"]?.stringValue, old)
        let future = try preview(w, seller: w.sellerB.organizationID, category: nil, amount: "100.00", at: later.addingTimeInterval(1))
        XCTAssertEqual(future["rule"]?["id"]?.stringValue, newID)
        XCTAssertEqual(future["breakdown"]?["commission"]?["amount"]?.stringValue, "12.00")

        var list = try w.admin.client.get("/v1/admin/fee-rules?scope=default")
        XCTAssertEqual(list.status, 200, list.text)
        var statuses = Dictionary(uniqueKeysWithValues: (list.json["data"]?.arrayValue ?? []).map {
            ($0["id"]?.stringValue ?? "", $0["status"]?.stringValue ?? "")
        })
        XCTAssertEqual(statuses, [old: "in_force", newID: "scheduled"])
        list = try w.admin.client.get("/v1/admin/fee-rules?scope=default&at=\(Timestamp.format(later.addingTimeInterval(60)))")
        statuses = Dictionary(uniqueKeysWithValues: (list.json["data"]?.arrayValue ?? []).map {
            ($0["id"]?.stringValue ?? "", $0["status"]?.stringValue ?? "")
        })
        XCTAssertEqual(statuses, [old: "superseded", newID: "in_force"])

        // Never edited in place: no PATCH or DELETE exists.
        XCTAssertEqual(try w.admin.client.delete("/v1/admin/fee-rules").status, 405)
        XCTAssertEqual(try w.admin.client.patch("/v1/admin/fee-rules/\(old)", json: ["percent": "1"]).status, 404)
    }

    func testListFiltersAndPagination() throws {
        let w = try makeWorld()
        let m = w.market
        try m.createFeeRule(w.admin, ["scope": "default", "percent": "10"])
        try m.createFeeRule(w.admin, ["scope": "seller", "seller_id": .string(w.sellerA.organizationID), "percent": "6"])
        try m.createFeeRule(w.admin, ["scope": "seller", "seller_id": .string(w.sellerB.organizationID), "percent": "7"])
        try m.createFeeRule(w.admin, ["scope": "category", "category_id": .string(w.tools), "percent": "9"])

        let bySeller = try w.admin.client.get("/v1/admin/fee-rules?seller_id=\(w.sellerA.organizationID)")
        XCTAssertEqual(bySeller.json["data"]?.arrayValue?.map { $0["percent"]?.stringValue }, ["6"])
        let byCategory = try w.admin.client.get("/v1/admin/fee-rules?category_id=\(w.tools)")
        XCTAssertEqual(byCategory.json["data"]?.arrayValue?.count, 1)

        var seen = [String]()
        var cursor: String? = nil
        repeat {
            let page = try w.admin.client.get("/v1/admin/fee-rules?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
            XCTAssertEqual(page.status, 200, page.text)
            seen += (page.json["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            cursor = page.json["next_cursor"]?.stringValue
        } while cursor != nil
        XCTAssertEqual(seen.count, 4)
        XCTAssertEqual(Set(seen).count, 4)

        XCTAssertEqual(errorFields(try w.admin.client.get("/v1/admin/fee-rules?scope=everything")), ["query.scope"])
        XCTAssertEqual(errorFields(try w.admin.client.get("/v1/admin/fee-rules?at=yesterday")), ["query.at"])
    }

    func testValidationNamesEveryBadField() throws {
        let w = try makeWorld()
        let buyer = try w.market.signUp(.buyer)
        var response = try w.admin.client.post("/v1/admin/fee-rules", json: [
            "scope": "seller_category", "seller_id": .string(buyer.organizationID), "category_id": "cat_missing",
            "percent": "100.5",
        ])
        XCTAssertEqual(response.status, 422, response.text)
        XCTAssertEqual(Set(errorFields(response)), ["seller_id", "category_id", "percent"])

        response = try w.admin.client.post("/v1/admin/fee-rules", json: ["scope": "category", "percent": "8.12345"])
        XCTAssertEqual(Set(errorFields(response)), ["percent", "category_id"])

        response = try w.admin.client.post("/v1/admin/fee-rules", json: [
            "scope": "default", "seller_id": .string(w.sellerA.organizationID), "percent": "8",
            "min_fee": money("5.00", "USD"), "max_fee": money("1.00", "USD"),
        ])
        XCTAssertEqual(Set(errorFields(response)), ["seller_id", "min_fee"])

        response = try w.admin.client.post("/v1/admin/fee-rules", json: [
            "scope": "default", "percent": "8", "min_fee": money("1.00", "USD"), "max_fee": money("1000", "KRW"),
        ])
        XCTAssertEqual(errorFields(response), ["min_fee"])

        response = try w.admin.client.post("/v1/admin/fee-rules", json: [
            "scope": "default", "percent": 8, "fixed_fee": money("-1.00", "USD"), "effective_from": "tomorrow",
        ])
        XCTAssertEqual(Set(errorFields(response)), ["percent", "fixed_fee.amount", "effective_from"])

        response = try w.admin.client.post("/v1/admin/fee-rules/preview", json: [
            "seller_id": .string(buyer.organizationID), "category_id": "cat_nope", "amount": money("1.005", "USD"),
        ])
        XCTAssertEqual(Set(errorFields(response)), ["seller_id", "category_id", "amount.amount"])
        XCTAssertEqual(try w.admin.client.get("/v1/admin/fee-rules").json["data"]?.arrayValue?.count, 0)
    }

    func testIdempotentCreationAndAudit() throws {
        let w = try makeWorld()
        let body: JSON = ["scope": "default", "percent": "9.5"]
        let headers: HTTPHeaders = ["Idempotency-Key": "rule-1"]
        let first = try w.admin.client.post("/v1/admin/fee-rules", json: body, headers: headers)
        let again = try w.admin.client.post("/v1/admin/fee-rules", json: body, headers: headers)
        XCTAssertEqual(first.status, 201)
        XCTAssertEqual(again.status, 201)
        XCTAssertEqual(again.headers["Idempotent-Replayed"], "true")
        XCTAssertEqual(first.json["id"], again.json["id"])
        let different = try w.admin.client.post("/v1/admin/fee-rules", json: ["scope": "default", "percent": "9"], headers: headers)
        XCTAssertEqual(different.status, 422)
        XCTAssertEqual(try w.admin.client.get("/v1/admin/fee-rules").json["data"]?.arrayValue?.count, 1)

        let id = first.json["id"]?.stringValue ?? ""
        let entries = try w.market.auditEntries(w.admin, entityID: id)
        XCTAssertEqual(entries.count, 1)
        XCTAssertEqual(entries.first?["action"]?.stringValue, "fee_rule.created")
        XCTAssertEqual(entries.first?["actor"]?["user_id"]?.stringValue, w.admin.userID)
        XCTAssertEqual(entries.first?["after"]?["percent"]?.stringValue, "9.5")
    }
}
