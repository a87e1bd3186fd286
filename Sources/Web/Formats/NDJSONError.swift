/// An NDJSON stream that cannot be split into lines, with the 1-based line where the problem is.
public struct NDJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// A line longer than the splitter's `maxLineLength`, in bytes without its line end.
        case lineTooLong(limit: Int)
    }

    public var line: Int
    public var reason: Reason

    public init(line: Int, reason: Reason) {
        self.line = line
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .lineTooLong(let limit):
            return "line \(line): longer than \(limit) bytes"
        }
    }
}
