import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's CSPRNG (`RAND_bytes`, seeded by the kernel).
public enum SecureRandom {
    /// `count` random bytes; an empty array for `count <= 0`.
    /// A CSPRNG failure is the one fatal error here: continuing would hand out guessable tokens and salts.
    public static func bytes(_ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        // RAND_bytes takes an Int32 length: fill very large requests in chunks.
        while filled < count {
            let chunk = min(count - filled, Int(Int32.max))
            let status = buffer.withUnsafeMutableBufferPointer { raw -> Int32 in
                guard let base = raw.baseAddress else { return 0 }
                return RAND_bytes(base + filled, Int32(chunk))
            }
            guard status == 1 else { fatalError("RAND_bytes failed: the CSPRNG is unusable") }
            filled += chunk
        }
        return buffer
    }

    /// A URL-safe random token: `byteCount` random bytes (default 256 bits) as base64url without padding
    /// (RFC 4648 §5), so 32 bytes give 43 characters.
    public static func token(byteCount: Int = 32) -> String {
        Base64URL.encode(bytes(byteCount))
    }
}
