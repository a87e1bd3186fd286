import Foundation
import MarketCore
import Store
import Synchronization
import Web
import XCTest

/// Net-terms invoices: numbered without gaps even when deliveries race, due by the terms, overdue by the
/// injected clock, readable by the buyer's admins and approvers as JSON, printable bilingual HTML and CSV.
final class InvoiceTests: XCTestCase {
    func testInvoiceNumbersHaveNoGapsUnderConcurrentDeliveries() throws {
        let f = try OrderFixture()
        try f.allowNetTerms()
        let product = try f.listing(price: "5.00", stock: 1000)
        var shipped = [String]()
        for _ in 0..<16 {
            let id = try f.placeOrder(product, quantity: 1, terms: "net_30")["id"]?.stringValue ?? ""
            XCTAssertEqual(try f.confirmAndShip(id).status, 200)
            shipped.append(id)
        }
        // Deliveries that fail (not shipped yet) race with them and must not take a number.
        var unshipped = [String]()
        for _ in 0..<4 {
            let id = try f.placeOrder(product, quantity: 1, terms: "net_30")["id"]?.stringValue ?? ""
            XCTAssertEqual(try f.act(f.supplier, "seller", id, "confirm").status, 200)
            unshipped.append(id)
        }
        let all = shipped + unshipped
        let statuses = Mutex<[String: Int]>([:])
        let client = f.supplier.client
        DispatchQueue.concurrentPerform(iterations: all.count) { index in
            let status = (try? client.send(.post, "/v1/seller/orders/\(all[index])/deliver").status) ?? -1
            statuses.withLock { $0[all[index]] = status }
        }
        let results = statuses.withLock { $0 }
        XCTAssertEqual(shipped.map { results[$0] }, Array(repeating: 200, count: shipped.count))
        XCTAssertEqual(unshipped.map { results[$0] }, Array(repeating: 409, count: unshipped.count))

        let numbers = try f.market.app.services.database.read { db in
            try db.query("SELECT number, sequence FROM invoices ORDER BY sequence").map { ($0.string("number") ?? "", $0.int64("sequence") ?? 0) }
        }
        XCTAssertEqual(numbers.map(\.1), Array(1...Int64(shipped.count)))
        XCTAssertEqual(numbers.map(\.0), (1...shipped.count).map { String(format: "INV-%08d", $0) })
        let listed = try f.buyer.client.get("/v1/buyer/invoices?limit=200").json["data"]?.arrayValue ?? []
        XCTAssertEqual(Set(listed.compactMap { $0["order_id"]?.stringValue }), Set(shipped))
    }

