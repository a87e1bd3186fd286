import XCTest
@testable import Crypto

final class SecureRandomTests: XCTestCase {
    func testBytesCount() {
        XCTAssertEqual(SecureRandom.bytes(0), [])
        XCTAssertEqual(SecureRandom.bytes(-1), [])
        XCTAssertEqual(SecureRandom.bytes(1).count, 1)
        XCTAssertEqual(SecureRandom.bytes(1000).count, 1000)
        XCTAssertNotEqual(SecureRandom.bytes(32), SecureRandom.bytes(32))
    }

    func testTokensAreUniqueAndURLSafe() {
        var seen = Set<String>()
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for _ in 0..<1000 {
            let token = SecureRandom.token()
            XCTAssertEqual(token.count, 43)   // 256 bits, unpadded base64url
            XCTAssertTrue(token.allSatisfy { allowed.contains($0) })
            XCTAssertEqual(Base64URL.decode(token)?.count, 32)
            seen.insert(token)
        }
        XCTAssertEqual(seen.count, 1000)
        XCTAssertEqual(SecureRandom.token(byteCount: 16).count, 22)
    }
}
