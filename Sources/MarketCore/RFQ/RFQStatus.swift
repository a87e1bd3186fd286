import Foundation
import Store

/// What happened to an RFQ, as stored (`rfqs.state`).
public enum RFQState: String, Sendable, Hashable {
    case open
    case awarded
    case cancelled
}

/// The status the API shows. `closed` is an open RFQ whose `respond_by` has passed: quotes are frozen but
/// the buyer may still award or cancel. It is derived at read time from the injectable clock, so nothing has
/// to flip it when the deadline passes.
public enum RFQStatus: String, Sendable, Hashable, CaseIterable {
    case open
    case closed
    case awarded
    case cancelled

    public init(state: RFQState, respondBy: Date, now: Date) {
        switch state {
        case .awarded: self = .awarded
        case .cancelled: self = .cancelled
        case .open: self = now < respondBy ? .open : .closed
        }
    }

    /// A WHERE condition on `rfqs` (aliased `alias`) selecting this status at `now`.
    public func condition(alias: String, now: String) -> (sql: String, arguments: [SQLValue]) {
        switch self {
        case .open: ("\(alias).state = 'open' AND \(alias).respond_by > ?", [.text(now)])
        case .closed: ("\(alias).state = 'open' AND \(alias).respond_by <= ?", [.text(now)])
        case .awarded: ("\(alias).state = 'awarded'", [])
        case .cancelled: ("\(alias).state = 'cancelled'", [])
        }
    }

    /// Quotes may be posted, revised or declined only while open.
    public var acceptsResponses: Bool { self == .open }

    /// The buyer may award or cancel an open or closed RFQ; awarded and cancelled are final.
    public var isFinal: Bool { self == .awarded || self == .cancelled }
}
