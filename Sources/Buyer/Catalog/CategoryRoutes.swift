import HTTPServer
import MarketCore
import Store
import Web

/// `GET /v1/catalog/categories`: the whole category tree, for anyone. Each node carries both names and
/// the one in the caller's `Accept-Language` (`display_name`); siblings are sorted by that name.
enum CategoryRoutes {
    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        CategoryDocs.registerComponents()

        routes.add(.get, "/v1/catalog/categories", access: .anyone, doc: tree) { request, _ in
            let categories = try services.database.read { db in try Category.all(db) }
            return .json(["data": .array(CategoryTree(categories).json(request.language))],
                         headers: ["Content-Language": request.language.rawValue, "Vary": "Accept-Language"])
        }
    }

    static let tree = OpenAPIOperation(
        summary: "The category tree",
        description: "Root categories with their `children`, recursively. `name` has both languages; `display_name` is the one `Accept-Language` asks for (en or ko), and siblings are sorted by it.",
        tags: ["Catalog"],
        responses: [
            OpenAPIResponse(200, "The tree", schema: Schema.object(
                [("data", Schema.array(Schema.ref("CategoryNode")))], required: ["data"])),
        ])
}
