import Foundation
import MarketCore
import Web
import XCTest

/// Returns after delivery: pro-rated refunds and commission reversal, half-even.
final class ReturnTests: XCTestCase {
    func testPartialThenFullReturnReversesCommissionHalfEven() throws {
        let f = try OrderFixture()
        try f.market.createFeeRule(f.admin, ["scope": "default", "percent": "7", "fixed_fee": OrderFixture.money("0.50", "USD")])
        let product = try f.listing(price: "5.025", stock: 10)
        let order = try f.placeOrder(product, quantity: 2)
        let id = order["id"]?.stringValue ?? ""
        let lineID = order["lines"]?[at: 0]?["id"]?.stringValue ?? ""
        XCTAssertEqual(order["lines"]?[at: 0]?["unit_price"], OrderFixture.money("5.025", "USD"))
        XCTAssertEqual(order["total"], OrderFixture.money("10.05", "USD"))

        // Not before delivery.
        var response = try f.buyer.client.post("/v1/buyer/orders/\(id)/returns", json: ["lines": [["line_id": .string(lineID), "quantity": 1]], "reason": "damaged"])
        XCTAssertEqual(response.status, 409)
        XCTAssertEqual(response.json["current_status"], "placed")
        try f.fulfil(id)

        let seller = try f.supplier.client.get("/v1/seller/orders/\(id)").json
        XCTAssertEqual(seller["lines"]?[at: 0]?["commission"]?["amount"], OrderFixture.money("0.70", "USD"))  // 0.7035
        XCTAssertEqual(seller["commission"]?["total"], OrderFixture.money("1.20", "USD"))

        response = try f.buyer.client.post("/v1/buyer/orders/\(id)/returns", json: ["lines": [["line_id": .string(lineID), "quantity": 3]], "reason": "damaged"])
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(OrderFixture.fields(response), ["lines[0].quantity"])
        response = try f.buyer.client.post("/v1/buyer/orders/\(id)/returns", json: ["lines": [["line_id": "oln_other", "quantity": 1]], "reason": "damaged"])
        XCTAssertEqual(OrderFixture.fields(response), ["lines[0].line_id"])

        response = try f.buyer.client.post("/v1/buyer/orders/\(id)/returns", json: ["lines": [["line_id": .string(lineID), "quantity": 1]], "reason": "damaged"],
                                           headers: ["Idempotency-Key": "ret-1"])
        XCTAssertEqual(response.status, 201, response.text)
        // 10.05 × 1/2 = 5.025 → 5.02 (half-even), commission 0.70 × 1/2 = 0.35.
        XCTAssertEqual(response.json["refund"], OrderFixture.money("5.02", "USD"))
        XCTAssertEqual(response.json["order_status"], "partially_returned")
        XCTAssertEqual(response.json["restocked"], false)
        XCTAssertNil(response.json["commission_reversed"], "the buyer does not see commission")
        let replay = try f.buyer.client.post("/v1/buyer/orders/\(id)/returns", json: ["lines": [["line_id": .string(lineID), "quantity": 1]], "reason": "damaged"],
                                             headers: ["Idempotency-Key": "ret-1"])
        XCTAssertEqual(replay.body, response.body)
        var view = try f.supplier.client.get("/v1/seller/orders/\(id)").json
        XCTAssertEqual(view["status"], "partially_returned")
        XCTAssertEqual(view["lines"]?[at: 0]?["returned_quantity"], 1)
        XCTAssertEqual(view["lines"]?[at: 0]?["commission"]?["reversed"], OrderFixture.money("0.35", "USD"))
        XCTAssertEqual(view["returns"]?[at: 0]?["commission_reversed"], OrderFixture.money("0.35", "USD"))
        XCTAssertEqual(try f.stock(product), 8, "returns do not restock automatically")

        response = try f.buyer.client.post("/v1/buyer/orders/\(id)/returns", json: ["lines": [["line_id": .string(lineID), "quantity": 1]], "reason": "damaged too"])
        XCTAssertEqual(response.status, 201, response.text)
        XCTAssertEqual(response.json["refund"], OrderFixture.money("5.03", "USD"), "the rest: refunds add up to the line total")
        XCTAssertEqual(response.json["order_status"], "returned")
        view = try f.supplier.client.get("/v1/seller/orders/\(id)").json
        XCTAssertEqual(view["refunded"], OrderFixture.money("10.05", "USD"))
        XCTAssertEqual(view["lines"]?[at: 0]?["commission"]?["reversed"], OrderFixture.money("0.70", "USD"))
        XCTAssertEqual(view["commission"]?["reversed"], OrderFixture.money("1.20", "USD"), "fixed fee reversed on a full return")
        XCTAssertEqual(view["returns"]?[at: 1]?["fixed_fee_reversed"], OrderFixture.money("0.50", "USD"))
        XCTAssertEqual(try f.buyer.client.post("/v1/buyer/orders/\(id)/returns", json: ["lines": [["line_id": .string(lineID), "quantity": 1]], "reason": "x"]).status, 409)
        XCTAssertEqual(try f.act(f.buyer, "buyer", id, "receive").status, 409)
    }

