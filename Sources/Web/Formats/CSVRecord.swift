/// One record of a CSV file: its fields, decoded as UTF-8, and the 1-based line of the file on which it
/// starts. The line is not the record's index: a quoted field may span several lines (RFC 4180 §2.6) and
/// blank lines are skipped, so the two drift apart, and error reports must name the line a person sees.
public struct CSVRecord: Sendable, Hashable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
