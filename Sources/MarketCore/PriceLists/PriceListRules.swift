/// Bounds on a price list, so one list stays a bounded write and a bounded read.
public enum PriceListRules {
    public static let maxNameLength = 200
    public static let maxBuyers = 1000
    public static let maxEntries = 5000
    public static let maxPercentDecimals = 4
    public static let idPrefix = "prl"
}
