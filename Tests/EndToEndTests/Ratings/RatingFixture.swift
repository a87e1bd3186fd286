import Foundation
import HTTPServer
import MarketCore
import Store
import Web
import XCTest

/// Orders taken to delivery through the API (checkout, then the supplier's confirm, ship, deliver), and
/// reviews, replies and moderation as each party does them. Builds on `OrderFixture` (one operator, one
/// buyer, one active supplier); other suppliers and buyers can be passed in.
final class RatingFixture {
    let orders: OrderFixture
    var market: TestMarket { orders.market }
    var admin: TestMarket.Account { orders.admin }
    var buyer: TestMarket.Account { orders.buyer }
    var supplier: TestMarket.Account { orders.supplier }

    /// Login tokens last 90 days here (12 h by default): the on-time tests move the clock by days.
    init() throws {
        let market = try TestMarket { $0.market.loginTokenLifetimeSeconds = 90 * 86_400 }
        orders = try OrderFixture(market: market)
    }

    /// An order of one fresh listing of `seller` (lead time `leadTime` days), placed by `buyer`; its id.
    func placedOrder(seller: TestMarket.Account? = nil, buyer: TestMarket.Account? = nil, leadTime: Int = 3,
                     file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let product = try orders.listing(seller ?? supplier, leadTime: leadTime, file: file, line: line)
        let placed = try orders.placeOrders([(product, 1)], by: buyer ?? self.buyer, file: file, line: line)
        let id = placed.first?["id"]?.stringValue ?? ""
        XCTAssertFalse(id.isEmpty, "no order placed", file: file, line: line)
        return id
    }

    /// Confirm and ship as `seller`, let `transit` seconds pass, then deliver.
    func deliver(_ orderID: String, seller: TestMarket.Account? = nil, transit: TimeInterval = 0,
                 file: StaticString = #filePath, line: UInt = #line) throws {
        let seller = seller ?? supplier
        XCTAssertEqual(try orders.act(seller, "seller", orderID, "confirm").status, 200, file: file, line: line)
        try market.payIfPrepaid(orderID, file: file, line: line)  // a prepaid order ships only once paid
        let shipped = try orders.act(seller, "seller", orderID, "ship", ["carrier": "CJ Logistics", "tracking_number": "6301-2234-9981"])
        XCTAssertEqual(shipped.status, 200, shipped.text, file: file, line: line)
        if transit > 0 { market.clock.advance(seconds: transit) }
        let delivered = try orders.act(seller, "seller", orderID, "deliver")
        XCTAssertEqual(delivered.status, 200, delivered.text, file: file, line: line)
    }

    /// A delivered order of `seller`, bought by `buyer`.
    func deliveredOrder(seller: TestMarket.Account? = nil, buyer: TestMarket.Account? = nil, leadTime: Int = 3,
                        transit: TimeInterval = 0, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let id = try placedOrder(seller: seller, buyer: buyer, leadTime: leadTime, file: file, line: line)
        try deliver(id, seller: seller, transit: transit, file: file, line: line)
        return id
    }

    /// `POST /v1/buyer/orders/{id}/review` with all four scores set to `rating` unless given.
    func review(_ orderID: String, by account: TestMarket.Account? = nil, rating: Int = 5, quality: Int? = nil,
                delivery: Int? = nil, communication: Int? = nil, comment: String? = "Good parts", key: String? = nil)
        throws -> TestResponse {
        var body: JSONObject = [
            "rating": .int(rating), "quality": .int(quality ?? rating), "delivery": .int(delivery ?? rating),
            "communication": .int(communication ?? rating),
        ]
        if let comment { body["comment"] = .string(comment) }
        var headers = HTTPHeaders()
        if let key { headers.set("Idempotency-Key", key) }
        return try (account ?? buyer).client.post("/v1/buyer/orders/\(orderID)/review", json: .object(body), headers: headers)
    }

    /// A delivered order reviewed with `rating`; the review's id.
    @discardableResult
    func reviewedOrder(seller: TestMarket.Account? = nil, buyer: TestMarket.Account? = nil, rating: Int, comment: String? = nil,
                       file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let order = try deliveredOrder(seller: seller, buyer: buyer, file: file, line: line)
        let response = try review(order, by: buyer, rating: rating, comment: comment)
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return response.json["id"]?.stringValue ?? ""
    }

    /// `POST /v1/admin/reviews/{id}/hide|unhide`.
    func moderate(_ reviewID: String, _ action: String, reason: String = "Personal data in the comment") throws -> TestResponse {
        try admin.client.post("/v1/admin/reviews/\(reviewID)/\(action)", json: ["reason": .string(reason)])
    }

    /// `GET /v1/catalog/sellers/{id}` (anonymous), which must answer 200.
    func profile(_ seller: TestMarket.Account? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> JSON {
        let response = try market.client.get("/v1/catalog/sellers/\((seller ?? supplier).organizationID)")
        XCTAssertEqual(response.status, 200, response.text, file: file, line: line)
        return response.json
    }

    func scorecard(_ seller: TestMarket.Account? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> JSON {
        try profile(seller, file: file, line: line)["scorecard"] ?? .null
    }

    /// The ids of the reviews a profile shows.
    func profileReviewIDs(_ seller: TestMarket.Account? = nil) throws -> [String] {
        try profile(seller)["reviews"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    /// Events of `type` in the outbox, as (data, audience).
    func events(_ type: String) throws -> [(data: JSON, audience: JSON)] {
        try market.app.services.database.read { db in
            try db.query("SELECT payload, audience FROM events WHERE type = ? ORDER BY id", [.text(type)]).map { row in
                let payload = (try? JSONParser.parse(Array((row.string("payload") ?? "").utf8))) ?? .null
                let audience = (try? JSONParser.parse(Array((row.string("audience") ?? "").utf8))) ?? .null
                return (payload["data"] ?? .null, audience)
            }
        }
    }
}
