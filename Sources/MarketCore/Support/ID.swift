import Crypto
import Foundation

/// Opaque identifiers: a type prefix, then 26 Crockford base32 characters holding a 48-bit millisecond
/// timestamp and 80 random bits (the ULID layout). They sort by creation time, which gives cursors a
/// stable order, yet reveal nothing about volume — unlike sequential integers.
public enum ID {
    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    public static func make(_ prefix: String, at date: Date = Date()) -> String {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        let random = SecureRandom.bytes(10)
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: millis >> (8 * UInt64(5 - i))) }
        for i in 0..<10 { bytes[6 + i] = random[i] }
        // 128 bits -> 26 base32 characters (the first carries 3 bits).
        var value = (UInt128(bytes[0]) << 120)
        for i in 1..<16 { value |= UInt128(bytes[i]) << (8 * UInt128(15 - i)) }
        var chars = [UInt8](repeating: 0, count: 26)
        for i in (0..<26).reversed() {
            chars[i] = alphabet[Int(value & 31)]
            value >>= 5
        }
        return prefix + "_" + String(decoding: chars, as: UTF8.self)
    }

    /// Whether a client-sent id is at least shaped like one of ours (cheap rejection of junk).
    public static func isWellFormed(_ id: String, prefix: String) -> Bool {
        let utf8 = id.utf8
        guard utf8.count == prefix.utf8.count + 27, id.hasPrefix(prefix + "_") else { return false }
        return utf8.dropFirst(prefix.utf8.count + 1).allSatisfy { alphabet.contains($0) }
    }
}
