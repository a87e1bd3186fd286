import XCTest
@testable import Crypto

final class PasswordHasherTests: XCTestCase {
    private let hasher = PasswordHasher(iterations: 1_000)

    /// RFC 7914 §11: PBKDF2-HMAC-SHA256 test vectors.
    func testRFC7914Vector1() {
        let key = PasswordHasher.derive(passwordBytes: Array("passwd".utf8), salt: Array("salt".utf8),
                                        iterations: 1, length: 64)
        XCTAssertEqual(Hex.encode(key),
                       "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                       + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    func testRFC7914Vector2() {
        let key = PasswordHasher.derive(passwordBytes: Array("Password".utf8), salt: Array("NaCl".utf8),
                                        iterations: 80_000, length: 64)
        XCTAssertEqual(Hex.encode(key),
                       "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                       + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d")
    }

    /// Widely published PBKDF2-HMAC-SHA256 vector ("password"/"salt", c = 4096, 32 bytes).
    func testKnownVector4096() {
        let key = PasswordHasher.derive(password: "password", salt: Array("salt".utf8), iterations: 4096, length: 32)
        XCTAssertEqual(Hex.encode(key), "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")
    }

    func testHashFormatAndVerify() throws {
        let encoded = hasher.hash("correct horse battery staple")
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        XCTAssertEqual(fields.count, 4)
        XCTAssertEqual(fields[0], "pbkdf2-sha256")
        XCTAssertEqual(fields[1], "1000")
        XCTAssertEqual(fields[2].count, 22)   // 16 bytes unpadded
        XCTAssertEqual(fields[3].count, 43)   // 32 bytes unpadded
        XCTAssertTrue(hasher.verify("correct horse battery staple", against: encoded))
        XCTAssertFalse(hasher.verify("correct horse battery stapl", against: encoded))
        XCTAssertFalse(hasher.verify("", against: encoded))
    }

    func testSaltsDiffer() {
        XCTAssertNotEqual(hasher.hash("same"), hasher.hash("same"))
    }

    func testEmptyAndKoreanPasswords() {
        let empty = hasher.hash("")
        XCTAssertTrue(hasher.verify("", against: empty))
        XCTAssertFalse(hasher.verify(" ", against: empty))
        // Composed (NFC) and decomposed (NFD) Hangul are the same password (RFC 8265 OpaqueString).
        let composed = "\u{AC00}비밀"
        let decomposed = "\u{1100}\u{1161}비밀"
        let encoded = hasher.hash(composed)
        XCTAssertTrue(hasher.verify(decomposed, against: encoded))
    }

    func testVerifyAcceptsOtherIterationCounts() {
        let old = PasswordHasher(iterations: 500).hash("pw")
        XCTAssertTrue(hasher.verify("pw", against: old))
        XCTAssertTrue(hasher.needsRehash(old))
        XCTAssertFalse(hasher.needsRehash(hasher.hash("pw")))
    }

    func testMalformedEncodingsAreFalse() {
        let good = hasher.hash("pw")
        let fields = good.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        let malformed = [
            "", "$", "pbkdf2-sha256", "pbkdf2-sha256$1000$", "plain-text-password",
            "pbkdf2-sha1$\(fields[1])$\(fields[2])$\(fields[3])",
            "pbkdf2-sha256$0$\(fields[2])$\(fields[3])",
            "pbkdf2-sha256$-5$\(fields[2])$\(fields[3])",
            "pbkdf2-sha256$99999999999$\(fields[2])$\(fields[3])",
            "pbkdf2-sha256$abc$\(fields[2])$\(fields[3])",
            "pbkdf2-sha256$1000$!!!$\(fields[3])",
            "pbkdf2-sha256$1000$\(fields[2])$",
            "pbkdf2-sha256$1000$\(fields[2])$\(fields[3])=",
            "pbkdf2-sha256$1000$\(fields[2])$\(fields[3])$extra",
        ]
        for encoded in malformed {
            XCTAssertFalse(hasher.verify("pw", against: encoded), encoded)
            XCTAssertTrue(hasher.needsRehash(encoded), encoded)
        }
    }

    func testIterationCountIsClamped() {
        XCTAssertEqual(PasswordHasher(iterations: 0).iterations, 1)
        XCTAssertEqual(PasswordHasher().iterations, 600_000)
    }
}
