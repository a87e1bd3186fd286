import Foundation
import MarketCore
import Web
import XCTest

final class RFQQuoteTests: XCTestCase {
    struct World {
        let market: TestMarket
        let buyer: TestMarket.Account
        let first: TestMarket.Account
        let second: TestMarket.Account
        let outsider: TestMarket.Account
        let rfqID: String
        let items: [String]
    }

    /// A buyer's RFQ of two items sent to two suppliers; a third supplier of the same category is not invited.
    func world(sealed: Bool = false) throws -> World {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        let first = try market.supplier(declaring: [bolts])
        let second = try market.supplier(declaring: [bolts])
        let outsider = try market.supplier(declaring: [bolts])
        let buyer = try market.signUp(.buyer)
        let rfq = try market.createRFQ(buyer, market.rfqBody(
            categoryID: bolts, quantities: [1000, 200], invite: [first.organizationID, second.organizationID], sealed: sealed))
        return World(market: market, buyer: buyer, first: first, second: second, outsider: outsider,
                     rfqID: rfq["id"]?.stringValue ?? "", items: itemIDs(rfq))
    }

    func testNonInvitedSupplierGets404AndSuppliersNeverSeeEachOther() throws {
        let w = try world()
        // The outsider: 404 everywhere, exactly like an id that does not exist.
        XCTAssertEqual(try w.outsider.client.get("/v1/seller/rfqs/\(w.rfqID)").status, 404)
        XCTAssertEqual(try w.outsider.client.get("/v1/seller/rfqs/rfq_nothing").status, 404)
        XCTAssertEqual(try w.market.quote(w.outsider, rfq: w.rfqID, prices: [(w.items[0], "1.00")]).status, 404)
        XCTAssertEqual(try w.outsider.client.post("/v1/seller/rfqs/\(w.rfqID)/decline", json: ["reason": "no"]).status, 404)
        XCTAssertEqual(try w.outsider.client.get("/v1/seller/rfqs/\(w.rfqID)/quotes").status, 404)
        // Buyers cannot use the supplier routes, catalog users cannot see the inbox.
        XCTAssertEqual(try w.buyer.client.get("/v1/seller/rfqs").status, 403)
        let catalogUser = try w.market.addUser(to: w.first, roles: [.catalog])
        XCTAssertEqual(try catalogUser.client.get("/v1/seller/rfqs").status, 403)

        let posted = try w.market.quote(w.first, rfq: w.rfqID, prices: [(w.items[0], "0.50"), (w.items[1], "2.25")])
        XCTAssertEqual(posted.status, 201, posted.text)

        // The other supplier sees the RFQ and its own (absent) answer, nothing about the first one.
        let view = try w.second.client.get("/v1/seller/rfqs/\(w.rfqID)")
        XCTAssertEqual(view.status, 200)
        XCTAssertEqual(view.json["quote"], .null)
        XCTAssertEqual(view.json["response"]?.stringValue, "pending")
        for hidden in ["recipients", "invited_seller_ids", "quote_count", "decline_count"] {
            XCTAssertNil(view.json[hidden], hidden)
        }
        XCTAssertFalse(view.text.contains(w.first.organizationID))
        XCTAssertFalse(view.text.contains(posted.json["id"]?.stringValue ?? "-"))
        XCTAssertEqual(try w.second.client.get("/v1/seller/rfqs/\(w.rfqID)/quotes").json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(view.json["buyer"]?["id"]?.stringValue, w.buyer.organizationID)

        // The first supplier sees its own quote.
        let own = try w.first.client.get("/v1/seller/rfqs/\(w.rfqID)")
        XCTAssertEqual(own.json["quote"]?["id"], posted.json["id"])
        XCTAssertEqual(own.json["response"]?.stringValue, "quoted")
        XCTAssertEqual(try w.first.client.get("/v1/seller/rfqs?response=quoted").json["data"]?.arrayValue?.count, 1)
        XCTAssertEqual(try w.second.client.get("/v1/seller/rfqs?response=quoted").json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(try w.second.client.get("/v1/seller/rfqs?response=pending").json["data"]?.arrayValue?.count, 1)
    }

    func testARevisionReplacesItsPredecessor() throws {
        let w = try world()
        w.market.clock.advance(seconds: 3600)
        let first = try w.market.quote(w.first, rfq: w.rfqID, prices: [(w.items[0], "0.50"), (w.items[1], "2.25")],
                                       shipping: money("40.00", "USD"))
        XCTAssertEqual(first.status, 201, first.text)
        XCTAssertEqual(first.json["revision"], .int(1))
        XCTAssertEqual(first.json["total"], money("990.00", "USD"))  // 500.00 + 450.00 + 40.00
        w.market.clock.advance(seconds: 600)
        let second = try w.market.quote(w.first, rfq: w.rfqID, prices: [(w.items[0], "0.45")], lead: 30)
        XCTAssertEqual(second.status, 201, second.text)
        XCTAssertEqual(second.json["revision"], .int(2))
        XCTAssertEqual(second.json["supersedes"], first.json["id"])
        XCTAssertEqual(second.json["status"]?.stringValue, "current")
        XCTAssertEqual(second.json["total"], money("450.00", "USD"))

        // The buyer compares only the latest revision.
        let comparison = try w.buyer.client.get("/v1/buyer/rfqs/\(w.rfqID)/quotes")
        XCTAssertEqual(comparison.status, 200, comparison.text)
        let quotes = comparison.json["data"]?.arrayValue ?? []
        XCTAssertEqual(quotes.map { $0["quote_id"] }, [second.json["id"]])
        XCTAssertEqual(quotes.first?["longest_lead_time_days"], .int(30))
        XCTAssertEqual(quotes.first?["complete"], .bool(false))
        XCTAssertEqual(try w.buyer.client.get("/v1/buyer/rfqs/\(w.rfqID)").json["quote_count"], .int(1))

        // History keeps both; the response was counted once, with its delay from the invitation.
        let history = try w.first.client.get("/v1/seller/rfqs/\(w.rfqID)/quotes").json["data"]?.arrayValue ?? []
        XCTAssertEqual(history.map { $0["revision"] }, [.int(2), .int(1)])
        XCTAssertEqual(history.map { $0["status"] }, [.string("current"), .string("superseded")])
        XCTAssertEqual(try w.market.scalar("SELECT rfqs_answered FROM supplier_scorecards WHERE supplier_id = ?",
                                           [.text(w.first.organizationID)]), 1)
        XCTAssertEqual(try w.market.scalar("SELECT response_seconds FROM rfq_recipients WHERE rfq_id = ? AND supplier_id = ?",
                                           [.text(w.rfqID), .text(w.first.organizationID)]), 3600)

        // The superseded revision cannot be awarded: the buyer must not get a price it did not compare.
        let award = try w.buyer.client.post("/v1/buyer/rfqs/\(w.rfqID)/award", json: ["quote_id": first.json["id"] ?? .null])
        XCTAssertEqual(award.status, 409, award.text)
        XCTAssertEqual(award.json["type"]?.stringValue.map { $0.hasSuffix("quote_superseded") }, true)
    }

    func testLateQuoteIs409AndTheRFQReadsClosed() throws {
        let w = try world()
        w.market.clock.advance(seconds: 4 * 3600)  // exactly respond_by: no longer open
        let late = try w.market.quote(w.first, rfq: w.rfqID, prices: [(w.items[0], "0.50")])
        XCTAssertEqual(late.status, 409, late.text)
        XCTAssertEqual(late.json["type"]?.stringValue.map { $0.hasSuffix("rfq_deadline_passed") }, true)
        XCTAssertEqual(try w.second.client.post("/v1/seller/rfqs/\(w.rfqID)/decline", json: ["reason": "late"]).status, 409)
        XCTAssertEqual(try w.buyer.client.get("/v1/buyer/rfqs/\(w.rfqID)").json["status"]?.stringValue, "closed")
        XCTAssertEqual(try w.first.client.get("/v1/seller/rfqs?status=closed").json["data"]?.arrayValue?.count, 1)
        XCTAssertEqual(try w.first.client.get("/v1/seller/rfqs?status=open").json["data"]?.arrayValue?.count, 0)
    }

    func testQuoteValidationAndDeclineRules() throws {
        let w = try world()
        // Unknown item, repeated item, zero price, shipping in another currency, past validity.
        var response = try w.first.client.post("/v1/seller/rfqs/\(w.rfqID)/quotes", json: [
            "currency": "USD",
            "lines": [["item_id": "rqi_other", "unit_price": "1", "lead_time_days": 3],
                      ["item_id": .string(w.items[0]), "unit_price": "0", "lead_time_days": 3]],
            "shipping": money("5.00", "EUR"), "valid_until": .string(Timestamp.format(w.market.clock.now())),
        ])
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(Set(errorFields(response)), ["lines[1].unit_price", "shipping.currency", "valid_until"])
        response = try w.market.quote(w.first, rfq: w.rfqID, prices: [("rqi_other", "1"), (w.items[0], "1"), (w.items[0], "2")])
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(errorFields(response), ["lines[0].item_id", "lines[2].item_id"])
        response = try w.market.quote(w.first, rfq: w.rfqID, prices: [(w.items[0], "0.1234567")])
        XCTAssertEqual(errorFields(response), ["lines[0].unit_price"])

        // Decline: counts as the response; twice is 409; quoting afterwards is a change of mind.
        response = try w.second.client.post("/v1/seller/rfqs/\(w.rfqID)/decline", json: ["reason": "No capacity in Q1"])
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["response"]?.stringValue, "declined")
        XCTAssertEqual(response.json["decline_reason"]?.stringValue, "No capacity in Q1")
        XCTAssertEqual(try w.second.client.post("/v1/seller/rfqs/\(w.rfqID)/decline", json: ["reason": "x"]).status, 409)
        XCTAssertEqual(try w.buyer.client.get("/v1/buyer/rfqs/\(w.rfqID)").json["decline_count"], .int(1))
        XCTAssertEqual(try w.market.quote(w.second, rfq: w.rfqID, prices: [(w.items[1], "2.00")]).status, 201)
        let buyerView = try w.buyer.client.get("/v1/buyer/rfqs/\(w.rfqID)").json
        XCTAssertEqual(buyerView["decline_count"], .int(0))
        XCTAssertEqual(buyerView["quote_count"], .int(1))
        XCTAssertEqual(try w.market.scalar("SELECT rfqs_answered FROM supplier_scorecards WHERE supplier_id = ?",
                                           [.text(w.second.organizationID)]), 1)

        // A quote is an offer: it cannot be turned into a decline.
        XCTAssertEqual(try w.market.quote(w.first, rfq: w.rfqID, prices: [(w.items[0], "0.50")]).status, 201)
        response = try w.first.client.post("/v1/seller/rfqs/\(w.rfqID)/decline", json: ["reason": "changed our mind"])
        XCTAssertEqual(response.status, 409)
        XCTAssertEqual(response.json["type"]?.stringValue.map { $0.hasSuffix("already_quoted") }, true)
        XCTAssertEqual(try w.first.client.post("/v1/seller/rfqs/\(w.rfqID)/decline", json: [:]).status, 422)
    }

    /// The quote answer estimates commission and net payout in the supplier's payout currency, naming the rule.
    func testQuoteAnswerEstimatesCommissionAndPayoutInThePayoutCurrency() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let fasteners = try market.createCategory(admin, en: "Fasteners", ko: "체결류")
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트", parent: fasteners)
        try market.createFeeRule(admin, ["scope": "default", "percent": "5"])
        let rule = try market.createFeeRule(admin, ["scope": "category", "category_id": .string(fasteners), "percent": "10"])
        try market.createFXRate(admin, base: "USD", quote: "EUR", rate: "0.9")
        let supplier = try market.supplier(declaring: [bolts], payoutCurrency: "EUR")
        let buyer = try market.signUp(.buyer)
        let rfq = try market.createRFQ(buyer, market.rfqBody(categoryID: bolts, quantities: [1000], broadcast: true))
        let items = itemIDs(rfq)

        let response = try market.quote(supplier, rfq: rfq["id"]?.stringValue ?? "", prices: [(items[0], "2.50")],
                                        shipping: money("100.00", "USD"))
        XCTAssertEqual(response.status, 201, response.text)
        // 2,500.00 USD → 2,250.00 EUR; shipping 90.00 EUR (not commissioned); 10 % (the Fasteners rule, an ancestor).
        XCTAssertEqual(response.json["estimated_commission"], money("225.00", "EUR"))
        XCTAssertEqual(response.json["estimated_net_payout"], money("2115.00", "EUR"))
        let estimate = response.json["estimate"]
        XCTAssertEqual(estimate?["gross"], money("2340.00", "EUR"))
        XCTAssertEqual(estimate?["fx"]?["rate"]?.stringValue, "0.9")
        XCTAssertEqual(estimate?["rules"]?.arrayValue?.first?["rule_id"], rule.json["id"])
        XCTAssertEqual(estimate?["rules"]?.arrayValue?.first?["percent"]?.stringValue, "10")

        // No rate to the payout currency: the quote is still taken, the estimate says why it is missing.
        let other = try market.supplier(declaring: [bolts], payoutCurrency: "JPY")
        let rfq2 = try market.createRFQ(buyer, market.rfqBody(categoryID: bolts, broadcast: true))
        let answer = try market.quote(other, rfq: rfq2["id"]?.stringValue ?? "", prices: [(itemIDs(rfq2)[0], "2.50")])
        XCTAssertEqual(answer.status, 201, answer.text)
        XCTAssertEqual(answer.json["estimated_commission"], .null)
        XCTAssertNotNil(answer.json["estimate"]?["unavailable_reason"]?.stringValue)
    }
}
