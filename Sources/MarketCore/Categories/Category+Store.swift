import Store

/// The `categories` table.
extension Category {
    static let columns = "id, parent_id, name_en, name_ko, created_at"

    init(row: Row) {
        self.init(
            id: row.string("id") ?? "", parentID: row.string("parent_id"), nameEN: row.string("name_en") ?? "",
            nameKO: row.string("name_ko") ?? "", createdAt: row.string("created_at") ?? "")
    }

    /// Every category, parents before children where names tie (ordered by English name, then id).
    public static func all(_ db: Connection) throws -> [Category] {
        try db.query("SELECT \(columns) FROM categories ORDER BY name_en, id").map(Category.init(row:))
    }

    public static func find(_ db: Connection, id: String) throws -> Category? {
        try db.queryOne("SELECT \(columns) FROM categories WHERE id = ?", [.text(id)]).map(Category.init(row:))
    }

    /// Which of `ids` exist.
    public static func existing(_ db: Connection, ids: [String]) throws -> Set<String> {
        var found = Set<String>()
        for id in Set(ids) where try db.queryOne("SELECT 1 FROM categories WHERE id = ?", [.text(id)]) != nil {
            found.insert(id)
        }
        return found
    }

    /// Inserts a category; the caller has checked that the parent exists and the tree stays shallow enough.
    public static func create(_ db: Connection, parentID: String?, nameEN: String, nameKO: String, at: String) throws
        -> Category
    {
        let category = Category(id: ID.make("cat"), parentID: parentID, nameEN: nameEN, nameKO: nameKO, createdAt: at)
        try db.execute(
            "INSERT INTO categories (id, parent_id, name_en, name_ko, created_at) VALUES (?, ?, ?, ?, ?)",
            [.text(category.id), parentID.map { .text($0) } ?? .null, .text(nameEN), .text(nameKO), .text(at)])
        return category
    }
}
