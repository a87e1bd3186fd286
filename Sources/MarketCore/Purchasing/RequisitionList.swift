/// A named list of listings and quantities a buyer organization orders again and again, shared by its
/// users (API.md, Buyer: lists). Ordering it is a checkout like any other.
public struct RequisitionList: Sendable, Equatable {
    public var id: String
    public var buyerID: String
    public var name: String
    public var lines: [PurchaseLine]
    public var createdBy: String
    public var updatedBy: String
    public var version: Int64
    public var createdAt: String
    public var updatedAt: String

    public init(id: String, buyerID: String, name: String, lines: [PurchaseLine], createdBy: String, updatedBy: String,
                version: Int64 = 1, createdAt: String, updatedAt: String) {
        self.id = id
        self.buyerID = buyerID
        self.name = name
        self.lines = lines
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public static let idPrefix = "rql"
    public static let maxNameLength = 200

    public var etag: String { "v\(version)" }

    /// The checkout lines: `lines[i]` in errors is the list's line i.
    public var checkoutLines: [CheckoutLine] {
        lines.enumerated().map { .listing($0.element.productID, quantity: $0.element.quantity, field: "lines[\($0.offset)]") }
    }
}
