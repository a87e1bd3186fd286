/// Serialises response heads straight into a byte buffer. The server owns framing: a handler's own
/// Content-Length, Transfer-Encoding and Connection fields are dropped and replaced (RFC 9112 §6), so a
/// handler can never produce a response whose framing disagrees with its body.
enum ResponseEncoder {
    enum Framing {
        case contentLength(Int)
        case chunked
        /// HTTP/1.0 streaming: the body ends when the connection closes (RFC 9112 §6.3 rule 8).
        case closeDelimited
        /// 1xx, 204 and 304 carry no body and no framing field (RFC 9110 §8.6, RFC 9112 §6.3).
        case none
    }

    /// Appends the status line and header section. Returns whether the connection must close after this
    /// response: `close` as asked, or because the handler asked for it with `Connection: close`.
    static func encodeHead(
        _ status: HTTPStatus, _ headers: HTTPHeaders, framing: Framing, close: Bool, keepAliveHeader: Bool,
        date: [UInt8], into out: inout [UInt8]
    ) -> Bool {
        var close = close
        append("HTTP/1.1 ", to: &out)
        let code = status.code
        if code >= 100 && code <= 999 {
            out.append(UInt8(0x30 + code / 100))
            out.append(UInt8(0x30 + code / 10 % 10))
            out.append(UInt8(0x30 + code % 10))
        } else {
            append("500", to: &out)
        }
        out.append(0x20)
        appendSanitised(status.reason, to: &out)
        append("\r\n", to: &out)
        var hasDate = false
        for field in headers.fields {
            switch field.name.utf8.count {
            case 4 where nameIs(field.name, "date"):
                hasDate = true
            case 10 where nameIs(field.name, "connection"):
                if field.value.lowercased().contains("close") { close = true }
                continue
            case 14 where nameIs(field.name, "content-length"), 17 where nameIs(field.name, "transfer-encoding"):
                continue
            default:
                break
            }
            appendSanitised(field.name, to: &out)
            append(": ", to: &out)
            appendSanitised(field.value, to: &out)
            append("\r\n", to: &out)
        }
        if !hasDate {
            append("Date: ", to: &out)
            out.append(contentsOf: date)
            append("\r\n", to: &out)
        }
        switch framing {
        case .contentLength(let n):
            append("Content-Length: ", to: &out)
            appendDecimal(n, to: &out)
            append("\r\n", to: &out)
        case .chunked:
            append("Transfer-Encoding: chunked\r\n", to: &out)
        case .closeDelimited:
            close = true
        case .none:
            break
        }
        if close {
            append("Connection: close\r\n", to: &out)
        } else if keepAliveHeader {
            append("Connection: keep-alive\r\n", to: &out)
        }
        append("\r\n", to: &out)
        return close
    }

    /// Appends one chunk of the chunked coding: size in hex, CRLF, data, CRLF (RFC 9112 §7.1).
    static func appendChunk(_ bytes: [UInt8], to out: inout [UInt8]) {
        appendHex(bytes.count, to: &out)
        append("\r\n", to: &out)
        out.append(contentsOf: bytes)
        append("\r\n", to: &out)
    }

    static let lastChunk: StaticString = "0\r\n\r\n"

    @inline(__always)
    static func append(_ s: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// Appends a handler-supplied string, replacing CR, LF and NUL by spaces: a value taken from user input
    /// must never be able to split the response (response splitting).
    @inline(__always)
    static func appendSanitised(_ s: String, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: s.utf8)
        var i = start
        while i < out.count {
            let b = out[i]
            if b == 0x0D || b == 0x0A || b == 0 { out[i] = 0x20 }
            i += 1
        }
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(0x30 + max(0, value)))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for Int.max
        var v = value
        var n = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 {
                raw[n] = UInt8(0x30 + v % 10)
                v /= 10
                n += 1
            }
            var k = n - 1
            while k >= 0 {
                out.append(raw[k])
                k -= 1
            }
        }
    }

    static func appendHex(_ value: Int, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        var shift = 60
        while shift > 0 && (value >> shift) & 0xF == 0 { shift -= 4 }
        while shift >= 0 {
            out.append(hex.utf8Start[(value >> shift) & 0xF])
            shift -= 4
        }
    }

    /// ASCII case-insensitive comparison with a lowercase literal, without building a String.
    @inline(__always)
    static func nameIs(_ name: String, _ lower: StaticString) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            guard bytes.count == lower.utf8CodeUnitCount else { return false }
            let w = lower.utf8Start
            for i in 0..<bytes.count where HTTPByte.lower(bytes[i]) != w[i] { return false }
            return true
        }
    }
}
