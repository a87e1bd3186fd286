import Foundation
import MarketCore
import Web
import XCTest

final class RFQBroadcastTests: XCTestCase {
    /// Broadcast reaches exactly the active suppliers declaring an item's category or an ancestor of it, plus
    /// the invited ones; the buyer learns the count and the ids it named, nothing else.
    func testBroadcastReachesExactlyTheEligibleSuppliers() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let hardware = try market.createCategory(admin, en: "Hardware", ko: "철물")
        let fasteners = try market.createCategory(admin, en: "Fasteners", ko: "체결류", parent: hardware)
        let hexBolts = try market.createCategory(admin, en: "Hex bolts", ko: "육각볼트", parent: fasteners)
        let m8 = try market.createCategory(admin, en: "M8 hex bolts", ko: "M8 육각볼트", parent: hexBolts)
        let tools = try market.createCategory(admin, en: "Tools", ko: "공구")

        let direct = try market.supplier(declaring: [hexBolts])
        let parent = try market.supplier(declaring: [fasteners, tools])
        let grandparent = try market.supplier(declaring: [hardware])
        let unrelated = try market.supplier(declaring: [tools])
        let narrower = try market.supplier(declaring: [m8])
        let suspended = try market.supplier(declaring: [hexBolts], status: .suspended)
        let pending = try market.supplier(declaring: [fasteners], status: .pending)
        let invitedOnly = try market.supplier(declaring: [])
        let buyer = try market.signUp(.buyer)

        // Unknown and inactive invited ids are refused, each named by its index.
        let response = try buyer.client.post("/v1/buyer/rfqs", json: market.rfqBody(
            categoryID: hexBolts, invite: [invitedOnly.organizationID, "org_unknown", pending.organizationID,
                                           suspended.organizationID, buyer.organizationID], broadcast: true))
        XCTAssertEqual(response.status, 422, response.text)
        XCTAssertEqual(errorFields(response), ["invite_seller_ids[1]", "invite_seller_ids[2]", "invite_seller_ids[3]",
                                               "invite_seller_ids[4]"])

        let rfq = try market.createRFQ(buyer, market.rfqBody(categoryID: hexBolts, invite: [invitedOnly.organizationID],
                                                             broadcast: true))
        let id = rfq["id"]?.stringValue ?? ""
        XCTAssertEqual(rfq["recipients"], .int(4))
        XCTAssertEqual(rfq["invited_seller_ids"], .array([.string(invitedOnly.organizationID)]))
        XCTAssertEqual(rfq["status"]?.stringValue, "open")
        XCTAssertEqual(rfq["items"]?.arrayValue?.count, 1)

        for supplier in [direct, parent, grandparent, invitedOnly] {
            let inbox = try supplier.client.get("/v1/seller/rfqs")
            XCTAssertEqual(inbox.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, [id], inbox.text)
            XCTAssertEqual(try supplier.client.get("/v1/seller/rfqs/\(id)").status, 200)
            XCTAssertEqual(try market.scalar("SELECT rfqs_invited FROM supplier_scorecards WHERE supplier_id = ?",
                                             [.text(supplier.organizationID)]), 1)
        }
        XCTAssertEqual(try invitedOnly.client.get("/v1/seller/rfqs/\(id)").json["invited_directly"], .bool(true))
        XCTAssertEqual(try direct.client.get("/v1/seller/rfqs/\(id)").json["invited_directly"], .bool(false))
        for supplier in [unrelated, narrower, suspended, pending] {
            XCTAssertEqual(try supplier.client.get("/v1/seller/rfqs").json["data"]?.arrayValue?.count, 0)
            XCTAssertEqual(try supplier.client.get("/v1/seller/rfqs/\(id)").status, 404)
            XCTAssertNil(try market.scalar("SELECT rfqs_invited FROM supplier_scorecards WHERE supplier_id = ?",
                                           [.text(supplier.organizationID)]))
        }
        XCTAssertEqual(try market.scalar("SELECT count(*) FROM rfq_recipients WHERE rfq_id = ?", [.text(id)]), 4)

