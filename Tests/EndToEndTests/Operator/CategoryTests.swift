import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

final class CategoryTests: XCTestCase {
    func testTheTreeIsPublicAndSpeaksBothLanguages() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let hardware = try market.createCategory(admin, en: "Hardware", ko: "철물")
        let fasteners = try market.createCategory(admin, en: "Fasteners", ko: "체결구", parent: hardware)
        let bolts = try market.createCategory(admin, en: "Bolts", ko: "볼트", parent: fasteners)
        let nuts = try market.createCategory(admin, en: "Nuts", ko: "너트", parent: fasteners)
        let tools = try market.createCategory(admin, en: "Tools", ko: "공구")

        let english = try market.client.get("/v1/catalog/categories")
        XCTAssertEqual(english.status, 200, english.text)
        let roots = english.json["data"]?.arrayValue ?? []
        XCTAssertEqual(roots.compactMap { $0["id"]?.stringValue }, [hardware, tools])
        let fastenersNode = roots.first?["children"]?.arrayValue?.first
        XCTAssertEqual(fastenersNode?["id"]?.stringValue, fasteners)
        XCTAssertEqual(fastenersNode?["parent_id"]?.stringValue, hardware)
        XCTAssertEqual(fastenersNode?["name"], ["en": "Fasteners", "ko": "체결구"])
        XCTAssertEqual(fastenersNode?["display_name"]?.stringValue, "Fasteners")
        XCTAssertEqual(fastenersNode?["children"]?.arrayValue?.compactMap { $0["id"]?.stringValue }, [bolts, nuts])

        // Korean: display names in Korean, siblings sorted by them (공구 before 철물; 너트 before 볼트).
        let korean = try market.client.get("/v1/catalog/categories", headers: ["Accept-Language": "ko-KR,ko;q=0.9"])
        let koRoots = korean.json["data"]?.arrayValue ?? []
        XCTAssertEqual(koRoots.compactMap { $0["display_name"]?.stringValue }, ["공구", "철물"])
        let koFasteners = koRoots.last?["children"]?.arrayValue?.first
        XCTAssertEqual(koFasteners?["children"]?.arrayValue?.compactMap { $0["display_name"]?.stringValue }, ["너트", "볼트"])
        XCTAssertEqual(korean.headers["Content-Language"], "ko")

        let entries = try market.auditEntries(admin, entityID: bolts)
        XCTAssertEqual(entries.first?["action"]?.stringValue, "category.created")
    }

    func testCategoriesNeedBothNamesAndAnExistingParent() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        var response = try admin.client.post("/v1/admin/categories", json: ["name": ["en": "Bolts"], "parent_id": "cat_missing"])
        XCTAssertEqual(response.status, 422, response.text)
        XCTAssertEqual(Set(errorFields(response)), ["name.ko", "parent_id"])
        response = try admin.client.post("/v1/admin/categories", json: ["name": "Bolts"])
        XCTAssertEqual(errorFields(response), ["name"])
        XCTAssertEqual(try market.client.get("/v1/catalog/categories").json["data"]?.arrayValue?.count, 0)

        let supplier = try market.activeSupplier()
        XCTAssertEqual(try supplier.client.post("/v1/admin/categories", json: ["name": ["en": "X", "ko": "X"]]).status, 403)
    }
}
