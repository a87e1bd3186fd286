/// The bookkeeping of one settlement run, whatever the items come from (rows streamed from SQLite in
/// `SettlementRun`, an in-memory model in the property tests): which statement each line goes to and at
/// which position, the statements' running totals, and which deductions their earnings cover.
///
/// Holds one `SettlementStatementBuilder` per supplier and payout currency — never the lines.
public struct SettlementPlanner {
    public struct Key: Hashable, Comparable, Sendable {
        public let supplierID: String
        public let currency: Currency
        public init(supplierID: String, currency: Currency) {
            self.supplierID = supplierID
            self.currency = currency
        }
        public static func < (a: Key, b: Key) -> Bool { (a.supplierID, a.currency.code) < (b.supplierID, b.currency.code) }
    }

    /// Where a line was placed: the caller persists it there.
    public struct Placement: Sendable {
        public let line: SettlementLine
        public let settlementID: String
        public let position: Int64
        /// The statement's ordinal in this run (0, 1, 2… in order of first line): a cheap key for callers that
        /// group lines by statement.
        public let statementIndex: Int
    }

    private struct Group {
        let id: String
        let index: Int
        var builder: SettlementStatementBuilder
        var nextPosition: Int64 = 0
    }

    private var groups: [Key: Group] = [:]
    private let makeID: () -> String

    /// `makeID` names a new statement (`ID.make("stl")` in the store).
    public init(makeID: @escaping () -> String) {
        self.makeID = makeID
    }

    /// Puts a line on its supplier's statement in its payout currency.
    public mutating func add(_ line: SettlementLine) throws -> Placement {
        let key = Key(supplierID: line.item.supplierID, currency: line.item.payoutCurrency)
        let makeID = self.makeID
        let index = groups.count
        // Mutated in place through the dictionary: copying the group out and back would copy its builder's
        // arrays on every line.
        return try Self.update(&groups[key, default: Group(
            id: makeID(), index: index, builder: SettlementStatementBuilder(supplierID: key.supplierID, currency: key.currency))]
        ) { group in
            try group.builder.add(line)
            defer { group.nextPosition += 1 }
            return Placement(line: line, settlementID: group.id, position: group.nextPosition, statementIndex: group.index)
        }
    }

    private static func update<Value, Result>(_ value: inout Value, _ body: (inout Value) throws -> Result) rethrows -> Result {
        try body(&value)
    }

    /// Deductions of ONE supplier and payout currency, oldest first, added to its statement while the
    /// statement's net stays at or above zero (earnings first: call after every `add`). Returns the placed
    /// lines and the rest, which waits for a later run.
    public mutating func deduct(_ lines: [SettlementLine]) throws -> (placed: [Placement], carried: ArraySlice<SettlementLine>) {
        var placed = [Placement]()
        for (index, line) in lines.enumerated() {
            let key = Key(supplierID: line.item.supplierID, currency: line.item.payoutCurrency)
            let covered = groups[key].map { $0.builder.covers(line) } ?? (line.net.minorUnits >= 0)
            guard covered else { return (placed, lines[index...]) }
            placed.append(try add(line))
        }
        return (placed, lines[lines.endIndex...])
    }

    /// The statements with at least one line, by supplier then currency.
    public var statements: [(id: String, builder: SettlementStatementBuilder)] {
        groups.sorted { $0.key < $1.key }.compactMap { _, group in
            group.builder.totals.lineCount > 0 ? (group.id, group.builder) : nil
        }
    }
}
