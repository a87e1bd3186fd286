import COpenSSL

/// SHA-256 (FIPS 180-4) through OpenSSL's one-shot `EVP_Digest`; the low-level `SHA256_*` calls are
/// deprecated in OpenSSL 3.0.
public enum SHA256 {
    public static let digestLength = 32

    public static func hash(_ data: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: digestLength)
        var length: UInt32 = 0
        let status = data.withUnsafeBytes { input in
            digest.withUnsafeMutableBufferPointer { output in
                EVP_Digest(input.baseAddress, input.count, output.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        // EVP_Digest with a built-in algorithm fails only when the library cannot allocate a context.
        guard status == 1, Int(length) == digestLength else { fatalError("EVP_Digest(SHA-256) failed") }
        return digest
    }

    /// The digest of the string's UTF-8 bytes.
    public static func hash(_ s: String) -> [UInt8] {
        hash(Array(s.utf8))
    }

    /// Lowercase hex of the digest of the string's UTF-8 bytes (how API keys and tokens are stored).
    public static func hex(_ s: String) -> String {
        Hex.encode(hash(s))
    }
}
