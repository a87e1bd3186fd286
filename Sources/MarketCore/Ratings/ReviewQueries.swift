import Store
import Web

/// Review lists, newest first, keyset-paginated on the review id (ids are time-ordered).
public enum ReviewQueries {
    /// How many reviews a seller profile shows; the rest are a page away (`/v1/catalog/sellers/{id}/reviews`).
    public static let profileLimit = 10

    /// Who may see which reviews; every list goes through one, so no tenant condition is forgotten.
    public struct Filter: Sendable {
        public var sellerID: String?
        public var buyerID: String?
        /// nil: both; false: visible only; true: hidden only.
        public var hidden: Bool?

        public init(sellerID: String? = nil, buyerID: String? = nil, hidden: Bool? = nil) {
            self.sellerID = sellerID
            self.buyerID = buyerID
            self.hidden = hidden
        }

        /// What the public sees of one supplier: its visible reviews.
        public static func visible(sellerID: String) -> Filter { Filter(sellerID: sellerID, hidden: false) }
    }

    public static func list(_ db: Connection, filter: Filter, page: Pagination) throws -> (items: [Review], nextCursor: String?) {
        var conditions = ["1 = 1"]
        var arguments: [SQLValue] = []
        if let sellerID = filter.sellerID {
            conditions.append("r.seller_id = ?")
            arguments.append(.text(sellerID))
        }
        if let buyerID = filter.buyerID {
            conditions.append("r.buyer_id = ?")
            arguments.append(.text(buyerID))
        }
        // Literal 0/1 (not a bound value) so SQLite can use the partial index on visible reviews.
        if let hidden = filter.hidden { conditions.append(hidden ? "r.hidden = 1" : "r.hidden = 0") }
        if let after = page.after {
            conditions.append("r.id < ?")
            arguments.append(.text(after))
        }
        let rows = try db.query(
            "SELECT \(Review.columns) FROM reviews r WHERE \(conditions.joined(separator: " AND ")) ORDER BY r.id DESC LIMIT ?",
            arguments + [.integer(Int64(page.limit + 1))])
        let (items, next) = page.page(rows) { $0.string("id") ?? "" }
        return (items.compactMap(Review.init(row:)), next)
    }

    /// The latest visible reviews of a supplier, as the public sees them (the seller profile).
    public static func recentVisible(_ db: Connection, sellerID: String, limit: Int = profileLimit) throws -> [JSON] {
        try list(db, filter: .visible(sellerID: sellerID), page: Pagination(limit: limit)).items.map(\.publicJSON)
    }
}
