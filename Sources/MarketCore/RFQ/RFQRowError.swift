/// A stored RFQ row that cannot be read back (written outside the API or corrupted): a 500 to fix in the
/// data, never a silently different answer.
public struct RFQRowError: Error, Sendable, CustomStringConvertible {
    public let table: String
    public let id: String
    public let reason: String

    public var description: String { "\(table) row \(id): \(reason)" }
}
