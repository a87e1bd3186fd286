/// A streaming RFC 4180 reader: feed it the bytes of a CSV file in chunks of any size and it returns the
/// records completed by each chunk. It holds only the record being read, so a file of any length is read in
/// memory bounded by `maxRecordBytes`.
///
/// What it accepts, beyond the letter of RFC 4180:
/// - UTF-8 with or without a leading byte order mark (the mark is dropped);
/// - CRLF, LF or a lone CR as line ends (RFC 4180 §2.1 says CRLF; spreadsheets and Unix tools write the others);
/// - blank lines are skipped, so a final line end does not make an empty record (§2.2). A record of one
///   empty field is written `""`, which is not blank.
/// Fields keep their bytes exactly, including line ends inside quoted fields; records may have different
/// numbers of fields (checking that is the caller's business, it knows the header).
///
///     var reader = CSVReader()
///     for chunk in chunks { for record in try reader.feed(chunk) { ... } }
///     if let last = try reader.finish() { ... }
public struct CSVReader: Sendable {
    /// The longest record accepted, in bytes. It bounds memory when a quote is left open in a large file.
    public let maxRecordBytes: Int

    private enum State: Sendable {
        case recordStart  // nothing of a record read yet: a line end here is a blank line
        case fieldStart  // after a comma
        case unquoted
        case quoted
        case quoteInQuoted  // a `"` inside a quoted field: either the closing quote or the first of `""`
    }

    private var state = State.recordStart
    private var bom = LeadingByteOrderMark()
    private var line = 1  // the line of the byte being read
    private var previousWasCR = false  // a LF right after a CR ends the same line
    private var recordLine = 1
    private var fieldLine = 1
    private var recordBytes = 0
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var completed: [CSVRecord] = []
    private var failure: CSVError?

    public init(maxRecordBytes: Int = 1 << 20) {
        self.maxRecordBytes = maxRecordBytes
    }

