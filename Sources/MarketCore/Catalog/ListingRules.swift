/// The bounds every listing write checks, whatever its source (JSON, CSV, NDJSON). They keep each
/// listing small enough that a search page or an export row stays cheap, and keep numbers inside what
/// the columns and the money arithmetic hold.
public enum ListingRules {
    public static let maxSKULength = 64
    public static let maxTitleLength = 300
    public static let maxDescriptionLength = 10_000
    public static let maxUnitLength = 32
    /// 10^12 per unit keeps `unit_price_micros` (10^18) inside Int64.
    public static let maxUnitPrice = ExactDecimal(1_000_000_000_000 as Int64)
    public static let maxPriceDecimals = 6
    public static let maxTiers = 20
    public static let maxQuantity: Int64 = 1_000_000_000
    public static let maxStock: Int64 = 1_000_000_000_000
    public static let maxLeadTimeDays: Int64 = 3650
    public static let maxAttributes = 100
    /// Serialized size of `attributes`.
    public static let maxAttributesBytes = 16 * 1024
    public static let maxVisibleBuyers = 1000
}

/// A change to one optional field: leave it, set it, or remove it (JSON `null`, an empty CSV cell).
public enum FieldChange<Value: Sendable & Equatable>: Sendable, Equatable {
    case keep
    case set(Value)
    case clear

    func applied(to current: Value?) -> Value? {
        switch self {
        case .keep: current
        case .set(let value): value
        case .clear: nil
        }
    }
}
