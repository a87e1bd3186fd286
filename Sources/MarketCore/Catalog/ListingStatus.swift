/// Where a listing is in its life. `archived` is what DELETE leaves: the row stays for the orders, RFQs
/// and lists that point at it, but it is gone from every list, search and page.
public enum ListingStatus: String, Sendable, CaseIterable {
    case active
    case draft
    case archived

    /// The statuses a supplier may set; archiving happens through DELETE.
    public static let settable = ["active", "draft"]
}
