import MarketCore
import Store

/// Finding the organizations the operator acts on. A wrong kind counts as not found: approving a buyer or
/// giving credit to a supplier is a 404, exactly like an id that does not exist.
enum OrganizationLookup {
    static func exists(_ db: Connection, id: String, kind: OrganizationKind) throws -> Bool {
        try db.queryOne("SELECT 1 FROM organizations WHERE id = ? AND kind = ?", [.text(id), .text(kind.rawValue)]) != nil
    }
}
