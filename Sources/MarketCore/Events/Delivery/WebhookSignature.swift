import Crypto
import Foundation

/// `Marketplace-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (API.md).
///
/// The key is the UTF-8 bytes of the whole secret as shown at creation, `whsec_` prefix included. The
/// timestamp is inside the MAC, so a receiver that rejects old timestamps (5 minutes is usual) is safe
/// from replays of captured requests; comparing MACs must be constant-time. Several `v1=` entries may
/// appear in future (secret rotation): a receiver accepts the request if any one matches.
public enum WebhookSignature {
    public static let headerName = "Marketplace-Signature"
    public static let defaultToleranceSeconds: TimeInterval = 300

    public static func header(secret: String, timestamp: Int64, body: [UInt8]) -> String {
        "t=\(timestamp),v1=\(Hex.encode(mac(secret: secret, timestamp: timestamp, body: body)))"
    }

    /// The receiver's check: a well-formed header, a timestamp within `tolerance` of `now`, and a `v1`
    /// MAC that matches.
    public static func isValid(
        header: String, secret: String, body: [UInt8], now: Date, tolerance: TimeInterval = defaultToleranceSeconds
    ) -> Bool {
        var timestamp: Int64?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return false }
            let key = pair[0].trimmingCharacters(in: .whitespaces)
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            if key == "t" { timestamp = Int64(value) } else if key == "v1" { signatures.append(value) }
        }
        guard let timestamp, !signatures.isEmpty,
            abs(now.timeIntervalSince1970 - TimeInterval(timestamp)) <= tolerance
        else { return false }
        let expected = mac(secret: secret, timestamp: timestamp, body: body)
        return signatures.contains { signature in
            guard let bytes = Hex.decode(signature) else { return false }
            return constantTimeEquals(bytes, expected)
        }
    }

    static func mac(secret: String, timestamp: Int64, body: [UInt8]) -> [UInt8] {
        HMACSHA256.authenticate(key: Array(secret.utf8), message: Array("\(timestamp).".utf8) + body)
    }
}
