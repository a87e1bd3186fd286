import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// `POST /v1/seller/products/import` (CSV and NDJSON, all or nothing) and `GET /v1/seller/products/export`.
final class ProductImportTests: XCTestCase {
    func importCSV(_ account: TestMarket.Account, _ text: String, headers: HTTPHeaders = [:]) throws -> TestResponse {
        var all = headers
        all.set("Content-Type", "text/csv")
        return try account.client.send(.post, "/v1/seller/products/import", headers: all, body: Array(text.utf8))
    }

    func testCSVImportCreatesThenUpdatesBySKU() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier(currency: "KRW")
        let category = try market.category("Bolts", "볼트")
        let csv = #"""
            title_ko,sku,unit_price,price_tiers,stock,category_id,title_en,description_en
            육각볼트 M8,HB-8,120,100:110;1000:100,500,\#(category),Hex bolt M8,"Zinc plated, box of 100"
            "스테인리스볼트 ""A2""",SB-1,250.5,,0,\#(category),,"Two
            lines"
            """#
        let first = try importCSV(supplier, csv)
        XCTAssertEqual(first.status, 200, first.text)
        XCTAssertEqual(first.json["created"]?.int64Value, 2)
        XCTAssertEqual(first.json["updated"]?.int64Value, 0)

        let listings = try supplier.client.get("/v1/seller/products").json["data"]?.arrayValue ?? []
        let bySKU = Dictionary(uniqueKeysWithValues: listings.compactMap { item in item["sku"]?.stringValue.map { ($0, item) } })
        XCTAssertEqual(bySKU["HB-8"]?["currency"]?.stringValue, "KRW")
        XCTAssertEqual(bySKU["HB-8"]?["price_tiers"]?.arrayValue?.count, 2)
        XCTAssertEqual(bySKU["HB-8"]?["description"]?["en"]?.stringValue, "Zinc plated, box of 100")
        XCTAssertEqual(bySKU["SB-1"]?["title"]?["ko"]?.stringValue, "스테인리스볼트 \"A2\"")
        XCTAssertEqual(bySKU["SB-1"]?["title"]?["en"], .null)
        XCTAssertEqual(bySKU["SB-1"]?["description"]?["en"]?.stringValue, "Two\nlines")
        XCTAssertEqual(bySKU["SB-1"]?["unit_price"]?.stringValue, "250.5")
        XCTAssertEqual(try market.searchIDs([("q", "스테인리스")]), [bySKU["SB-1"]?["id"]?.stringValue ?? ""])

        // A partial file updates only its columns; rows naming nothing new are "unchanged".
        let second = try importCSV(supplier, "sku,title_en,stock\r\nHB-8,Hex bolt M8,42\r\nSB-1,,0\r\n")
        XCTAssertEqual(second.status, 200, second.text)
        XCTAssertEqual(second.json["updated"]?.int64Value, 1)
        XCTAssertEqual(second.json["unchanged"]?.int64Value, 1)
        let updated = try supplier.client.get("/v1/seller/products?sku=HB-8").json["data"]?.arrayValue?.first
        XCTAssertEqual(updated?["stock"]?.int64Value, 42)
        XCTAssertEqual(updated?["title"]?["ko"]?.stringValue, "육각볼트 M8", "a column not in the file is kept")
        XCTAssertEqual(updated?["version"]?.int64Value, 2)
        // The search text is the whole listing's, not just the file's columns.
        XCTAssertEqual(try market.searchIDs([("q", "육각볼트")]), [updated?["id"]?.stringValue ?? ""])
    }

    func testTheProblemListIsCapped() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        var csv = "sku,title_en,unit_price\n"
        for n in 0..<1200 { csv += "CAP-\(n),Item,not-a-price\n" }
        let response = try importCSV(supplier, csv)
        XCTAssertEqual(response.status, 422)
        XCTAssertEqual(response.json["error_count"]?.int64Value, 1200)
        XCTAssertEqual(response.json["errors"]?.arrayValue?.count, 1000)
        XCTAssertEqual(response.json["errors_truncated"], .bool(true))
        XCTAssertEqual(importProblems(response).last?.line, 1001)
    }

    func testBadImportWritesNothingAndListsEveryBadRow() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        try market.createListing(supplier, ["sku": "KEEP", "title": ["en": "Kept"], "stock": 5])
        let csv = """
            sku,title_en,unit_price,stock,price_tiers,currency,status
            KEEP,Kept,10.00,99,,USD,active
            NEW-1,Fine row,1.00,1,,USD,active
            NEW-2,Bad price,abc,1,,USD,active
            ,No sku,1.00,1,,USD,active
            NEW-3,Bad stock and tiers,1.00,-4,10:2;5:1,USD,active
            NEW-1,Repeated SKU,1.00,1,,USD,active
            NEW-4,,1.00,1,,XXX,gone
            NEW-5,Short row
            """
        let response = try importCSV(supplier, csv)
        XCTAssertEqual(response.status, 422, response.text)
        let problems = importProblems(response).map { "\($0.line):\($0.field)" }
        XCTAssertEqual(Set(problems), [
            "4:unit_price", "5:sku", "6:stock", "6:price_tiers", "7:sku", "8:currency", "8:status", "8:title_en", "9:row",
        ])
        XCTAssertEqual(response.json["error_count"]?.int64Value, 9)
        XCTAssertEqual(response.json["errors_truncated"], .bool(false))
        XCTAssertNotNil(response.json["errors"]?.arrayValue?.first?["message"]?.stringValue)

        // Nothing was written: not the good new row, not the change to the existing one.
        let listings = try supplier.client.get("/v1/seller/products").json["data"]?.arrayValue ?? []
        XCTAssertEqual(listings.count, 1)
        XCTAssertEqual(listings.first?["stock"]?.int64Value, 5)
        XCTAssertEqual(try market.searchIDs([("q", "fine")]), [])
    }

    func testHeaderProblemsAndMediaType() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let unknown = try importCSV(supplier, "sku,title_en,colour\nA,B,red\n")
        XCTAssertEqual(unknown.status, 422)
        XCTAssertEqual(importProblems(unknown).map(\.field), ["colour"])
        XCTAssertEqual(importProblems(unknown).map(\.line), [1])
        let noTitle = try importCSV(supplier, "sku,stock\nA,1\n")
        XCTAssertEqual(importProblems(noTitle).map(\.field), ["title_en"])
        XCTAssertEqual(try importCSV(supplier, "").status, 422)
        let quote = try importCSV(supplier, "sku,title_en\nA,\"open\n")
        XCTAssertEqual(importProblems(quote).map(\.field), ["row"])
        let json = try supplier.client.send(.post, "/v1/seller/products/import", headers: ["Content-Type": "application/json"], body: Array("{}".utf8))
        XCTAssertEqual(json.status, 415)
        // A UTF-8 byte order mark (spreadsheet exports) is fine.
        let bom = try supplier.client.send(
            .post, "/v1/seller/products/import", headers: ["Content-Type": "text/csv; charset=utf-8"],
            body: [0xEF, 0xBB, 0xBF] + Array("sku,title_ko,unit_price\nBOM-1,볼트,3\n".utf8))
        XCTAssertEqual(bom.status, 200, bom.text)
        XCTAssertEqual(bom.json["created"]?.int64Value, 1)
    }

    func testNDJSONImport() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let buyer = try market.signUp(.buyer)
        let lines = [
            #"{"sku":"ND-1","title":{"en":"Nylon washer","ko":"나일론와셔"},"unit_price":"0.05","stock":1000,"attributes":{"material":"nylon"}}"#,
            "",
            #"{"sku":"ND-2","title":{"en":"Private gasket"},"unit_price":"2.50","visible_to_buyer_ids":["\#(buyer.organizationID)"]}"#,
        ].joined(separator: "\n")
        let response = try supplier.client.send(
            .post, "/v1/seller/products/import", headers: ["Content-Type": "application/x-ndjson"], body: Array(lines.utf8))
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.json["created"]?.int64Value, 2)
        XCTAssertEqual(try market.searchIDs([("q", "와셔")]).count, 1)
        XCTAssertEqual(try market.searchIDs([("q", "gasket")]).count, 0, "restricted")
        XCTAssertEqual(try market.searchIDs(buyer.client, [("q", "gasket")]).count, 1)

        let bad = [
            #"{"sku":"ND-3","title":{"en":"ok"},"unit_price":"1"}"#,
            #"{"sku":"ND-4","title":{"en":"x"},"unit_price":1}"#,
            #"not json"#,
            #"["sku"]"#,
            #"{"title":{"en":"no sku"},"unit_price":"1","stock":-1}"#,
        ].joined(separator: "\r\n")
        let rejected = try supplier.client.send(
            .post, "/v1/seller/products/import", headers: ["Content-Type": "application/x-ndjson"], body: Array(bad.utf8))
        XCTAssertEqual(rejected.status, 422, rejected.text)
        XCTAssertEqual(Set(importProblems(rejected).map { "\($0.line):\($0.field)" }), ["2:unit_price", "3:row", "4:row", "5:sku", "5:stock"])
        XCTAssertEqual(market.ids(try supplier.client.get("/v1/seller/products")).count, 2)
    }

    func testExportReimportsUnchanged() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier(currency: "EUR")
        let category = try market.category("Seals", "씰")
        try market.createListing(supplier, [
            "sku": "EX-1", "title": ["en": " Padded, \"quoted\" title ", "ko": "고무 가스켓"], "description": ["ko": "첫 줄\n둘째 줄"],
            "category_id": .string(category), "unit": "pack", "currency": "EUR", "unit_price": "0.125",
            "price_tiers": [["min_quantity": 50, "unit_price": "0.12"], ["min_quantity": 500, "unit_price": "0.1"]],
            "min_order_quantity": 10, "stock": 0, "lead_time_days": 14, "status": "draft",
        ])
        try market.createListing(supplier, ["sku": "EX-2", "title": ["ko": "볼트"], "currency": "KRW", "unit_price": "1500"])
        let archived = try market.createListing(supplier, ["sku": "EX-3"])["id"]?.stringValue ?? ""
        XCTAssertEqual(try supplier.client.delete("/v1/seller/products/\(archived)").status, 204)
        let before = try supplier.client.get("/v1/seller/products").json

        let export = try supplier.client.get("/v1/seller/products/export")
        XCTAssertEqual(export.status, 200)
        XCTAssertEqual(export.headers["Content-Type"], "text/csv; charset=utf-8")
        XCTAssertTrue(export.text.hasPrefix(ListingCSV.columns.joined(separator: ",") + "\r\n"))
        XCTAssertFalse(export.text.contains("EX-3"), "archived listings are not exported")
        XCTAssertEqual(export.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, 3, "header and two rows (CRLF ends rows; the LF inside a quoted field does not)")

        let reimport = try importCSV(supplier, export.text)
        XCTAssertEqual(reimport.status, 200, reimport.text)
        XCTAssertEqual(reimport.json["created"]?.int64Value, 0)
        XCTAssertEqual(reimport.json["updated"]?.int64Value, 0)
        XCTAssertEqual(reimport.json["unchanged"]?.int64Value, 2)
        XCTAssertEqual(try supplier.client.get("/v1/seller/products").json, before, "every field and version unchanged")

        // With a byte order mark for spreadsheets, still the same file to the importer.
        let withBOM = try supplier.client.get("/v1/seller/products/export?bom=true")
        XCTAssertEqual(Array(withBOM.body.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(try importCSV(supplier, withBOM.text).json["unchanged"]?.int64Value, 2)

        // Another supplier exports only its own.
        let other = try market.activeSupplier()
        XCTAssertEqual(try other.client.get("/v1/seller/products/export").text, ListingCSV.columns.joined(separator: ",") + "\r\n")
    }

    func testLargeExportAcrossBatches() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        var csv = "sku,title_en,unit_price,stock\n"
        for n in 0..<2500 { csv += "BULK-\(n),Bulk item \(n),\(n).25,\(n % 7)\n" }
        let response = try importCSV(supplier, csv)
        XCTAssertEqual(response.json["created"]?.int64Value, 2500, response.text)
        // Newest first means the file's last row first; the export keeps the file's order.
        let newest = try supplier.client.get("/v1/seller/products?limit=2").json["data"]?.arrayValue ?? []
        XCTAssertEqual(newest.compactMap { $0["sku"]?.stringValue }, ["BULK-2499", "BULK-2498"])
        let export = try supplier.client.get("/v1/seller/products/export")
        let lines = export.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 2501)
        XCTAssertTrue(lines[1].hasPrefix("BULK-0,"), lines[1])
        XCTAssertTrue(lines[2500].hasPrefix("BULK-2499,"), lines[2500])
        XCTAssertEqual(try importCSV(supplier, export.text).json["unchanged"]?.int64Value, 2500)
        XCTAssertEqual(try market.searchIDs([("q", "bulk 1999")]).count, 1)
    }
}
