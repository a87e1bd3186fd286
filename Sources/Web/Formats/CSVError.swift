/// A CSV byte stream that cannot be read, with the 1-based line where the problem is.
///
/// Errors end the stream: after a structural error (an unterminated quote above all) the reader cannot
/// tell where the next record starts, so it does not try to resynchronize.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// A quoted field is still open at the end of the input; `line` is where its opening quote is.
        case unterminatedQuote
        /// A `"` inside a field that does not start with one (RFC 4180 §2.5: such fields must be quoted).
        case quoteInUnquotedField
        /// Something other than a comma or a line end right after a closing quote, as in `"ab"c`.
        case textAfterClosingQuote
        /// A field that is not valid UTF-8; `line` is where the field starts.
        case invalidUTF8
        /// A record longer than the reader's `maxRecordBytes`; `line` is where the record starts.
        case recordTooLong(limit: Int)
    }

    public var line: Int
    public var reason: Reason

    public init(line: Int, reason: Reason) {
        self.line = line
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .unterminatedQuote:
            return "line \(line): quoted field is not closed before the end of the file"
        case .quoteInUnquotedField:
            return "line \(line): a field containing \" must be enclosed in double quotes"
        case .textAfterClosingQuote:
            return "line \(line): unexpected text after the closing quote of a field"
        case .invalidUTF8:
            return "line \(line): field is not valid UTF-8"
        case .recordTooLong(let limit):
            return "line \(line): record is longer than \(limit) bytes (is a quote left open?)"
        }
    }
}
