import Foundation
import MarketCore
import Store
import Synchronization
import Web
import XCTest

/// Payments recorded by the operator: prepaid orders ship only once paid, partial payments add up to
/// paid, never above what is due, each one a ledger posting; net-terms credit comes back as orders are paid.
final class PaymentTests: XCTestCase {
    func testAPrepaidOrderShipsOnlyOncePaidAndNetTermsShipUnpaid() throws {
        let f = try OrderFixture()
        try f.allowCredit(["prepaid", "net_30"], limit: OrderFixture.money("10000.00", "USD"))
        let product = try f.listing(price: "10.00", stock: 100)
        let order = try f.placeOrder(product, quantity: 10)
        let id = order["id"]?.stringValue ?? ""
        XCTAssertEqual(order["payment_status"], "unpaid")
        XCTAssertEqual(order["paid"], OrderFixture.money("0.00", "USD"))
        XCTAssertEqual(order["amount_due"], OrderFixture.money("100.00", "USD"))

        var response = try f.confirmAndShip(id)
        XCTAssertEqual(response.status, 409, response.text)
        XCTAssertEqual(response.json["type"]?.stringValue?.hasSuffix("payment_required"), true)
        XCTAssertEqual(response.json["amount_due"], OrderFixture.money("100.00", "USD"))
        XCTAssertEqual(try f.buyerOrder(id)["status"], "confirmed", "nothing changed")

        response = try f.pay(order: id, "40.00")
        XCTAssertEqual(response.status, 201, response.text)
        XCTAssertEqual(response.json["order"]?["payment_status"], "partially_paid")
        response = try f.act(f.supplier, "seller", id, "ship", ["carrier": "CJ", "tracking_number": "1"])
        XCTAssertEqual(response.status, 409, "partly paid is not paid")
        XCTAssertEqual(response.json["amount_due"], OrderFixture.money("60.00", "USD"))

        XCTAssertEqual(try f.pay(order: id, "60.00").status, 201)
        response = try f.act(f.supplier, "seller", id, "ship", ["carrier": "CJ", "tracking_number": "1"])
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["payment_status"], "paid")

        // The buyer's list shows the payment figures too.
        let listed = try f.buyer.client.get("/v1/buyer/orders").json["data"]?.arrayValue?.first { $0["id"]?.stringValue == id }
        XCTAssertEqual(listed?["payment_status"], "paid")
        XCTAssertEqual(listed?["paid"], OrderFixture.money("100.00", "USD"))
        XCTAssertEqual(listed?["amount_due"], OrderFixture.money("0.00", "USD"))

