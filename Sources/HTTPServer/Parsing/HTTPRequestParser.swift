/// A strict HTTP/1.1 request-head parser (RFC 9112 §2-§3, §5-§6) with no I/O.
///
/// The caller offers the bytes received so far, always starting at the first byte of the head; the
/// parser remembers how far it already looked for the end of the head, so offering a growing buffer
/// costs O(new bytes). Only once the whole head is present is it parsed in one pass, which keeps the
/// state machine trivial and lets every check see the complete request line and field section.
///
/// Deliberate choices (each one rejects, then the connection closes):
/// - Lines must end in CRLF: a bare LF is rejected (RFC 9112 §2.2 lets a recipient accept it; accepting it is
///   what makes request smuggling through front ends that disagree possible).
/// - Leading empty lines before the request line are skipped (RFC 9112 §2.2 "SHOULD ignore").
/// - The target must be origin-form, or asterisk-form for OPTIONS; absolute-form and authority-form get 400:
///   this server is never a proxy (RFC 9112 §3.2).
/// - Transfer-Encoding: the final coding must be `chunked` (400 otherwise, RFC 9112 §6.3); a coding before it
///   (`gzip, chunked`) is understood but not implemented and gets 501 (RFC 9112 §6.1). Transfer-Encoding in an
///   HTTP/1.0 request gets 400 (RFC 9112 §6.1: its framing cannot be trusted).
public struct HTTPRequestParser: Sendable {
    public var limits: HTTPParserLimits
    /// Offset of the first line not yet known to be complete (resume point of the scan).
    private var resumeAt = 0
    /// Offset of the request line after skipped leading CRLFs.
    private var headStart = 0
    /// Offset up to which the incomplete line was already searched for LF, so a long line that arrives in
    /// small pieces is still scanned once.
    private var scanFrom = 0
    /// Field lines seen by the scan, used to size the header array once.
    private var lineCount = 0

    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
    }

    /// Forgets the progress of an incomplete head (after a head was returned this happens by itself).
    public mutating func reset() {
        resumeAt = 0
        headStart = 0
        scanFrom = 0
        lineCount = 0
    }

    /// Offers the bytes received so far for the current head.
    public mutating func parseHead(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPHeadParseResult {
        let count = bytes.count
        if resumeAt == 0 {
            // Skip empty lines a client may send after a previous body (RFC 9112 §2.2).
            var i = 0
            while i < count && bytes[i] == HTTPByte.cr {
                guard i + 1 < count else { return .needMore }
                guard bytes[i + 1] == HTTPByte.lf else { return .failure(.badRequest("Malformed request line")) }
                i += 2
                if i > limits.maxHeaderBytes { return .failure(HTTPParseError(.requestHeaderFieldsTooLarge, "Too many empty lines")) }
            }
            if i < count && bytes[i] == HTTPByte.lf { return .failure(.badRequest("Bare LF line ending")) }
            if i == count { return .needMore }
            headStart = i
            resumeAt = i
        }
        // Find the empty line that ends the head, checking every LF has its CR on the way.
        var lineStart = resumeAt
        var headEnd = -1
        var lf = max(scanFrom, lineStart)
        while true {
            while lf < count && bytes[lf] != HTTPByte.lf { lf += 1 }
            if lf == count { break }
            if lf == lineStart || bytes[lf - 1] != HTTPByte.cr { return .failure(.badRequest("Bare LF line ending")) }
            if lf - 1 == lineStart {
                headEnd = lf + 1
                break
            }
            lineCount += 1
            lineStart = lf + 1
            lf = lineStart
            if lineStart - headStart > limits.maxHeaderBytes { return .failure(oversizeHeadError(bytes, lineStart)) }
        }
        guard headEnd >= 0 else {
            resumeAt = lineStart
            scanFrom = count
            let buffered = count - headStart
            if buffered > limits.maxHeaderBytes || (lineStart == headStart && buffered > limits.maxRequestTargetBytes) {
                if let error = incompleteHeadError(bytes) { return .failure(error) }
            }
            return .needMore
        }
        if headEnd - headStart > limits.maxHeaderBytes { return .failure(oversizeHeadError(bytes, headEnd)) }
        let fieldLines = lineCount - 1
        let start = headStart
        reset()
        return parseCompleteHead(bytes, start: start, end: headEnd, fieldLines: fieldLines)
    }

    // MARK: - Limits on incomplete heads

    /// While the head is incomplete: 414 as soon as the request line's target is known to be too long,
    /// 431 once the head exceeds its byte limit.
    private func incompleteHeadError(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPParseError? {
        if let error = overlongTargetError(bytes) { return error }
        if bytes.count - headStart > limits.maxHeaderBytes { return oversizeHeadError(bytes, bytes.count) }
        return nil
    }

    private func oversizeHeadError(_ bytes: UnsafeBufferPointer<UInt8>, _ end: Int) -> HTTPParseError {
        overlongTargetError(bytes)
            ?? HTTPParseError(.requestHeaderFieldsTooLarge, "The header section exceeds \(limits.maxHeaderBytes) bytes")
    }

    /// 414 when the (possibly still incomplete) request line's target exceeds the limit.
    private func overlongTargetError(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPParseError? {
        // Methods are short: look for the first space only near the start, so repeated calls stay cheap.
        var i = headStart
        let methodCap = min(bytes.count, headStart + 32)
        while i < methodCap && bytes[i] != HTTPByte.space && bytes[i] != HTTPByte.cr { i += 1 }
        guard i < methodCap && bytes[i] == HTTPByte.space else { return nil }
        let targetStart = i + 1
        var j = targetStart
        let cap = targetStart + limits.maxRequestTargetBytes
        while j < bytes.count && j <= cap && bytes[j] != HTTPByte.space && bytes[j] != HTTPByte.cr { j += 1 }
        guard j - targetStart > limits.maxRequestTargetBytes else { return nil }
        return HTTPParseError(.uriTooLong, "The request-target exceeds \(limits.maxRequestTargetBytes) bytes")
    }

    // MARK: - The complete head

    private func parseCompleteHead(
        _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, fieldLines: Int
    ) -> HTTPHeadParseResult {
        // Request line (RFC 9112 §3): method SP request-target SP HTTP-version CRLF, single spaces only.
        // Lines are located by their LF (the scan proved each has a CR before it); a lone CR inside a
        // line is then an invalid character wherever it appears.
        var lineEnd = start
        while bytes[lineEnd] != HTTPByte.lf { lineEnd += 1 }
        lineEnd -= 1
        var i = start
        while i < lineEnd && HTTPByte.isToken(bytes[i]) { i += 1 }
        guard i > start, i < lineEnd, bytes[i] == HTTPByte.space else {
            return .failure(.badRequest("Invalid method token"))
        }
        let methodEnd = i
        let targetStart = i + 1
        var queryMark = -1
        var j = targetStart
        while j < lineEnd && bytes[j] != HTTPByte.space {
            let b = bytes[j]
            guard HTTPByte.isTargetChar(b) else { return .failure(.badRequest("Invalid character in request-target")) }
            if b == HTTPByte.question && queryMark < 0 { queryMark = j }
            j += 1
        }
        let targetEnd = j
        guard targetEnd > targetStart else { return .failure(.badRequest("Malformed request line")) }
        if targetEnd - targetStart > limits.maxRequestTargetBytes {
            return .failure(HTTPParseError(.uriTooLong, "The request-target exceeds \(limits.maxRequestTargetBytes) bytes"))
        }
        guard targetEnd < lineEnd else { return .failure(.badRequest("Malformed request line")) }
        let version: HTTPVersion
        switch Self.parseVersion(bytes, targetEnd + 1, lineEnd) {
        case .success(let v): version = v
        case .failure(let error): return .failure(error)
        }
        guard let method = Self.method(bytes, start, methodEnd) else {
            return .failure(HTTPParseError(.notImplemented, "Method not implemented"))
        }
        let first = bytes[targetStart]
        if first != HTTPByte.slash {
            guard first == HTTPByte.asterisk, targetEnd - targetStart == 1, method == .options else {
                return .failure(.badRequest("The request-target must be origin-form"))
            }
        }

        // Field lines (RFC 9112 §5).
        if fieldLines > limits.maxHeaderCount {
            return .failure(HTTPParseError(.requestHeaderFieldsTooLarge, "More than \(limits.maxHeaderCount) header fields"))
        }
        var fields: [HTTPHeaders.Field] = []
        fields.reserveCapacity(fieldLines)
        var facts = FieldFacts()
        var lineStart = lineEnd + 2
        while true {
            var cr = lineStart
            while bytes[cr] != HTTPByte.lf { cr += 1 }
            cr -= 1
            if cr == lineStart { break }
            if let error = parseField(bytes, lineStart, cr, into: &fields, facts: &facts) { return .failure(error) }
            lineStart = cr + 2
        }

        // Framing and persistence (RFC 9112 §6.3, §9.3).
        if version == .http1_1 && facts.hostCount == 0 { return .failure(.badRequest("Missing Host header")) }
        let framing: HTTPBodyFraming
        if facts.hasTransferEncoding {
            if facts.contentLength != nil {
                return .failure(.badRequest("Content-Length together with Transfer-Encoding"))
            }
            if version == .http1_0 { return .failure(.badRequest("Transfer-Encoding in an HTTP/1.0 request")) }
            if let error = facts.transferEncodingError() { return .failure(error) }
            framing = .chunked
        } else if let length = facts.contentLength, length > 0 {
            framing = .contentLength(length)
        } else {
            framing = .none
        }
        let keepAlive = version == .http1_1 ? !facts.connectionClose : (facts.connectionKeepAlive && !facts.connectionClose)

        let target = String(decoding: UnsafeBufferPointer(rebasing: bytes[targetStart..<targetEnd]), as: UTF8.self)
        let path: String
        let query: String
        if queryMark >= 0 {
            path = String(decoding: UnsafeBufferPointer(rebasing: bytes[targetStart..<queryMark]), as: UTF8.self)
            query = String(decoding: UnsafeBufferPointer(rebasing: bytes[(queryMark + 1)..<targetEnd]), as: UTF8.self)
        } else {
            path = target
            query = ""
        }
        let head = HTTPRequestHead(
            method: method, target: target, path: path, query: query, version: version,
            headers: HTTPHeaders(fields))
        return .head(
            HTTPParsedHead(
                head: head, framing: framing, keepAlive: keepAlive, expectContinue: facts.expectContinue,
                length: end))
    }

    /// HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3): 505 for a well-formed version we do not speak.
    private static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Result<HTTPVersion, HTTPParseError> {
        guard end - start == 8,
            bytes[start] == 0x48, bytes[start + 1] == 0x54, bytes[start + 2] == 0x54, bytes[start + 3] == 0x50,
            bytes[start + 4] == HTTPByte.slash, HTTPByte.isDigit(bytes[start + 5]), bytes[start + 6] == 0x2E,
            HTTPByte.isDigit(bytes[start + 7])
        else { return .failure(.badRequest("Malformed HTTP version")) }
        guard bytes[start + 5] == 0x31 else {
            return .failure(HTTPParseError(.httpVersionNotSupported, "Only HTTP/1.0 and HTTP/1.1 are supported"))
        }
        switch bytes[start + 7] {
        case 0x31: return .success(.http1_1)
        case 0x30: return .success(.http1_0)
        default: return .failure(HTTPParseError(.httpVersionNotSupported, "Only HTTP/1.0 and HTTP/1.1 are supported"))
        }
    }

    /// The implemented method for a token (case-sensitive, RFC 9110 §9.1), reusing the shared constants.
    private static func method(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> HTTPMethod? {
        @inline(__always) func its(_ word: StaticString) -> Bool {
            guard end - start == word.utf8CodeUnitCount else { return false }
            let w = word.utf8Start
            for k in 0..<(end - start) where bytes[start + k] != w[k] { return false }
            return true
        }
        if its("GET") { return .get }
        if its("POST") { return .post }
        if its("HEAD") { return .head }
        if its("PUT") { return .put }
        if its("DELETE") { return .delete }
        if its("PATCH") { return .patch }
        if its("OPTIONS") { return .options }
        let other = HTTPMethod(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        return HTTPMethod.implemented.contains(other) ? other : nil
    }

    /// field-line = field-name ":" OWS field-value OWS (RFC 9112 §5).
    private func parseField(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
        into fields: inout [HTTPHeaders.Field], facts: inout FieldFacts
    ) -> HTTPParseError? {
        let first = bytes[start]
        if HTTPByte.isWhitespace(first) { return .badRequest("Obsolete line folding is not accepted") }
        var i = start
        while i < end && HTTPByte.isToken(bytes[i]) { i += 1 }
        guard i < end, i > start, bytes[i] == HTTPByte.colon else {
            if i < end && i > start && HTTPByte.isWhitespace(bytes[i]) {
                return .badRequest("Whitespace between field name and colon")  // RFC 9112 §5.1 MUST reject
            }
            return .badRequest("Invalid header field name")
        }
        let nameEnd = i
        var valueStart = i + 1
        while valueStart < end && HTTPByte.isWhitespace(bytes[valueStart]) { valueStart += 1 }
        var valueEnd = end
        while valueEnd > valueStart && HTTPByte.isWhitespace(bytes[valueEnd - 1]) { valueEnd -= 1 }
        var k = valueStart
        while k < valueEnd {
            guard HTTPByte.isFieldValue(bytes[k]) else { return .badRequest("Invalid character in header field value") }
            k += 1
        }
        if let error = facts.note(bytes, start, nameEnd, valueStart, valueEnd) { return error }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<nameEnd]), as: UTF8.self)
        let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
        fields.append((name: name, value: value))
        return nil
    }
}
