/// Receivables aging (API.md, `GET /v1/admin/receivables`): how late an open invoice is, in the buckets
/// finance teams read — not yet due, then 1–30, 31–60, 61–90 and over 90 days past the due date.
public enum AgingBucket: String, Sendable, Hashable, CaseIterable {
    case current
    case days1To30 = "days_1_30"
    case days31To60 = "days_31_60"
    case days61To90 = "days_61_90"
    case over90 = "days_90_plus"

    /// The bucket of an invoice `daysOverdue` days past its due date (0: not yet due).
    public init(daysOverdue: Int) {
        switch daysOverdue {
        case ...0: self = .current
        case 1...30: self = .days1To30
        case 31...60: self = .days31To60
        case 61...90: self = .days61To90
        default: self = .over90
        }
    }
}
