import Web

/// The `Category` component schema, used by the public tree and the operator's routes.
public enum CategoryDocs {
    public static let category: JSON = Schema.object(
        [
            ("id", Schema.string()), ("parent_id", Schema.nullable(Schema.string())),
            ("name", Schema.object([("en", Schema.string()), ("ko", Schema.string())], required: ["en", "ko"])),
            ("display_name", Schema.string()), ("created_at", Schema.dateTime),
        ], required: ["id", "parent_id", "name", "display_name"])

    /// A node of the tree: a category with its `children`, recursively.
    public static let node: JSON = Schema.object(
        [
            ("id", Schema.string()), ("parent_id", Schema.nullable(Schema.string())),
            ("name", Schema.object([("en", Schema.string()), ("ko", Schema.string())], required: ["en", "ko"])),
            ("display_name", Schema.string()), ("created_at", Schema.dateTime),
            ("children", Schema.array(Schema.ref("CategoryNode"))),
        ], required: ["id", "name", "display_name", "children"])

    public static func registerComponents() {
        MarketDocs.addComponent("Category", category)
        MarketDocs.addComponent("CategoryNode", node)
    }
}
