import COpenSSL
import Foundation

/// Password hashing with PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) through OpenSSL's `PKCS5_PBKDF2_HMAC`.
///
/// OWASP's Password Storage Cheat Sheet asks 600,000 iterations of PBKDF2-HMAC-SHA256 (≈0.27 s here);
/// tests pass a small count. The encoding is self-describing, PHC-string style:
/// `pbkdf2-sha256$<iterations>$<salt>$<hash>` with unpadded standard base 64 (RFC 4648 §4), so a later change of
/// the iteration count still verifies old hashes, and `needsRehash` tells the login path to upgrade them.
public struct PasswordHasher: Sendable {
    public static let scheme = "pbkdf2-sha256"
    public static let saltLength = 16
    public static let keyLength = 32
    /// Verification refuses encodings above this: a stored hash must not be able to stall a login thread.
    public static let maximumIterations = 10_000_000

    public let iterations: Int

    public init(iterations: Int = 600_000) {
        self.iterations = min(max(iterations, 1), Self.maximumIterations)
    }

    public func hash(_ password: String) -> String {
        let salt = SecureRandom.bytes(Self.saltLength)
        let key = Self.derive(password: password, salt: salt, iterations: iterations, length: Self.keyLength)
        return "\(Self.scheme)$\(iterations)$\(Base64Codec.standard.encode(salt))$\(Base64Codec.standard.encode(key))"
    }

    /// True only if `encoded` is well formed and `password` derives the same key; the key comparison is
    /// constant-time. Any iteration count in the encoding is honoured (up to `maximumIterations`).
    public func verify(_ password: String, against encoded: String) -> Bool {
        guard let parts = Encoded(encoded) else { return false }
        let key = Self.derive(password: password, salt: parts.salt, iterations: parts.iterations,
                              length: parts.key.count)
        return constantTimeEquals(key, parts.key)
    }

    /// True when the encoding is malformed or was made with other parameters than this hasher's.
    public func needsRehash(_ encoded: String) -> Bool {
        guard let parts = Encoded(encoded) else { return true }
        return parts.iterations != iterations || parts.salt.count != Self.saltLength
            || parts.key.count != Self.keyLength
    }

    // MARK: - Internals

    /// The raw PBKDF2-HMAC-SHA256 output; exposed to the module for the RFC 7914 §11 test vectors.
    /// Passwords are NFC-normalized first (RFC 8265 §4.2, OpaqueString): the same Korean password typed on
    /// systems that compose Hangul differently must verify.
    static func derive(password: String, salt: [UInt8], iterations: Int, length: Int) -> [UInt8] {
        let passwordBytes = Array(password.precomposedStringWithCanonicalMapping.utf8)
        return derive(passwordBytes: passwordBytes, salt: salt, iterations: iterations, length: length)
    }

    static func derive(passwordBytes: [UInt8], salt: [UInt8], iterations: Int, length: Int) -> [UInt8] {
        var key = [UInt8](repeating: 0, count: length)
        // Never hand OpenSSL a NULL buffer for an empty password or salt.
        let pass = passwordBytes.isEmpty ? [UInt8(0)] : passwordBytes
        let saltBytes = salt.isEmpty ? [UInt8(0)] : salt
        let status = pass.withUnsafeBytes { passBuffer in
            saltBytes.withUnsafeBufferPointer { saltBuffer in
                key.withUnsafeMutableBufferPointer { output in
                    PKCS5_PBKDF2_HMAC(passBuffer.baseAddress?.assumingMemoryBound(to: CChar.self),
                                      Int32(passwordBytes.count),
                                      saltBuffer.baseAddress, Int32(salt.count),
                                      Int32(iterations), EVP_sha256(), Int32(length), output.baseAddress)
                }
            }
        }
        guard status == 1 else { fatalError("PKCS5_PBKDF2_HMAC failed") }
        return key
    }

    /// A parsed `pbkdf2-sha256$i$salt$hash`; nil for anything else.
    private struct Encoded {
        let iterations: Int
        let salt: [UInt8]
        let key: [UInt8]

        init?(_ encoded: String) {
            let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
            guard fields.count == 4, fields[0] == PasswordHasher.scheme else { return nil }
            let count = fields[1]
            guard !count.isEmpty, count.count <= 9, count.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  let iterations = Int(count), iterations >= 1, iterations <= PasswordHasher.maximumIterations,
                  let salt = Base64Codec.standard.decode(String(fields[2])), salt.count >= 8,
                  let key = Base64Codec.standard.decode(String(fields[3])), key.count >= 16, key.count <= 64
            else { return nil }
            self.iterations = iterations
            self.salt = salt
            self.key = key
        }
    }
}
