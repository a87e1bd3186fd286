import COpenSSL

/// HMAC-SHA256 (RFC 2104, test vectors in RFC 4231) through OpenSSL's one-shot `HMAC()`.
/// Used for webhook and payment-callback signatures.
public enum HMACSHA256 {
    public static let macLength = 32

    public static func authenticate(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: macLength)
        var length: UInt32 = 0
        // OpenSSL 3.0's HMAC() refuses a NULL key even when its length is 0, and an empty Swift array may
        // hand out a nil base address: always pass a real buffer.
        let keyBytes = key.isEmpty ? [UInt8(0)] : key
        let result = keyBytes.withUnsafeBytes { keyBuffer in
            message.withUnsafeBytes { messageBuffer in
                mac.withUnsafeMutableBufferPointer { output in
                    HMAC(EVP_sha256(),
                         keyBuffer.baseAddress, Int32(key.count),
                         messageBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBuffer.count,
                         output.baseAddress, &length)
                }
            }
        }
        guard result != nil, Int(length) == macLength else { fatalError("HMAC(SHA-256) failed") }
        return mac
    }

    /// True when `signatureHex` (either case) is the MAC of `message` under `key`; compared in constant time,
    /// for `Marketplace-Signature` checks on payment callbacks and webhook receivers.
    public static func isValid(signatureHex: String, key: [UInt8], message: [UInt8]) -> Bool {
        guard let signature = Hex.decode(signatureHex) else { return false }
        return constantTimeEquals(signature, authenticate(key: key, message: message))
    }

    /// Lowercase hex of HMAC-SHA256 over the UTF-8 bytes of `key` and `message`
    /// (the `v1=` part of `Marketplace-Signature`).
    public static func hex(key: String, message: String) -> String {
        Hex.encode(authenticate(key: Array(key.utf8), message: Array(message.utf8)))
    }
}