    /// Reads the next chunk of the file and returns the records it completes, in order.
    /// After an error, every later call throws the same error.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(CSVError) -> [CSVRecord] {
        if let failure { throw failure }
        var caught: CSVError?
        let wasContiguous: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            do throws(CSVError) { try self.consume(buffer) } catch { caught = error }
        }
        if wasContiguous == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { buffer in
                do throws(CSVError) { try self.consume(buffer) } catch { caught = error }
            }
        }
        if let caught {
            failure = caught
            throw caught
        }
        defer { completed.removeAll(keepingCapacity: true) }
        return completed
    }

    /// Ends the input: returns the last record when the file does not end with a line end, or throws when a
    /// quoted field is still open.
    public mutating func finish() throws(CSVError) -> CSVRecord? {
        if let failure { throw failure }
        do throws(CSVError) {
            let replay = bom.finish()
            if !replay.isEmpty {
                try replay.withUnsafeBufferPointer { buffer throws(CSVError) in try process(buffer) }
            }
            switch state {
            case .recordStart:
                break
            case .quoted:
                throw CSVError(line: fieldLine, reason: .unterminatedQuote)
            case .fieldStart, .unquoted, .quoteInQuoted:
                try endField()
                endRecord()
            }
        } catch {
            failure = error
            throw error
        }
        defer { completed.removeAll() }
        return completed.last
    }

    /// Reads a whole file held in memory, for small bodies.
    public static func records(in bytes: some Collection<UInt8>, maxRecordBytes: Int = 1 << 20) throws(CSVError)
        -> [CSVRecord]
    {
        var reader = CSVReader(maxRecordBytes: maxRecordBytes)
        var records = try reader.feed(bytes)
        if let last = try reader.finish() { records.append(last) }
        return records
    }

    // MARK: - The state machine

    private mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>) throws(CSVError) {
        let (replay, start) = bom.consume(chunk)
        if !replay.isEmpty {
            try replay.withUnsafeBufferPointer { buffer throws(CSVError) in try process(buffer) }
        }
        if start < chunk.count {
            try process(UnsafeBufferPointer(rebasing: chunk[start...]))
        }
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    private mutating func process(_ buffer: UnsafeBufferPointer<UInt8>) throws(CSVError) {
        var index = 0
        let end = buffer.count
        while index < end {
            switch state {
            case .recordStart, .fieldStart:
                let byte = buffer[index]
                if state == .recordStart {
                    if byte == Self.cr || byte == Self.lf {
                        countLineEnd(byte)  // a blank line, or the LF of a CRLF that ended a record
                        index += 1
                        continue
                    }
                    recordLine = line
                }
                fieldLine = line
                previousWasCR = false
                switch byte {
                case Self.quote:
                    state = .quoted
                    index += 1
                case Self.comma:
                    try endField()
                    state = .fieldStart
                    index += 1
                case Self.cr, Self.lf:  // only after a comma: the record ends with an empty field
                    try endField()
                    endRecord()
                    countLineEnd(byte)
                    index += 1
                default:
                    state = .unquoted
                }

            case .unquoted:
                var scan = index
                while scan < end {
                    let byte = buffer[scan]
                    if byte == Self.comma || byte == Self.quote || byte == Self.cr || byte == Self.lf { break }
                    scan += 1
                }
                try append(buffer, from: index, to: scan)
                index = scan
                guard index < end else { break }
                let byte = buffer[index]
                if byte == Self.quote {
                    throw CSVError(line: line, reason: .quoteInUnquotedField)
                }
                try endField()
                if byte == Self.comma {
                    state = .fieldStart
                } else {
                    endRecord()
                    countLineEnd(byte)
                }
                index += 1

            case .quoted:
                var scan = index
                while scan < end {
                    let byte = buffer[scan]
                    if byte == Self.quote { break }
                    if byte == Self.cr || byte == Self.lf {
                        countLineEnd(byte)
                    } else {
                        previousWasCR = false
                    }
                    scan += 1
                }
                try append(buffer, from: index, to: scan)
                index = scan
                if index < end {
                    previousWasCR = false
                    state = .quoteInQuoted
                    index += 1
                }

            case .quoteInQuoted:
                let byte = buffer[index]
                switch byte {
                case Self.quote:  // `""` is one quote (RFC 4180 §2.7)
                    field.append(Self.quote)
                    try countRecordBytes(1)
                    state = .quoted
                case Self.comma:
                    try endField()
                    state = .fieldStart
                case Self.cr, Self.lf:
                    try endField()
                    endRecord()
                    countLineEnd(byte)
                default:
                    throw CSVError(line: line, reason: .textAfterClosingQuote)
                }
                index += 1
            }
        }
    }

    /// Counts lines the way an editor shows them: CRLF, LF and a lone CR each end one line.
    private mutating func countLineEnd(_ byte: UInt8) {
        if byte == Self.cr {
            line += 1
            previousWasCR = true
        } else {
            if !previousWasCR { line += 1 }
            previousWasCR = false
        }
    }

    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
        throws(CSVError)
    {
        guard start < end else { return }
        try countRecordBytes(end - start)
        field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<end]))
    }

    private mutating func countRecordBytes(_ count: Int) throws(CSVError) {
        recordBytes += count
        if recordBytes > maxRecordBytes {
            throw CSVError(line: recordLine, reason: .recordTooLong(limit: maxRecordBytes))
        }
    }

    private mutating func endField() throws(CSVError) {
        try countRecordBytes(1)  // the separator: bounds a record made of many empty fields
        guard let text = String(validating: field, as: UTF8.self) else {
            throw CSVError(line: fieldLine, reason: .invalidUTF8)
        }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endRecord() {
        completed.append(CSVRecord(line: recordLine, fields: fields))
        fields.removeAll(keepingCapacity: true)
        recordBytes = 0
        state = .recordStart
    }
}
