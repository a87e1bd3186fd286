/// What the parser learns from the few header fields that decide framing and persistence, gathered
/// while it walks the field lines once. Names compare case-insensitively (RFC 9110 §5.1).
struct FieldFacts {
    var hostCount = 0
    var contentLength: Int?
    var hasTransferEncoding = false
    /// Transfer codings seen, in order, across all Transfer-Encoding fields (RFC 9110 §5.3 combining).
    var codingCount = 0
    var chunkedCount = 0
    var lastCodingIsChunked = false
    var connectionClose = false
    var connectionKeepAlive = false
    var expectContinue = false

    /// Records one field; returns the error a field on its own already proves.
    mutating func note(
        _ bytes: UnsafeBufferPointer<UInt8>, _ nameStart: Int, _ nameEnd: Int, _ valueStart: Int, _ valueEnd: Int
    ) -> HTTPParseError? {
        switch nameEnd - nameStart {
        case 4 where HTTPByte.equalsLowercase(bytes, nameStart, nameEnd, "host"):
            hostCount += 1
            // RFC 9112 §3.2: more than one Host field MUST be answered with 400.
            if hostCount > 1 { return .badRequest("More than one Host header") }
        case 14 where HTTPByte.equalsLowercase(bytes, nameStart, nameEnd, "content-length"):
            return noteContentLength(bytes, valueStart, valueEnd)
        case 17 where HTTPByte.equalsLowercase(bytes, nameStart, nameEnd, "transfer-encoding"):
            hasTransferEncoding = true
            Self.forEachElement(bytes, valueStart, valueEnd) { s, e in
                codingCount += 1
                lastCodingIsChunked = HTTPByte.equalsLowercase(bytes, s, e, "chunked")
                if lastCodingIsChunked { chunkedCount += 1 }
            }
        case 10 where HTTPByte.equalsLowercase(bytes, nameStart, nameEnd, "connection"):
            Self.forEachElement(bytes, valueStart, valueEnd) { s, e in
                if HTTPByte.equalsLowercase(bytes, s, e, "close") { connectionClose = true }
                if HTTPByte.equalsLowercase(bytes, s, e, "keep-alive") { connectionKeepAlive = true }
            }
        case 6 where HTTPByte.equalsLowercase(bytes, nameStart, nameEnd, "expect"):
            // RFC 9110 §10.1.1: 100-continue is the only expectation defined; 417 for any other.
            guard HTTPByte.equalsLowercase(bytes, valueStart, valueEnd, "100-continue") else {
                return HTTPParseError(.expectationFailed, "Only the 100-continue expectation is supported")
            }
            expectContinue = true
        default:
            break
        }
        return nil
    }

    /// Content-Length = 1*DIGIT (RFC 9110 §8.6). A list of identical values ("5, 5"), or repeated identical
    /// fields, may be accepted as one value; anything else, including signs and overflow, is 400 (RFC 9112 §6.3).
    private mutating func noteContentLength(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> HTTPParseError? {
        var i = start
        repeat {
            while i < end && HTTPByte.isWhitespace(bytes[i]) { i += 1 }
            var value = 0
            var digits = 0
            while i < end && HTTPByte.isDigit(bytes[i]) {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(bytes[i] &- 0x30))
                if o1 || o2 { return .badRequest("Content-Length overflows") }
                value = sum
                digits += 1
                i += 1
            }
            while i < end && HTTPByte.isWhitespace(bytes[i]) { i += 1 }
            guard digits > 0, i == end || bytes[i] == HTTPByte.comma else { return .badRequest("Invalid Content-Length") }
            if let known = contentLength, known != value { return .badRequest("Differing Content-Length values") }
            contentLength = value
            i += 1
        } while i < end
        if i == end { return .badRequest("Invalid Content-Length") }  // a trailing comma left an empty element
        return nil
    }

    /// The error the collected Transfer-Encoding codings prove, if any (RFC 9112 §6.1, §6.3).
    func transferEncodingError() -> HTTPParseError? {
        if codingCount == 0 || !lastCodingIsChunked {
            return .badRequest("Transfer-Encoding whose final coding is not chunked")
        }
        if chunkedCount > 1 { return .badRequest("chunked applied more than once") }
        if codingCount > 1 { return HTTPParseError(.notImplemented, "Only the chunked transfer coding is implemented") }
        return nil
    }

    /// Calls `body` with the bounds of each non-empty element of a comma-separated list, OWS trimmed
    /// (RFC 9110 §5.6.1: empty elements are ignored). Parameters after ";" are kept in the element.
    private static func forEachElement(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ body: (Int, Int) -> Void
    ) {
        var i = start
        while i < end {
            var s = i
            while s < end && HTTPByte.isWhitespace(bytes[s]) { s += 1 }
            var e = s
            while e < end && bytes[e] != HTTPByte.comma { e += 1 }
            let next = e + 1
            while e > s && HTTPByte.isWhitespace(bytes[e - 1]) { e -= 1 }
            if e > s { body(s, e) }
            i = next
        }
    }
}
