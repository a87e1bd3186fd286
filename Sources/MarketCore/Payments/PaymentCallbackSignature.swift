import Crypto
import Foundation

/// `Marketplace-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(provider secret, "<t>.<raw body>")>` on the
/// payment provider's callbacks — the same scheme the marketplace signs its own webhooks with
/// (`WebhookSignature`), checked from the receiving side with reasons, since the answer must say why.
///
/// The timestamp is inside the MAC, so a captured request can be replayed only within the tolerance (5
/// minutes either way of `services.now()`: a clock ahead of ours is as suspect as one behind); inside it,
/// the processed-reference table makes the replay a no-op. MACs are compared in constant time
/// (`HMACSHA256.isValid`); several `v1=` entries are allowed (secret rotation), any one may match.
public enum PaymentCallbackSignature {
    public static let headerName = "Marketplace-Signature"
    public static let toleranceSeconds: TimeInterval = 300

    public enum Failure: Error, Sendable, Hashable {
        case missing
        case malformed
        /// The signed time is more than the tolerance away from now (`seconds`: now − t).
        case stale(seconds: Int64)
        case mismatch
    }

    /// The signed timestamp when the header is well formed, recent and matches `body` under `secret`.
    public static func verify(header: String?, secret: String, body: [UInt8], now: Date,
                              tolerance: TimeInterval = toleranceSeconds) throws(Failure) -> Int64 {
        guard let header, !header.isEmpty else { throw .missing }
        var timestamp: Int64?
        var signatures = [String]()
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { throw .malformed }
            let key = pair[0].trimmingCharacters(in: .whitespaces)
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            switch key {
            case "t":
                // Seconds since 1970 with at most 11 digits (year 5138): anything longer is not a timestamp.
                guard timestamp == nil, value.utf8.count <= 11, let t = Int64(value), t >= 0 else { throw .malformed }
                timestamp = t
            case "v1":
                signatures.append(value)
            default:
                continue  // other schemes (v0, future versions) are ignored, as receivers of such headers do
            }
        }
        guard let timestamp, !signatures.isEmpty else { throw .malformed }
        let skew = now.timeIntervalSince1970 - TimeInterval(timestamp)
        guard abs(skew) <= tolerance else { throw .stale(seconds: Int64(skew.rounded())) }
        let message = Array("\(timestamp).".utf8) + body
        let key = Array(secret.utf8)
        guard signatures.contains(where: { HMACSHA256.isValid(signatureHex: $0, key: key, message: message) }) else {
            throw .mismatch
        }
        return timestamp
    }

    /// The header a provider sends (tests and tools sign with it).
    public static func header(secret: String, timestamp: Int64, body: [UInt8]) -> String {
        let mac = HMACSHA256.authenticate(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body)
        return "t=\(timestamp),v1=\(Hex.encode(mac))"
    }
}
