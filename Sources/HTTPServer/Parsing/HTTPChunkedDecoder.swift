/// Decodes the chunked transfer coding (RFC 9112 §7.1) incrementally, byte-exact, with no I/O.
///
/// Chunk data is copied out in bulk; only the size lines, extensions and trailers go byte by byte. The
/// body limit is checked as soon as a chunk size is known, so an oversized chunk is refused (413) before
/// its data is read. Chunk extensions are validated against their grammar and ignored; trailer fields are
/// validated as field lines and discarded (RFC 9112 §7.1.2 lets a recipient drop them).
public struct HTTPChunkedDecoder: Sendable {
    private enum State: Sendable {
        case size
        /// After the size digits (or an extension part): BWS, ";" or CR may follow.
        case afterSize
        case extensionNameStart
        case extensionName
        case extensionAfterName
        case extensionValueStart
        case extensionToken
        case extensionQuoted
        case extensionQuotedEscape
        case sizeLF
        case data
        case dataCR
        case dataLF
        case trailerLineStart
        case trailerName
        case trailerValue
        case trailerLF
        case finalLF
        case done
    }

    private var state: State = .size
    private var digits = 0
    private var chunkRemaining = 0
    private var lineBytes = 0
    /// BWS was just skipped: it is allowed only before ";" or "=", never right before the CRLF.
    private var afterWhitespace = false
    private var trailerBytes = 0
    public private(set) var bodyBytes = 0
    public let maxBodyBytes: Int
    /// Bound on one size line with its extensions, and on the trailer section: extensions are ignored, so
    /// there is no reason to let a client make the server scan megabytes of them.
    public let maxLineBytes: Int
    public let maxTrailerBytes: Int

    public init(maxBodyBytes: Int, maxLineBytes: Int = 4096, maxTrailerBytes: Int = 16 * 1024) {
        self.maxBodyBytes = maxBodyBytes
        self.maxLineBytes = maxLineBytes
        self.maxTrailerBytes = maxTrailerBytes
    }

    /// The last chunk and the trailer section have been read.
    public var isComplete: Bool {
        if case .done = state { return true }
        return false
    }

    /// Consumes bytes of `input`, appending decoded body bytes to `body`. Returns how many bytes were
    /// consumed: all of them, or fewer when the message ended (what follows is the next request).
    public mutating func decode(_ input: UnsafeBufferPointer<UInt8>, into body: inout [UInt8]) throws(HTTPParseError) -> Int {
        var i = 0
        let count = input.count
        while i < count {
            if case .data = state {
                let n = min(chunkRemaining, count - i)
                body.append(contentsOf: UnsafeBufferPointer(rebasing: input[i..<(i + n)]))
                chunkRemaining -= n
                i += n
                if chunkRemaining == 0 { state = .dataCR }
                continue
            }
            if case .done = state { return i }
            try step(input[i])
            i += 1
        }
        return i
    }

