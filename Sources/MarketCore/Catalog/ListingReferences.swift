import Store
import Web

/// Checks that the categories and buyer organizations a listing names exist, remembering answers so an
/// import of 100,000 rows asks once per distinct id.
public final class ListingReferences {
    private let db: Connection
    private var categories: [String: Bool] = [:]
    private var buyers: [String: Bool] = [:]

    public init(_ db: Connection) { self.db = db }

    public func categoryExists(_ id: String) throws -> Bool {
        if let known = categories[id] { return known }
        let exists = try db.queryOne("SELECT 1 FROM categories WHERE id = ?", [.text(id)]) != nil
        categories[id] = exists
        return exists
    }

    public func buyerExists(_ id: String) throws -> Bool {
        if let known = buyers[id] { return known }
        let exists = try db.queryOne("SELECT 1 FROM organizations WHERE id = ? AND kind = 'buyer'", [.text(id)]) != nil
        buyers[id] = exists
        return exists
    }

    /// Records a 422 field error for each unknown reference in `changes`.
    public func check(_ changes: ListingChanges, validation: Validation) throws {
        if let category = changes.referencedCategory, try !categoryExists(category) {
            validation.add("category_id", "no such category", ko: "해당 카테고리가 없습니다")
        }
        for (index, buyer) in changes.referencedBuyers.enumerated() where try !buyerExists(buyer) {
            validation.add("visible_to_buyer_ids[\(index)]", "no such buyer organization", ko: "해당 구매 기업이 없습니다")
        }
    }
}
