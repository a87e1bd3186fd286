import Foundation

/// How often a recurring order runs: an ISO 8601 duration of days, weeks or months (`P1D`, `P2W`,
/// `P1M`; ISO 8601-1:2019 §5.5.2). Occurrences are counted from the first run, in UTC: run k is
/// `first + k × every`. Months use the calendar and clamp to the month's last day (Jan 31 + P1M is
/// Feb 28), and because each run is computed from the first one, not from the previous, a schedule
/// that starts on the 31st comes back to the 31st in March instead of drifting to the 28th.
public struct RecurrenceInterval: Sendable, Equatable {
    public enum Unit: String, Sendable { case day = "D", week = "W", month = "M" }

    public let count: Int
    public let unit: Unit

    /// The largest count per unit: a schedule runs at least once a year.
    static func maximum(_ unit: Unit) -> Int {
        switch unit {
        case .day: 366
        case .week: 52
        case .month: 12
        }
    }

    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3, bytes.count <= 5, bytes.first == UInt8(ascii: "P"), let last = bytes.last,
            let unit = Unit(rawValue: String(UnicodeScalar(last))),
            bytes.dropFirst().dropLast().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let count = Int(String(decoding: bytes.dropFirst().dropLast(), as: UTF8.self)),
            count >= 1, count <= Self.maximum(unit)
        else { return nil }
        self.count = count
        self.unit = unit
    }

    public var iso: String { "P\(count)\(unit.rawValue)" }

    /// Run number `index` (0 is `first`).
    public func occurrence(_ index: Int, from first: Date) -> Date? {
        switch unit {
        case .day: return first.addingTimeInterval(TimeInterval(index * count) * 86_400)
        case .week: return first.addingTimeInterval(TimeInterval(index * count) * 7 * 86_400)
        case .month:
            var calendar = Calendar(identifier: .gregorian)
            guard let utc = TimeZone(identifier: "UTC") else { return nil }
            calendar.timeZone = utc
            return calendar.date(byAdding: .month, value: index * count, to: first)
        }
    }
}
