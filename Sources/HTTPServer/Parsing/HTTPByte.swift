/// Byte classes of the HTTP grammar (RFC 9110 §5.6, RFC 9112 §2). Bitmaps instead of tables so a check is a
/// shift and a mask with no bounds check and no lazy global initialisation in the hot path.
enum HTTPByte {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let comma: UInt8 = 0x2C
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let slash: UInt8 = 0x2F
    static let question: UInt8 = 0x3F
    static let asterisk: UInt8 = 0x2A

    // tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    private static let tokenLow: UInt64 = 0x03ff_6cfa_0000_0000
    private static let tokenHigh: UInt64 = 0x57ff_ffff_c7ff_fffe

    @inline(__always)
    static func isToken(_ b: UInt8) -> Bool {
        if b < 64 { return tokenLow & (1 << UInt64(b)) != 0 }
        if b < 128 { return tokenHigh & (1 << UInt64(b &- 64)) != 0 }
        return false
    }

    @inline(__always)
    static func isWhitespace(_ b: UInt8) -> Bool { b == space || b == tab }

    /// field-vchar / SP / HTAB (RFC 9110 §5.5): anything but controls and DEL; obs-text (0x80-0xFF) is kept
    /// as the RFC allows, NUL, CR and LF never pass (RFC 9110 §5.5 "MUST either reject ... or replace").
    @inline(__always)
    static func isFieldValue(_ b: UInt8) -> Bool { b == tab || (b >= 0x20 && b != 0x7F) }

    /// Characters accepted in a request-target: visible ASCII. Stricter RFC 3986 checks belong to routing.
    @inline(__always)
    static func isTargetChar(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The value of a hex digit, or nil.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: Int(b &- 0x30)
        case 0x41...0x46: Int(b &- 0x41 &+ 10)
        case 0x61...0x66: Int(b &- 0x61 &+ 10)
        default: nil
        }
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }

    /// Whether `bytes[range]` equals the lowercase ASCII `word`, ignoring ASCII case.
    @inline(__always)
    static func equalsLowercase(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ word: StaticString) -> Bool {
        guard end - start == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        var i = 0
        while i < end - start {
            if lower(bytes[start + i]) != w[i] { return false }
            i += 1
        }
        return true
    }
}
