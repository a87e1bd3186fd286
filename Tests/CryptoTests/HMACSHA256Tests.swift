import XCTest
@testable import Crypto

/// RFC 4231 §4 test cases for HMAC-SHA-256 (test case 5, a truncated MAC, does not apply).
final class HMACSHA256Tests: XCTestCase {
    private func mac(_ key: [UInt8], _ message: [UInt8]) -> String {
        Hex.encode(HMACSHA256.authenticate(key: key, message: message))
    }

    func testCase1() {
        XCTAssertEqual(mac([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8)),
                       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    func testCase2KeyShorterThanOutput() {
        XCTAssertEqual(HMACSHA256.hex(key: "Jefe", message: "what do ya want for nothing?"),
                       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testCase3() {
        XCTAssertEqual(mac([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50)),
                       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    func testCase4() {
        XCTAssertEqual(mac(Array(1...25), [UInt8](repeating: 0xcd, count: 50)),
                       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }

    func testCase6KeyLargerThanBlock() {
        XCTAssertEqual(mac([UInt8](repeating: 0xaa, count: 131),
                           Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)),
                       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    func testCase7KeyAndDataLargerThanBlock() {
        let message = "This is a test using a larger than block-size key and a larger than block-size data. "
            + "The key needs to be hashed before being used by the HMAC algorithm."
        XCTAssertEqual(mac([UInt8](repeating: 0xaa, count: 131), Array(message.utf8)),
                       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }

    func testEmptyKeyAndMessage() {
        // Known value: HMAC-SHA256 with an empty key over an empty message.
        XCTAssertEqual(mac([], []), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    func testSignatureCheck() {
        let key = Array("secret".utf8)
        let message = Array("1700000000.{\"id\":\"evt_1\"}".utf8)
        let signature = HMACSHA256.hex(key: "secret", message: "1700000000.{\"id\":\"evt_1\"}")
        XCTAssertTrue(HMACSHA256.isValid(signatureHex: signature, key: key, message: message))
        XCTAssertTrue(HMACSHA256.isValid(signatureHex: signature.uppercased(), key: key, message: message))
        XCTAssertFalse(HMACSHA256.isValid(signatureHex: String(signature.dropLast(2)), key: key, message: message))
        XCTAssertFalse(HMACSHA256.isValid(signatureHex: "zz", key: key, message: message))
        XCTAssertFalse(HMACSHA256.isValid(signatureHex: signature, key: Array("other".utf8), message: message))
    }
}