    func testAnInvoiceIsDueByItsTermsAndOverdueByTheClock() throws {
        let market = try TestMarket.withLongSessions()
        let f = try OrderFixture(market: market)
        try f.allowCredit(["net_30", "net_60"], limit: OrderFixture.money("100000.00", "USD"))
        let product = try f.listing(price: "10.00", stock: 100)
        let id = try f.deliveredNetTermsOrder(product, quantity: 10, terms: "net_60")
        let invoiceID = try f.invoiceID(of: id)
        var invoice = try f.buyer.client.get("/v1/buyer/invoices/\(invoiceID)").json
        XCTAssertEqual(invoice["status"], "open")
        XCTAssertEqual(invoice["amount_due"], OrderFixture.money("100.00", "USD"))
        XCTAssertEqual(invoice["lines"]?[at: 0]?["title"]?["ko"], "육각볼트 M8")
        let issued = Timestamp.parse(invoice["issued_at"]?.stringValue ?? "")
        let due = Timestamp.parse(invoice["due_at"]?.stringValue ?? "")
        XCTAssertEqual(due.flatMap { d in issued.map { d.timeIntervalSince($0) } }, 60 * 86_400)

        market.clock.advance(seconds: 60 * 86_400)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/invoices/\(invoiceID)").json["status"], "open", "due today, not late")
        market.clock.advance(seconds: 86_400)
        invoice = try f.buyer.client.get("/v1/buyer/invoices/\(invoiceID)").json
        XCTAssertEqual(invoice["status"], "overdue")
        XCTAssertEqual(invoice["days_overdue"], 1)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/invoices?status=overdue").json["data"]?.arrayValue?.count, 1)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/invoices?status=open").json["data"]?.arrayValue?.count, 0)

        XCTAssertEqual(try f.pay(invoice: invoiceID, "40.00").status, 201)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/invoices/\(invoiceID)").json["status"], "overdue", "still late on the rest")
        try f.returnUnits(try f.supplier.client.get("/v1/seller/orders/\(id)").json, quantity: 2)
        invoice = try f.buyer.client.get("/v1/buyer/invoices/\(invoiceID)").json
        XCTAssertEqual(invoice["credited"], OrderFixture.money("20.00", "USD"))
        XCTAssertEqual(invoice["amount_due"], OrderFixture.money("40.00", "USD"), "100 − 20 returned − 40 paid")
        XCTAssertEqual(try f.pay(invoice: invoiceID, "40.00").status, 201)
        invoice = try f.buyer.client.get("/v1/buyer/invoices/\(invoiceID)").json
        XCTAssertEqual(invoice["status"], "paid")
        XCTAssertEqual(invoice["days_overdue"], 0)
        XCTAssertEqual(invoice["payments"]?.arrayValue?.count, 2)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/invoices?status=paid").json["data"]?.arrayValue?.count, 1)
        XCTAssertEqual(try f.buyer.client.get("/v1/buyer/invoices?status=late").status, 422)
    }

    func testPrintableHTMLAndCSVEscapeWhatOthersTyped() throws {
        let f = try OrderFixture()
        let (buyer, supplier) = (f.buyer, f.supplier)
        // Names as other companies typed them (set directly: sign-up may tidy names, the invoice must not trust it did).
        try f.market.app.services.database.write { db in
            try db.execute("UPDATE organizations SET name = ? WHERE id = ?", [.text("대한건설 <b>Daehan</b>"), .text(buyer.organizationID)])
            try db.execute("UPDATE organizations SET name = ? WHERE id = ?",
                           [.text("<script>alert('x')</script> & Sons"), .text(supplier.organizationID)])
        }
        try f.allowNetTerms()
        let created = try supplier.client.post("/v1/seller/products", json: [
            "sku": "=HYPERLINK(\"http://evil\")", "title": ["en": "Bolt \"M8\" <img src=x onerror=alert(1)>", "ko": "볼트 & 너트"],
            "unit": "piece", "currency": "USD", "unit_price": "2.50", "min_order_quantity": 1, "stock": 100, "lead_time_days": 2,
            "status": "active",
        ])
        XCTAssertEqual(created.status, 201, created.text)
        let id = try f.deliveredNetTermsOrder(created.json["id"]?.stringValue ?? "", quantity: 4)
        let invoiceID = try f.invoiceID(of: id)

        let html = try buyer.client.get("/v1/buyer/invoices/\(invoiceID)", headers: ["Accept": "text/html"])
        XCTAssertEqual(html.status, 200)
        XCTAssertEqual(html.headers["Content-Type"], "text/html; charset=utf-8")
        XCTAssertNotNil(html.headers["Content-Security-Policy"])
        for expected in ["청구서", "Invoice", "INV-00000001", "미결제 금액", "Amount due", "10.00 USD",
                         "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Sons", "Bolt &quot;M8&quot; &lt;img src=x onerror=alert(1)&gt;",
                         "볼트 &amp; 너트", "대한건설 &lt;b&gt;Daehan&lt;/b&gt;"] {
            XCTAssertTrue(html.text.contains(expected), "missing \(expected)")
        }
        for forbidden in ["<script", "<img", "<b>"] { XCTAssertFalse(html.text.contains(forbidden), "unescaped \(forbidden)") }

        let csv = try buyer.client.get("/v1/buyer/invoices/\(invoiceID)", headers: ["Accept": "text/csv"])
        XCTAssertEqual(csv.headers["Content-Type"], "text/csv; charset=utf-8")
        let rows = csv.text.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map(String.init)
        XCTAssertEqual(rows.first, InvoiceCSVColumns.lines)
        XCTAssertTrue(rows.count == 2 && rows[1].contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), "\(rows)")
        XCTAssertTrue(rows[1].hasSuffix(",4,0,piece,2.50,10.00,USD"), rows[1])
        let list = try buyer.client.get("/v1/buyer/invoices", headers: ["Accept": "text/csv"])
        XCTAssertEqual(list.text.split(separator: "\r\n").count, 2)
        XCTAssertTrue(list.text.contains("INV-00000001"))
    }

    func testOnlyTheBuyersAdminsAndApproversSeeItsOwnInvoices() throws {
        let f = try OrderFixture()
        try f.allowNetTerms()
        let product = try f.listing(price: "10.00")
        let invoiceID = try f.invoiceID(of: try f.deliveredNetTermsOrder(product, quantity: 1))
        let approver = try f.market.addUser(to: f.buyer, roles: [.approver])
        let purchaser = try f.market.addUser(to: f.buyer, roles: [.purchaser])
        let stranger = try f.market.signUp(.buyer)
        XCTAssertEqual(try approver.client.get("/v1/buyer/invoices/\(invoiceID)").status, 200)
        XCTAssertEqual(try purchaser.client.get("/v1/buyer/invoices/\(invoiceID)").status, 403)
        XCTAssertEqual(try stranger.client.get("/v1/buyer/invoices/\(invoiceID)").status, 404)
        XCTAssertEqual(try stranger.client.get("/v1/buyer/invoices").json["data"]?.arrayValue?.count, 0)
        XCTAssertEqual(try f.supplier.client.get("/v1/buyer/invoices").status, 403)
        XCTAssertEqual(try f.market.client.get("/v1/buyer/invoices").status, 401)
    }
}

/// The CSV header rows the routes promise (kept here so a change to them is a visible test change).
enum InvoiceCSVColumns {
    static let lines = "number,issued_at,due_at,position,sku,title_en,title_ko,quantity,returned_quantity,unit,unit_price,line_total,currency"
}
