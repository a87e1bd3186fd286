import XCTest
@testable import Crypto

final class EncodingTests: XCTestCase {
    func testHexRoundTripAndCase() {
        XCTAssertEqual(Hex.encode([0x00, 0x0f, 0xab, 0xff]), "000fabff")
        XCTAssertEqual(Hex.decode("000FabfF"), [0x00, 0x0f, 0xab, 0xff])
        XCTAssertEqual(Hex.decode(""), [])
        XCTAssertNil(Hex.decode("abc"))
        XCTAssertNil(Hex.decode("zz"))
        XCTAssertNil(Hex.decode("0x12"))
    }

    /// RFC 4648 §10 test vectors, adapted to the URL alphabet without padding.
    func testBase64URLVectors() {
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE",
                       "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64URL.encode(Array(plain.utf8)), encoded)
            XCTAssertEqual(Base64URL.decode(encoded), Array(plain.utf8))
        }
        XCTAssertEqual(Base64URL.encode([0xfb, 0xff]), "-_8")
        XCTAssertEqual(Base64URL.decode("-_8"), [0xfb, 0xff])
    }

    func testBase64URLRejects() {
        XCTAssertNil(Base64URL.decode("Zg=="))      // padding
        XCTAssertNil(Base64URL.decode("+/8"))       // standard alphabet
        XCTAssertNil(Base64URL.decode("Z"))         // impossible length
        XCTAssertNil(Base64URL.decode("Zh"))        // non-zero unused bits
        XCTAssertNil(Base64URL.decode("Zm 9v"))
    }

    func testBase64RoundTripRandom() {
        for length in 0..<64 {
            let bytes = SecureRandom.bytes(length)
            XCTAssertEqual(Base64URL.decode(Base64URL.encode(bytes)), bytes)
            XCTAssertEqual(Base64Codec.standard.decode(Base64Codec.standard.encode(bytes)), bytes)
        }
    }

    func testConstantTimeEquals() {
        XCTAssertTrue(constantTimeEquals([], []))
        XCTAssertTrue(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(constantTimeEquals([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(constantTimeEquals([1, 2, 3], [1, 2]))
        XCTAssertFalse(constantTimeEquals([], [0]))
    }
}
