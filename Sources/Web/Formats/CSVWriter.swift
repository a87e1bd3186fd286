/// Writes CSV rows (RFC 4180) into a byte buffer that the caller drains, so an export can stream a large
/// table a few rows at a time.
///
/// A field is quoted only when it has to be: when it contains a comma, a quote, CR or LF (RFC 4180 §2.6),
/// or starts or ends with a space or tab, which some spreadsheet programs trim from unquoted fields, or
/// starts with U+FEFF, which a reader would take for a byte order mark at the start of a file. Quotes inside are doubled (§2.7). Rows end with CRLF (§2.1). `CSVReader` reads back exactly the
/// fields written.
///
///     var writer = CSVWriter()
///     writer.writeRow(["sku", "title_ko"])
///     for row in rows { writer.writeRow(row); if writer.bufferedByteCount > 64 << 10 { send(writer.drain()) } }
///     send(writer.drain())
public struct CSVWriter: Sendable {
    private var buffer: [UInt8] = []
    private var needsByteOrderMark: Bool

    /// `byteOrderMark: true` starts the output with EF BB BF, which spreadsheet programs need to open
    /// UTF-8 (Korean text, say) without mangling it; `CSVReader` drops the mark when reading back.
    public init(byteOrderMark: Bool = false) {
        needsByteOrderMark = byteOrderMark
    }

    /// Bytes written and not yet drained.
    public var bufferedByteCount: Int { buffer.count }

    /// Appends one row. A row of a single empty field is written `""`: an empty line would be a blank line,
    /// which readers skip. A row of no fields writes nothing.
    public mutating func writeRow(_ fields: some Sequence<String>) {
        if needsByteOrderMark {
            buffer.append(contentsOf: [0xEF, 0xBB, 0xBF])
            needsByteOrderMark = false
        }
        var count = 0
        var onlyFieldWasEmpty = false
        for field in fields {
            if count > 0 { buffer.append(Self.comma) }
            write(field)
            count += 1
            onlyFieldWasEmpty = count == 1 && field.isEmpty
        }
        guard count > 0 else { return }
        if onlyFieldWasEmpty {
            buffer.append(Self.quote)
            buffer.append(Self.quote)
        }
        buffer.append(Self.cr)
        buffer.append(Self.lf)
    }

    /// Returns the bytes written since the last drain and empties the buffer.
    public mutating func drain() -> [UInt8] {
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")

    private mutating func write(_ field: String) {
        let utf8 = field.utf8
        guard Self.needsQuotes(utf8) else {
            buffer.append(contentsOf: utf8)
            return
        }
        buffer.append(Self.quote)
        for byte in utf8 {
            buffer.append(byte)
            if byte == Self.quote { buffer.append(Self.quote) }
        }
        buffer.append(Self.quote)
    }

    private static func needsQuotes(_ utf8: String.UTF8View) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == space || first == tab || last == space || last == tab { return true }
        if first == 0xEF && utf8.starts(with: [0xEF, 0xBB, 0xBF]) { return true }
        return utf8.contains { $0 == comma || $0 == quote || $0 == cr || $0 == lf }
    }
}
