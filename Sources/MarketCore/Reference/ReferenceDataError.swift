/// A stored reference row that cannot be read back: written outside the API or corrupted. Surfaces as a
/// 500 (a bug to fix in the data), never as a silently different rate or commission.
public struct ReferenceDataError: Error, Sendable, CustomStringConvertible {
    public let table: String
    public let id: String
    public let reason: String

    public var description: String { "\(table) row \(id): \(reason)" }
}