    func testReturnCreditsTheInvoiceAndReleasesCredit() throws {
        let f = try OrderFixture()
        try f.allowCredit(["net_30"], limit: OrderFixture.money("100.00", "USD"))
        let product = try f.listing(price: "10.00", stock: 10)
        let order = try f.placeOrder(product, quantity: 10, terms: "net_30")
        let id = order["id"]?.stringValue ?? ""
        try f.fulfil(id)
        XCTAssertEqual(try f.checkout([(product, 0 + 1)], terms: "net_30").status, 422, "the credit is used up")
        let response = try f.buyer.client.post("/v1/buyer/orders/\(id)/returns", json: [
            "lines": [["line_id": .optional(order["lines"]?[at: 0]?["id"]?.stringValue), "quantity": 3]], "reason": "wrong size",
        ])
        XCTAssertEqual(response.status, 201, response.text)
        let view = try f.buyer.client.get("/v1/buyer/orders/\(id)").json
        XCTAssertEqual(view["invoice"]?["amount_due"], OrderFixture.money("70.00", "USD"))
        XCTAssertEqual(view["credit_held"], OrderFixture.money("70.00", "USD"))
        // Stock is not restocked by the return; the supplier relists what it inspected.
        XCTAssertEqual(try f.stock(product), 0)
        let sku = try f.supplier.client.get("/v1/seller/products/\(product)")
        let patched = try f.supplier.client.patch("/v1/seller/products/\(product)", json: ["stock": 3],
                                                  headers: ["If-Match": sku.headers["ETag"] ?? ""])
        XCTAssertEqual(patched.status, 200, patched.text)
        XCTAssertEqual(try f.checkout([(product, 3)], terms: "net_30").status, 201)
    }

    func testProrationIsCumulativeAndExact() throws {
        // 3 units, line 10.00, commission 0.70: thirds of each, half-even, never more than the whole.
        let line = Money(minorUnits: 1000, currency: .usd)
        let commission = Money(minorUnits: 70, currency: .usd)
        var refunds: [Int64] = []
        var reversals: [Int64] = []
        for returned in 0..<3 {
            let share = try ReturnProration.share(lineTotal: line, commission: commission, quantity: 3, alreadyReturned: Int64(returned), returning: 1)
            refunds.append(share.refund.minorUnits)
            reversals.append(share.commissionReversed.minorUnits)
        }
        XCTAssertEqual(refunds, [333, 334, 333])
        XCTAssertEqual(reversals, [23, 24, 23])
        XCTAssertEqual(refunds.reduce(0, +), 1000)
        XCTAssertEqual(reversals.reduce(0, +), 70)
    }

    func testTheFixedFeeIsReversedOnlyWhereTheSupplierNoLongerCoversIt() {
        // 12 units at 1.00, 7% (0.84) plus a 3.00 fixed fee; 11 come back: refund 11.00, 0.77 reversed.
        XCTAssertEqual(ReturnProration.fixedFeeReversed(fixedFee: 300, alreadyReversed: 0, everything: false,
                                                        grossLeft: 100, commissionLeft: 384 - 77), 207)
        // One unit back of twelve: the supplier still covers the whole fee.
        XCTAssertEqual(ReturnProration.fixedFeeReversed(fixedFee: 300, alreadyReversed: 0, everything: false,
                                                        grossLeft: 1100, commissionLeft: 384 - 7), 0)
        // The last unit: whatever is left of the fee, never more.
        XCTAssertEqual(ReturnProration.fixedFeeReversed(fixedFee: 300, alreadyReversed: 207, everything: true,
                                                        grossLeft: 0, commissionLeft: 0), 93)
        XCTAssertEqual(ReturnProration.fixedFeeReversed(fixedFee: 0, alreadyReversed: 0, everything: false,
                                                        grossLeft: 0, commissionLeft: 50), 0)
    }
}
