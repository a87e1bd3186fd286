import Foundation
import Synchronization

/// Time as the marketplace sees it. Injected everywhere "now" matters (token expiry, rates in force,
/// due dates, schedules) so tests can drive time instead of sleeping.
public protocol MarketClock: Sendable {
    func now() -> Date
}

public struct SystemClock: MarketClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock tests move by hand.
public final class ManualClock: MarketClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(seconds: TimeInterval) { current.withLock { $0 += seconds } }

    public func set(_ date: Date) { current.withLock { $0 = date } }
}