        // Without broadcast only the named supplier is asked.
        let named = try market.createRFQ(buyer, market.rfqBody(categoryID: hexBolts, invite: [unrelated.organizationID]))
        XCTAssertEqual(named["recipients"], .int(1))
        XCTAssertEqual(try direct.client.get("/v1/seller/rfqs").json["data"]?.arrayValue?.count, 1)
    }

    func testNamingAListingInvitesItsSellerAndFillsCategoryAndUnit() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        let seller = try market.supplier(declaring: [])
        let listing = try seller.client.post("/v1/seller/products", json: [
            "sku": "HB-M8", "title": ["en": "Hex bolt M8", "ko": "육각볼트 M8"], "category_id": .string(bolts), "unit": "box",
            "currency": "USD", "unit_price": "12.00", "stock": 500, "status": "active",
        ])
        XCTAssertEqual(listing.status, 201, listing.text)
        let productID = listing.json["id"]?.stringValue ?? ""
        let buyer = try market.signUp(.buyer)

        var body = market.rfqBody(categoryID: bolts).objectValue ?? JSONObject()
        body["items"] = [["product_id": .string(productID), "quantity": 400]]
        let rfq = try market.createRFQ(buyer, .object(body))
        XCTAssertEqual(rfq["recipients"], .int(1))
        XCTAssertEqual(rfq["items"]?.arrayValue?.first?["category_id"]?.stringValue, bolts)
        XCTAssertEqual(rfq["items"]?.arrayValue?.first?["unit"]?.stringValue, "box")
        XCTAssertEqual(try seller.client.get("/v1/seller/rfqs/\(rfq["id"]?.stringValue ?? "")").status, 200)

        // A draft or unknown listing is not an RFQ item.
        body["items"] = [["product_id": "prd_unknown", "quantity": 1]]
        let response = try buyer.client.post("/v1/buyer/rfqs", json: .object(body))
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(errorFields(response), ["items[0].product_id"])
    }

    func testInvalidRFQsAreRefusedWithEveryField() throws {
        let market = try TestMarket()
        let buyer = try market.signUp(.buyer)
        var response = try buyer.client.post("/v1/buyer/rfqs", json: [
            "title": "", "currency": "XXY", "respond_by": .string(Timestamp.format(market.clock.now().addingTimeInterval(-60))),
            "items": [["quantity": 0], ["category_id": "cat_nope", "description": "x", "quantity": 5, "target_unit_price": "-1"]],
            "delivery_country": "korea",
        ])
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(Set(errorFields(response)), [
            "title", "currency", "respond_by", "items[0].quantity", "items[0].description", "items[0].category_id",
            "items[1].target_unit_price", "delivery_country",
        ])
        // Well formed, but nobody to ask and an unknown category.
        response = try buyer.client.post("/v1/buyer/rfqs", json: [
            "title": "Bolts", "currency": "USD", "respond_by": .string(Timestamp.format(market.clock.now().addingTimeInterval(60))),
            "items": [["category_id": "cat_nope", "description": "x", "quantity": 5]], "delivery_country": "KR",
        ])
        XCTAssertEqual(errorFields(response), ["invite_seller_ids"])
        response = try buyer.client.post("/v1/buyer/rfqs", json: [
            "title": "Bolts", "currency": "USD", "respond_by": .string(Timestamp.format(market.clock.now().addingTimeInterval(60))),
            "items": [["category_id": "cat_nope", "description": "x", "quantity": 5]], "delivery_country": "KR", "broadcast": true,
        ])
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(errorFields(response), ["items[0].category_id"])

        // Suppliers and buyer approvers cannot create RFQs.
        let supplier = try market.activeSupplier()
        XCTAssertEqual(try supplier.client.post("/v1/buyer/rfqs", json: [:]).status, 403)
        let approver = try market.addUser(to: buyer, roles: [.approver])
        XCTAssertEqual(try approver.client.post("/v1/buyer/rfqs", json: [:]).status, 403)
    }

    /// Replaying the creation with the same Idempotency-Key creates nothing twice, not even an invitation count.
    func testCreationIsIdempotent() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        let supplier = try market.supplier(declaring: [bolts])
        let buyer = try market.signUp(.buyer)
        let body = market.rfqBody(categoryID: bolts, broadcast: true)
        let first = try buyer.client.post("/v1/buyer/rfqs", json: body, headers: ["Idempotency-Key": "rfq-1"])
        let second = try buyer.client.post("/v1/buyer/rfqs", json: body, headers: ["Idempotency-Key": "rfq-1"])
        XCTAssertEqual(first.status, 201)
        XCTAssertEqual(second.status, 201)
        XCTAssertEqual(second.headers["Idempotent-Replayed"], "true")
        XCTAssertEqual(first.json["id"], second.json["id"])
        XCTAssertEqual(try market.scalar("SELECT count(*) FROM rfqs", []), 1)
        XCTAssertEqual(try market.scalar("SELECT rfqs_invited FROM supplier_scorecards WHERE supplier_id = ?",
                                         [.text(supplier.organizationID)]), 1)
    }

    /// Another buyer's RFQ does not exist for you; lists show only your own, filtered by status.
    func testBuyerSeesOnlyItsOwnRFQs() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        let supplier = try market.supplier(declaring: [bolts])
        let buyer = try market.signUp(.buyer)
        let other = try market.signUp(.buyer)
        let rfq = try market.createRFQ(buyer, market.rfqBody(categoryID: bolts, invite: [supplier.organizationID]))
        let id = rfq["id"]?.stringValue ?? ""
        XCTAssertEqual(try other.client.get("/v1/buyer/rfqs/\(id)").status, 404)
        XCTAssertEqual(try other.client.get("/v1/buyer/rfqs/\(id)/quotes").status, 404)
        XCTAssertEqual(try other.client.post("/v1/buyer/rfqs/\(id)/cancel", json: [:]).status, 404)
        XCTAssertEqual(try other.client.get("/v1/buyer/rfqs").json["data"]?.arrayValue?.count, 0)
        let purchaser = try market.addUser(to: buyer, roles: [.approver])
        let list = try purchaser.client.get("/v1/buyer/rfqs?status=open")
        XCTAssertEqual(list.json["data"]?.arrayValue?.first?["id"]?.stringValue, id, list.text)
        XCTAssertEqual(list.json["data"]?.arrayValue?.first?["item_count"], .int(1))
        XCTAssertEqual(try purchaser.client.get("/v1/buyer/rfqs?status=closed").json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(try purchaser.client.get("/v1/buyer/rfqs?status=soon").status, 422)
    }

    /// The inbox walks the recipient buckets newest first; its pages are stable across a bucket boundary.
    func testInboxPagesAcrossRecipientBuckets() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트")
        let supplier = try market.supplier(declaring: [bolts])
        let buyer = try market.signUp(.buyer)
        var ids = [String]()
        for round in 0..<4 {
            market.clock.advance(seconds: 1)  // ids are time-ordered to the millisecond
            if round == 2 {
                // Pretend the newest bucket is full: the next RFQs open bucket 1.
                try market.app.services.database.write { db in
                    try db.execute("UPDATE rfq_recipient_buckets SET recipients = ? WHERE bucket = 0",
                                   [.integer(RFQRecipientBuckets.capacity)])
                }
            }
            ids.append(try market.createRFQ(buyer, market.rfqBody(title: "RFQ \(round)", categoryID: bolts, broadcast: true))["id"]?
                .stringValue ?? "")
        }
        XCTAssertEqual(try market.scalar("SELECT count(DISTINCT bucket) FROM rfq_recipients", []), 2)
        var seen = [String]()
        var cursor: String?
        repeat {
            let page = try supplier.client.get("/v1/seller/rfqs?limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""))
            XCTAssertEqual(page.status, 200, page.text)
            seen += page.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            cursor = page.json["next_cursor"]?.stringValue
        } while cursor != nil && seen.count < 10
        XCTAssertEqual(seen, ids.reversed())
        // Every invitation is still reachable by id, whatever its bucket.
        for id in ids { XCTAssertEqual(try supplier.client.get("/v1/seller/rfqs/\(id)").status, 200) }
        XCTAssertEqual(try supplier.client.get("/v1/seller/rfqs?cursor=bm90LWEtY3Vyc29y").status, 422)
    }
}
