import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

/// `POST/GET/PATCH/DELETE /v1/seller/products`: fields, validation, ownership, ETag and If-Match.
final class ProductListingTests: XCTestCase {
    func testCreateReadAndETag() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier(currency: "KRW")
        let category = try market.category("Bolts", "볼트")
        let created = try supplier.client.post("/v1/seller/products", json: [
            "sku": "HB-M8-50", "title": ["en": "Hex bolt M8x50", "ko": "육각볼트 M8x50"],
            "description": ["en": "Zinc plated", "ko": "아연도금"], "category_id": .string(category), "unit": "box",
            "unit_price": "12000", "price_tiers": [["min_quantity": 10, "unit_price": "11000"], ["min_quantity": 100, "unit_price": "10000.5"]],
            "min_order_quantity": 2, "stock": 500, "lead_time_days": 3, "attributes": ["material": "steel", "length_mm": 50],
        ])
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(created.headers["ETag"], "\"v1\"")
        let listing = created.json
        XCTAssertEqual(listing["currency"]?.stringValue, "KRW", "defaults to the supplier's currency")
        XCTAssertEqual(listing["unit_price"]?.stringValue, "12000")
        XCTAssertEqual(listing["status"]?.stringValue, "active")
        XCTAssertEqual(listing["price_tiers"]?.arrayValue?.count, 2)
        XCTAssertEqual(listing["price_tiers"]?.arrayValue?[1]["unit_price"]?.stringValue, "10000.5")
        XCTAssertEqual(listing["visible_to_buyer_ids"], .null)
        XCTAssertEqual(listing["attributes"]?["length_mm"]?.int64Value, 50)
        let id = listing["id"]?.stringValue ?? ""
        XCTAssertTrue(id.hasPrefix("prd_"))

