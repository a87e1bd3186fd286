import Foundation
import HTTPServer
import MarketCore
import Web
import XCTest

final class SignUpAndLoginTests: XCTestCase {
    func signUpBody(_ kind: String, email: String) -> JSON {
        [
            "kind": .string(kind), "name": "Hanil Trading", "country": "KR", "default_currency": "KRW",
            "admin": ["email": .string(email), "password": .string(TestMarket.password), "name": "Kim"],
        ]
    }

    func testBuyersStartActiveSuppliersPending() throws {
        let market = try TestMarket()
        let buyer = try market.client.post("/v1/organizations", json: signUpBody("buyer", email: "buyer@hanil.example"))
        XCTAssertEqual(buyer.status, 201, buyer.text)
        XCTAssertEqual(buyer.json["organization"]?["status"]?.stringValue, "active")
        XCTAssertEqual(buyer.json["organization"]?["kind"]?.stringValue, "buyer")
        XCTAssertEqual(buyer.json["user"]?["roles"], ["admin"])
        XCTAssertNil(buyer.json["user"]?["password_hash"])

        let supplier = try market.client.post("/v1/organizations", json: signUpBody("supplier", email: "sales@hanil.example"))
        XCTAssertEqual(supplier.status, 201, supplier.text)
        XCTAssertEqual(supplier.json["organization"]?["status"]?.stringValue, "pending")

        // Nobody signs up as an operator, and a taken email is a conflict.
        let op = try market.client.post("/v1/organizations", json: signUpBody("operator", email: "op@hanil.example"))
        XCTAssertEqual(op.status, 422, op.text)
        XCTAssertEqual(errorFields(op), ["kind"])
        let again = try market.client.post("/v1/organizations", json: signUpBody("buyer", email: "BUYER@hanil.example"))
        XCTAssertEqual(again.status, 409, again.text)
    }

    func testLoginMeAndRevocation() throws {
        let market = try TestMarket()
        let account = try market.signUp(.buyer)
        let login = try market.client.post("/v1/auth/tokens", json: ["email": .string(account.email), "password": .string(TestMarket.password)])
        XCTAssertEqual(login.status, 201, login.text)
        XCTAssertNotNil(login.json["expires_at"]?.stringValue)
        XCTAssertEqual(login.json["organization"]?["id"]?.stringValue, account.organizationID)

        let me = try account.client.get("/v1/me")
        XCTAssertEqual(me.status, 200, me.text)
        XCTAssertEqual(me.json["user"]?["email"]?.stringValue, account.email)
        XCTAssertEqual(me.json["roles"], ["admin"])

        XCTAssertEqual(try account.client.delete("/v1/auth/tokens/current").status, 204)
        let after = try account.client.get("/v1/me")
        XCTAssertEqual(after.status, 401)
        XCTAssertEqual(after.headers["WWW-Authenticate"], "Bearer")
        // The other token of the same user still works.
        XCTAssertEqual(try market.client.authorized(login.json["token"]?.stringValue ?? "").get("/v1/me").status, 200)
        XCTAssertEqual(try market.client.get("/v1/me").status, 401)

        // Expired tokens stop working too.
        market.clock.advance(seconds: 13 * 3600)
        XCTAssertEqual(try market.client.authorized(login.json["token"]?.stringValue ?? "").get("/v1/me").status, 401)
    }

    func testWrongPasswordAndUnknownEmailGetTheSameAnswer() throws {
        let market = try TestMarket()
        let account = try market.signUp(.supplier)
        let wrong = try market.client.post("/v1/auth/tokens", json: ["email": .string(account.email), "password": "wrong password!"])
        let unknown = try market.client.post("/v1/auth/tokens", json: ["email": "nobody@nowhere.example", "password": "wrong password!"])
        XCTAssertEqual(wrong.status, 401)
        XCTAssertEqual(unknown.status, wrong.status)
        XCTAssertEqual(unknown.headers["Content-Type"], wrong.headers["Content-Type"])
        XCTAssertEqual(wrong.headers["Content-Type"], "application/problem+json")
        for key in ["type", "title", "status", "detail"] {
            XCTAssertEqual(wrong.json[key], unknown.json[key], key)
        }
        XCTAssertEqual(wrong.json["type"]?.stringValue, "/problems/invalid_credentials")
    }

    func testRepeatedFailuresAreThrottledWithRetryAfter() throws {
        let market = try TestMarket()
        let account = try market.signUp(.buyer)
        let limit = market.app.services.settings.loginFailuresPerAccount
        for _ in 0..<limit {
            let response = try market.client.post("/v1/auth/tokens", json: ["email": .string(account.email), "password": "guess guess guess"])
            XCTAssertEqual(response.status, 401)
        }
        // Past the limit even the right password waits: guessing must not simply continue.
        let throttled = try market.client.post("/v1/auth/tokens", json: ["email": .string(account.email), "password": .string(TestMarket.password)])
        XCTAssertEqual(throttled.status, 429, throttled.text)
        let retryAfter = Int(throttled.headers["Retry-After"] ?? "") ?? 0
        XCTAssertGreaterThan(retryAfter, 0)
        XCTAssertEqual(throttled.json["type"]?.stringValue, "/problems/rate_limited")
        // Unknown emails are throttled the same way (no hint that the account exists).
        for _ in 0..<limit {
            _ = try market.client.post("/v1/auth/tokens", json: ["email": "ghost@nowhere.example", "password": "guess guess guess"])
        }
        XCTAssertEqual(try market.client.post("/v1/auth/tokens", json: ["email": "ghost@nowhere.example", "password": "x"]).status, 429)

        market.clock.advance(seconds: TimeInterval(retryAfter + 1))
        XCTAssertEqual(try market.client.post("/v1/auth/tokens", json: ["email": .string(account.email), "password": .string(TestMarket.password)]).status, 201)
    }

    func testErrorsSpeakKoreanWhenAsked() throws {
        let market = try TestMarket()
        let admin = try market.operatorAccount()
        let korean: HTTPHeaders = ["Accept-Language": "ko"]

        let invalid = try admin.client.post("/v1/admin/fee-rules", json: ["scope": "category", "percent": "120"], headers: korean)
        XCTAssertEqual(invalid.status, 422)
        XCTAssertEqual(invalid.headers["Content-Language"], "ko")
        XCTAssertEqual(invalid.json["title"]?.stringValue, "처리할 수 없는 내용")
        XCTAssertEqual(invalid.json["detail"]?.stringValue, "일부 필드가 올바르지 않습니다.")
        let messages = (invalid.json["errors"]?.arrayValue ?? []).compactMap { $0["message"]?.stringValue }
        XCTAssertEqual(messages.count, 2)
        XCTAssertTrue(messages.contains("100 이하여야 합니다"), "\(messages)")
        XCTAssertTrue(messages.contains("이 scope에는 필수입니다"), "\(messages)")

        let missing = try admin.client.post("/v1/admin/sellers/org_missing/approve", json: [:], headers: korean)
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.json["title"]?.stringValue, "찾을 수 없음")
        let anonymous = try market.client.get("/v1/admin/fee-rules", headers: korean)
        XCTAssertEqual(anonymous.json["detail"]?.stringValue, "인증이 필요합니다.")
        let english = try admin.client.post("/v1/admin/sellers/org_missing/approve", json: [:])
        XCTAssertEqual(english.json["title"]?.stringValue, "Not Found")
    }
}