    private mutating func step(_ b: UInt8) throws(HTTPParseError) {
        switch state {
        case .size:
            if let v = HTTPByte.hexValue(b) {
                guard chunkRemaining <= (Int.max >> 4) else { throw .badRequest("Chunk size overflows") }
                chunkRemaining = chunkRemaining << 4 | v
                digits += 1
                try countLineByte()
                return
            }
            guard digits > 0 else { throw .badRequest("Malformed chunk size") }
            state = .afterSize
            try step(b)
        case .afterSize:
            try countLineByte()
            if HTTPByte.isWhitespace(b) {
                afterWhitespace = true
                return
            }
            if b == HTTPByte.semicolon {
                afterWhitespace = false
                state = .extensionNameStart
            } else if b == HTTPByte.cr && !afterWhitespace {
                state = .sizeLF
            } else {
                throw .badRequest("Malformed chunk size")
            }
        case .extensionNameStart:
            try countLineByte()
            if HTTPByte.isWhitespace(b) { return }
            guard HTTPByte.isToken(b) else { throw .badRequest("Malformed chunk extension") }
            state = .extensionName
        case .extensionName:
            try countLineByte()
            if HTTPByte.isToken(b) { return }
            state = .extensionAfterName
            try extensionAfterName(b)
        case .extensionAfterName:
            try countLineByte()
            try extensionAfterName(b)
        case .extensionValueStart:
            try countLineByte()
            if HTTPByte.isWhitespace(b) { return }
            if b == HTTPByte.quote {
                state = .extensionQuoted
            } else if HTTPByte.isToken(b) {
                state = .extensionToken
            } else {
                throw .badRequest("Malformed chunk extension")
            }
        case .extensionToken:
            try countLineByte()
            if HTTPByte.isToken(b) { return }
            state = .afterSize
            try step(b)
        case .extensionQuoted:
            try countLineByte()
            if b == HTTPByte.quote {
                state = .afterSize
            } else if b == HTTPByte.backslash {
                state = .extensionQuotedEscape
            } else if !(b == HTTPByte.tab || (b >= 0x20 && b != 0x7F)) {
                throw .badRequest("Malformed chunk extension")
            }
        case .extensionQuotedEscape:
            try countLineByte()
            guard b == HTTPByte.tab || (b >= 0x20 && b != 0x7F) else { throw .badRequest("Malformed chunk extension") }
            state = .extensionQuoted
        case .sizeLF:
            guard b == HTTPByte.lf else { throw .badRequest("Malformed chunk size line") }
            lineBytes = 0
            digits = 0
            if chunkRemaining == 0 {
                state = .trailerLineStart
                return
            }
            guard chunkRemaining <= maxBodyBytes - bodyBytes else {
                throw HTTPParseError(.contentTooLarge, "The request body exceeds \(maxBodyBytes) bytes")
            }
            bodyBytes += chunkRemaining
            state = .data
        case .data:
            break  // handled in bulk by decode
        case .dataCR:
            guard b == HTTPByte.cr else { throw .badRequest("Missing CRLF after chunk data") }
            state = .dataLF
        case .dataLF:
            guard b == HTTPByte.lf else { throw .badRequest("Missing CRLF after chunk data") }
            state = .size
        case .trailerLineStart:
            try countTrailerByte()
            if b == HTTPByte.cr {
                state = .finalLF
            } else if HTTPByte.isToken(b) {
                state = .trailerName
            } else {
                throw .badRequest("Malformed trailer field")
            }
        case .trailerName:
            try countTrailerByte()
            if HTTPByte.isToken(b) { return }
            guard b == HTTPByte.colon else { throw .badRequest("Malformed trailer field") }
            state = .trailerValue
        case .trailerValue:
            try countTrailerByte()
            if b == HTTPByte.cr {
                state = .trailerLF
            } else if !HTTPByte.isFieldValue(b) {
                throw .badRequest("Invalid character in trailer field")
            }
        case .trailerLF:
            guard b == HTTPByte.lf else { throw .badRequest("Malformed trailer field") }
            state = .trailerLineStart
        case .finalLF:
            guard b == HTTPByte.lf else { throw .badRequest("Malformed end of chunked body") }
            state = .done
        case .done:
            break
        }
    }

    /// After an extension name: "=" starts a value, ";" another extension, CR ends the line.
    private mutating func extensionAfterName(_ b: UInt8) throws(HTTPParseError) {
        if HTTPByte.isWhitespace(b) {
            afterWhitespace = true
            return
        }
        let whitespaceBefore = afterWhitespace
        afterWhitespace = false
        switch b {
        case HTTPByte.equals: state = .extensionValueStart
        case HTTPByte.semicolon: state = .extensionNameStart
        case HTTPByte.cr where !whitespaceBefore: state = .sizeLF
        default: throw .badRequest("Malformed chunk extension")
        }
    }

    private mutating func countLineByte() throws(HTTPParseError) {
        lineBytes += 1
        if lineBytes > maxLineBytes { throw .badRequest("Chunk size line too long") }
    }

    private mutating func countTrailerByte() throws(HTTPParseError) {
        trailerBytes += 1
        if trailerBytes > maxTrailerBytes {
            throw HTTPParseError(.requestHeaderFieldsTooLarge, "The trailer section exceeds \(maxTrailerBytes) bytes")
        }
    }
}