        let read = try supplier.client.get("/v1/seller/products/\(id)")
        XCTAssertEqual(read.status, 200)
        XCTAssertEqual(read.headers["ETag"], "\"v1\"")
        XCTAssertEqual(read.json, listing)
    }

    func testValidationNamesEveryBadField() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let response = try supplier.client.post("/v1/seller/products", json: [
            "title": ["fr": "Boulon"], "currency": "XYZ", "unit_price": "-1", "category_id": "cat_missing",
            "price_tiers": [["min_quantity": 100, "unit_price": "8"], ["min_quantity": 50, "unit_price": "7"]],
            "min_order_quantity": 0, "stock": -5, "status": "archived", "unitPrice": "3",
        ])
        XCTAssertEqual(response.status, 422, response.text)
        let fields = Set(errorFields(response))
        for field in ["sku", "title.fr", "currency", "unit_price", "price_tiers", "min_order_quantity", "stock", "status", "unitPrice"] {
            XCTAssertTrue(fields.contains(field), "\(field) missing from \(fields)")
        }

        // Checks that need the database come next: an unknown category, and no title at all.
        let second = try supplier.client.post("/v1/seller/products", json: [
            "sku": "A-1", "unit_price": "1.5", "category_id": "cat_missing", "visible_to_buyer_ids": ["org_nobody"],
        ])
        XCTAssertEqual(second.status, 422, second.text)
        XCTAssertEqual(Set(errorFields(second)), ["category_id", "visible_to_buyer_ids[0]", "title"])

        let tiers = try supplier.client.post("/v1/seller/products", json: [
            "sku": "A-2", "title": ["en": "x"], "unit_price": "1", "min_order_quantity": 10,
            "price_tiers": [["min_quantity": 10, "unit_price": "0.9"]],
        ])
        XCTAssertEqual(errorFields(tiers), ["price_tiers"], "a tier must start above the minimum order")
        let decimals = try supplier.client.post("/v1/seller/products", json: ["sku": "A-3", "title": ["en": "x"], "unit_price": "1.1234567"])
        XCTAssertEqual(errorFields(decimals), ["unit_price"])
    }

    func testDuplicateSKUIs409ButOtherSuppliersMayUseIt() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let other = try market.activeSupplier()
        try market.createListing(supplier, ["sku": "SAME"])
        let again = try supplier.client.post("/v1/seller/products", json: ["sku": "SAME", "title": ["en": "x"], "unit_price": "1"])
        XCTAssertEqual(again.status, 409, again.text)
        try market.createListing(other, ["sku": "SAME"])
    }

    func testAnotherSuppliersListingIs404AndRolesAreChecked() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let other = try market.activeSupplier()
        let id = try market.createListing(supplier)["id"]?.stringValue ?? ""
        XCTAssertEqual(try other.client.get("/v1/seller/products/\(id)").status, 404)
        XCTAssertEqual(try other.client.patch("/v1/seller/products/\(id)", json: ["stock": 1]).status, 404)
        XCTAssertEqual(try other.client.delete("/v1/seller/products/\(id)").status, 404)
        XCTAssertEqual(market.ids(try other.client.get("/v1/seller/products")), [])

        let sales = try market.addUser(to: supplier, roles: [.sales])
        XCTAssertEqual(try sales.client.get("/v1/seller/products").status, 403)
        let catalog = try market.addUser(to: supplier, roles: [.catalog])
        XCTAssertEqual(try catalog.client.get("/v1/seller/products/\(id)").status, 200)
        let buyer = try market.signUp(.buyer)
        XCTAssertEqual(try buyer.client.get("/v1/seller/products").status, 403)
        XCTAssertEqual(try market.client.get("/v1/seller/products").status, 401)
    }

    func testPatchMergesBumpsVersionAndHonoursIfMatch() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let id = try market.createListing(supplier, ["title": ["en": "Hex bolt", "ko": "육각볼트"], "description": ["en": "old"]])["id"]?.stringValue ?? ""

        let patched = try supplier.client.patch(
            "/v1/seller/products/\(id)", json: ["title": ["ko": "육각 볼트"], "description": ["en": .null], "stock": 7],
            headers: ["If-Match": "\"v1\""])
        XCTAssertEqual(patched.status, 200, patched.text)
        XCTAssertEqual(patched.headers["ETag"], "\"v2\"")
        XCTAssertEqual(patched.json["title"]?["en"]?.stringValue, "Hex bolt", "the other language is kept")
        XCTAssertEqual(patched.json["title"]?["ko"]?.stringValue, "육각 볼트")
        XCTAssertEqual(patched.json["description"]?["en"], .null)
        XCTAssertEqual(patched.json["stock"]?.int64Value, 7)

        let stale = try supplier.client.patch("/v1/seller/products/\(id)", json: ["stock": 8], headers: ["If-Match": "\"v1\""])
        XCTAssertEqual(stale.status, 412, stale.text)
        XCTAssertEqual(try supplier.client.get("/v1/seller/products/\(id)").json["stock"]?.int64Value, 7, "nothing changed")

        // Without If-Match the change goes through; a change that changes nothing keeps the version.
        let blind = try supplier.client.patch("/v1/seller/products/\(id)", json: ["stock": 8])
        XCTAssertEqual(blind.headers["ETag"], "\"v3\"")
        let same = try supplier.client.patch("/v1/seller/products/\(id)", json: ["stock": 8])
        XCTAssertEqual(same.headers["ETag"], "\"v3\"")

        // A GET body sent back as a PATCH is accepted (server-owned fields are ignored).
        var body = same.json.objectValue ?? [:]
        body["unit"] = "box"
        let roundTrip = try supplier.client.patch("/v1/seller/products/\(id)", json: .object(body))
        XCTAssertEqual(roundTrip.status, 200, roundTrip.text)
        XCTAssertEqual(roundTrip.json["unit"]?.stringValue, "box")

        let delete = try supplier.client.delete("/v1/seller/products/\(id)", headers: ["If-Match": "\"v1\""])
        XCTAssertEqual(delete.status, 412)
    }

    func testDeleteArchivesAndTheSKUComesBack() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let id = try market.createListing(supplier, ["sku": "GONE-1", "title": ["en": "Vanishing widget"]])["id"]?.stringValue ?? ""
        XCTAssertEqual(try market.searchIDs([("q", "vanishing")]), [id])

        XCTAssertEqual(try supplier.client.delete("/v1/seller/products/\(id)").status, 204)
        XCTAssertEqual(try supplier.client.get("/v1/seller/products/\(id)").status, 404)
        XCTAssertEqual(try supplier.client.delete("/v1/seller/products/\(id)").status, 404)
        XCTAssertEqual(market.ids(try supplier.client.get("/v1/seller/products")), [])
        XCTAssertEqual(try market.searchIDs([("q", "vanishing")]), [])
        XCTAssertEqual(try market.client.get("/v1/catalog/products/\(id)").status, 404)
        // The row stays for the orders that name it.
        let status = try market.app.services.database.read { db in
            try db.scalar("SELECT status FROM products WHERE id = ?", [.text(id)]).stringValue
        }
        XCTAssertEqual(status, "archived")

        let revived = try market.createListing(supplier, ["sku": "GONE-1", "title": ["en": "Returning widget"]])
        XCTAssertEqual(revived["id"]?.stringValue, id, "the SKU brings the archived listing back")
        XCTAssertEqual(try market.searchIDs([("q", "returning")]), [id])
        XCTAssertEqual(try market.searchIDs([("q", "vanishing")]), [])
    }

    func testListFiltersAndPages() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        var ids: [String] = []
        for n in 0..<5 {
            ids.append(try market.createListing(supplier, [
                "sku": .string("L-\(n)"), "title": ["en": .string(n % 2 == 0 ? "Brass fitting \(n)" : "Steel pipe \(n)")],
                "status": .string(n == 4 ? "draft" : "active"),
            ])["id"]?.stringValue ?? "")
            market.clock.advance(seconds: 1)
        }
        let page1 = try supplier.client.get("/v1/seller/products?limit=2")
        XCTAssertEqual(market.ids(page1), [ids[4], ids[3]], "newest first")
        let cursor = page1.json["next_cursor"]?.stringValue ?? ""
        let page2 = try supplier.client.get("/v1/seller/products?limit=2&cursor=\(cursor)")
        XCTAssertEqual(market.ids(page2), [ids[2], ids[1]])
        let page3 = try supplier.client.get("/v1/seller/products?limit=2&cursor=\(page2.json["next_cursor"]?.stringValue ?? "")")
        XCTAssertEqual(market.ids(page3), [ids[0]])
        XCTAssertEqual(page3.json["next_cursor"], .null)

        XCTAssertEqual(market.ids(try supplier.client.get("/v1/seller/products?status=draft")), [ids[4]])
        XCTAssertEqual(market.ids(try supplier.client.get("/v1/seller/products?sku=L-1")), [ids[1]])
        XCTAssertEqual(market.ids(try supplier.client.get("/v1/seller/products?q=brass")), [ids[4], ids[2], ids[0]], "drafts are searchable by their owner")
        XCTAssertEqual(try supplier.client.get("/v1/seller/products?status=archived").status, 422)
        XCTAssertEqual(try supplier.client.get("/v1/seller/products?limit=0").status, 422)
    }

    func testIdempotentCreate() throws {
        let market = try TestMarket()
        let supplier = try market.activeSupplier()
        let body: JSON = ["sku": "IDEM-1", "title": ["en": "Once"], "unit_price": "1.00"]
        let first = try supplier.client.post("/v1/seller/products", json: body, headers: ["Idempotency-Key": "k-1"])
        let second = try supplier.client.post("/v1/seller/products", json: body, headers: ["Idempotency-Key": "k-1"])
        XCTAssertEqual(first.status, 201)
        XCTAssertEqual(second.status, 201)
        XCTAssertEqual(first.json["id"], second.json["id"])
        XCTAssertEqual(market.ids(try supplier.client.get("/v1/seller/products")).count, 1)
    }
}