        // Net terms ship unpaid.
        let net = try f.placeOrder(product, quantity: 1, terms: "net_30")["id"]?.stringValue ?? ""
        XCTAssertEqual(try f.confirmAndShip(net).status, 200)
        XCTAssertEqual(try f.buyerOrder(net)["payment_status"], "unpaid")
        try f.assertLedgerBalanced()
    }

    func testPartialPaymentsAddUpToPaidAndNeverExceedWhatIsDue() throws {
        let f = try OrderFixture()
        try f.allowNetTerms()
        let product = try f.listing(price: "12.50", stock: 100)
        let id = try f.deliveredNetTermsOrder(product, quantity: 8)  // 100.00 USD
        let invoice = try f.invoiceID(of: id)
        XCTAssertEqual(try f.buyerOrder(id)["invoice"]?["status"], "open")

        var response = try f.pay(invoice: invoice, "30.00", reference: "WIRE-1")
        XCTAssertEqual(response.status, 201, response.text)
        XCTAssertEqual(response.json["order_id"]?.stringValue, id)
        XCTAssertEqual(response.json["invoice"]?["id"]?.stringValue, invoice)
        XCTAssertEqual(response.json["order"]?["amount_due"], OrderFixture.money("70.00", "USD"))
        XCTAssertNotEqual(response.json["ledger_entry_id"], .null)
        var order = try f.buyerOrder(id)
        XCTAssertEqual(order["payment_status"], "partially_paid")
        XCTAssertEqual(order["invoice"]?["status"], "partially_paid")
        XCTAssertEqual(order["invoice"]?["amount_due"], OrderFixture.money("70.00", "USD"))

        // Overpayment, wrong currency, nothing, no target, unknown order, a reference used twice.
        response = try f.pay(order: id, "70.01")
        XCTAssertEqual(response.status, 422, response.text)
        XCTAssertEqual(response.json["type"]?.stringValue?.hasSuffix("overpayment"), true)
        XCTAssertEqual(response.json["amount_due"], OrderFixture.money("70.00", "USD"))
        response = try f.pay(order: id, "10", "KRW")
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(OrderFixture.fields(response), ["amount.currency"])
        XCTAssertEqual(try f.pay(order: id, "0.00").status, 422)
        response = try f.admin.client.post("/v1/admin/payments", json: ["amount": OrderFixture.money("1.00", "USD"), "method": "card", "reference": "x"])
        XCTAssertEqual(OrderFixture.fields(response), ["order_id"])
        XCTAssertEqual(try f.pay(order: "ord_missing", "1.00").status, 404)
        XCTAssertEqual(try f.pay(order: id, "1.00", reference: "WIRE-1").status, 409, "the same bank reference twice")
        XCTAssertEqual(try f.pay(order: id, "1.00", method: "cheque").status, 422)

        // Retried with the same Idempotency-Key: recorded once.
        let first = try f.pay(order: id, "20.00", reference: "WIRE-2", key: "pay-2")
        let again = try f.pay(order: id, "20.00", reference: "WIRE-2", key: "pay-2")
        XCTAssertEqual(first.status, 201)
        XCTAssertEqual(again.status, 201)
        XCTAssertEqual(again.json["id"], first.json["id"])
        XCTAssertEqual(try f.paymentCount(id), 2)

        XCTAssertEqual(try f.pay(order: id, "50.00", method: "card").status, 201)
        order = try f.buyerOrder(id)
        XCTAssertEqual(order["payment_status"], "paid")
        XCTAssertEqual(order["paid"], OrderFixture.money("100.00", "USD"))
        XCTAssertEqual(order["invoice"]?["status"], "paid")
        XCTAssertEqual(try f.pay(order: id, "0.01").json["type"]?.stringValue?.hasSuffix("overpayment"), true)

        // Listed newest first, audited, posted: the buyer owes nothing, the bank holds the money.
        let list = try f.admin.client.get("/v1/admin/payments?order_id=\(id)&limit=2")
        XCTAssertEqual(list.json["data"]?.arrayValue?.map { $0["amount"]?["amount"]?.stringValue ?? "" }, ["50.00", "20.00"])
        let next = list.json["next_cursor"]?.stringValue ?? ""
        XCTAssertEqual(try f.admin.client.get("/v1/admin/payments?order_id=\(id)&cursor=\(next)").json["data"]?.arrayValue?.count, 1)
        XCTAssertEqual(try f.market.auditEntries(f.admin, entityID: first.json["id"]?.stringValue ?? "").first?["action"], "payment.received")
        XCTAssertEqual(try f.balance("buyer_receivable:\(f.buyer.organizationID):USD"), OrderFixture.money("0.00", "USD"))
        XCTAssertEqual(try f.balance("cash:USD"), OrderFixture.money("100.00", "USD"))
        try f.assertLedgerBalanced()

        // Only the operator's admin and finance users record payments.
        XCTAssertEqual(try f.buyer.client.post("/v1/admin/payments", json: ["order_id": .string(id)]).status, 403)
    }

    func testConcurrentPaymentsNeverExceedWhatIsDue() throws {
        let f = try OrderFixture()
        let product = try f.listing(price: "10.00", stock: 100)
        let id = try f.placeOrder(product, quantity: 10)["id"]?.stringValue ?? ""  // 100.00 due
        let statuses = Mutex<[Int]>([])
        let client = f.admin.client
        DispatchQueue.concurrentPerform(iterations: 6) { index in
            let response = try? client.post("/v1/admin/payments", json: [
                "order_id": .string(id), "amount": OrderFixture.money("30.00", "USD"), "method": "bank_transfer",
                "reference": .string("RACE-\(index)"),
            ])
            statuses.withLock { $0.append(response?.status ?? -1) }
        }
        XCTAssertEqual(statuses.withLock { $0 }.sorted(), [201, 201, 201, 422, 422, 422])
        let order = try f.buyerOrder(id)
        XCTAssertEqual(order["paid"], OrderFixture.money("90.00", "USD"))
        XCTAssertEqual(order["amount_due"], OrderFixture.money("10.00", "USD"))
        try f.assertLedgerBalanced()
    }

    func testAPaymentFreesCreditForTheNextNetTermsOrder() throws {
        let f = try OrderFixture()
        try f.allowCredit(["net_30"], limit: OrderFixture.money("100.00", "USD"))
        let product = try f.listing(price: "10.00", stock: 100)
        let first = try f.placeOrder(product, quantity: 8, terms: "net_30")
        let id = first["id"]?.stringValue ?? ""
        XCTAssertEqual(first["credit_held"], OrderFixture.money("80.00", "USD"))
        var refused = try f.checkout([(product, 3)], terms: "net_30")
        XCTAssertEqual(refused.status, 422)
        XCTAssertEqual(refused.json["type"]?.stringValue?.hasSuffix("credit_limit_exceeded"), true)

        // Paid in part before delivery: the hold shrinks by the payment.
        XCTAssertEqual(try f.pay(order: id, "5.00").status, 201)
        XCTAssertEqual(try f.buyerOrder(id)["credit_held"], OrderFixture.money("75.00", "USD"))
        refused = try f.checkout([(product, 3)], terms: "net_30")
        XCTAssertEqual(refused.status, 422, "75 + 30 is still beyond 100")

        XCTAssertEqual(try f.pay(order: id, "75.00").status, 201)
        XCTAssertEqual(try f.buyerOrder(id)["credit_held"], OrderFixture.money("0.00", "USD"))
        XCTAssertEqual(try f.checkout([(product, 3)], terms: "net_30").status, 201, "the refused order goes through once paid")
        XCTAssertEqual(try f.checkout([(product, 7)], terms: "net_30").status, 201)
        XCTAssertEqual(try f.checkout([(product, 1)], terms: "net_30").status, 422)

        // Paid before delivery: the invoice is born paid.
        try f.fulfil(id)
        let invoice = try f.buyerOrder(id)["invoice"]
        XCTAssertEqual(invoice?["status"], "paid")
        XCTAssertEqual(invoice?["amount_due"], OrderFixture.money("0.00", "USD"))
        try f.assertLedgerBalanced()
    }

    func testReturnsAndCancellationsSendTheMoneyBackTheSameWay() throws {
        let f = try OrderFixture()
        try f.allowNetTerms()
        let product = try f.listing(price: "10.00", stock: 100)

        // Prepaid, paid by card, delivered; 3 of 10 come back: 30.00 goes back to the card.
        let prepaid = try f.placeOrder(product, quantity: 10)["id"]?.stringValue ?? ""
        XCTAssertEqual(try f.pay(order: prepaid, "100.00", method: "card").status, 201)
        try f.fulfil(prepaid)
        var order = try f.supplier.client.get("/v1/seller/orders/\(prepaid)").json
        try f.returnUnits(order, quantity: 3)
        order = try f.buyerOrder(prepaid)
        XCTAssertEqual(order["payment_status"], "paid", "a partial refund leaves the rest paid")
        XCTAssertEqual(order["paid"], OrderFixture.money("70.00", "USD"))
        XCTAssertEqual(order["amount_due"], OrderFixture.money("0.00", "USD"))
        XCTAssertEqual(order["payment_refunds"]?[at: 0]?["amount"], OrderFixture.money("30.00", "USD"))
        XCTAssertEqual(order["payment_refunds"]?[at: 0]?["method"], "card")
        XCTAssertEqual(order["payment_refunds"]?[at: 0]?["cause"], "return")
        try f.returnUnits(order, quantity: 7)
        order = try f.buyerOrder(prepaid)
        XCTAssertEqual(order["payment_status"], "refunded")
        XCTAssertEqual(order["paid"], OrderFixture.money("0.00", "USD"))
        XCTAssertEqual(order["payment_refunds"]?.arrayValue?.count, 2)

        // Net terms, paid 50 of 100, 3 come back: it still owes 20 and gets nothing back.
        let net = try f.deliveredNetTermsOrder(product, quantity: 10)
        XCTAssertEqual(try f.pay(order: net, "50.00").status, 201)
        try f.returnUnits(try f.supplier.client.get("/v1/seller/orders/\(net)").json, quantity: 3)
        order = try f.buyerOrder(net)
        XCTAssertEqual(order["payment_status"], "partially_paid")
        XCTAssertEqual(order["amount_due"], OrderFixture.money("20.00", "USD"))
        XCTAssertEqual(order["invoice"]?["amount_due"], OrderFixture.money("20.00", "USD"))
        XCTAssertEqual(order["payment_refunds"]?.arrayValue?.count, 0)

        // A paid order cancelled before shipping: everything goes back.
        let cancelled = try f.placeOrder(product, quantity: 2)["id"]?.stringValue ?? ""
        XCTAssertEqual(try f.pay(order: cancelled, "20.00").status, 201)
        XCTAssertEqual(try f.act(f.buyer, "buyer", cancelled, "cancel").status, 200)
        order = try f.buyerOrder(cancelled)
        XCTAssertEqual(order["payment_status"], "refunded")
        XCTAssertEqual(order["payment_refunds"]?[at: 0]?["cause"], "cancellation")
        XCTAssertEqual(try f.pay(order: cancelled, "1.00").status, 409, "a cancelled order takes no payment")

        // Cash: 100 − 30 − 70 + 50 + 20 − 20 = 50; the buyer owes the 20 left on the net-terms order.
        XCTAssertEqual(try f.balance("cash:USD"), OrderFixture.money("50.00", "USD"))
        XCTAssertEqual(try f.balance("buyer_receivable:\(f.buyer.organizationID):USD"), OrderFixture.money("20.00", "USD"))
        try f.assertLedgerBalanced()
    }
}
