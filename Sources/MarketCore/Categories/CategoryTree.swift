import Web

/// The category tree as nested JSON (`GET /v1/catalog/categories`): each node carries its `children`,
/// siblings sorted by the name in the caller's language. Built from the flat table in one pass.
public struct CategoryTree: Sendable {
    public let categories: [Category]

    public init(_ categories: [Category]) { self.categories = categories }

    public func json(_ language: Language) -> [JSON] {
        let known = Set(categories.map(\.id))
        var children = [String: [Category]]()
        var roots = [Category]()
        for category in categories {
            // A parent that does not exist (impossible through the API) makes the node a root rather than lose it.
            if let parent = category.parentID, known.contains(parent), parent != category.id {
                children[parent, default: []].append(category)
            } else {
                roots.append(category)
            }
        }
        func sorted(_ nodes: [Category]) -> [Category] {
            nodes.sorted { ($0.name(language), $0.id) < ($1.name(language), $1.id) }
        }
        var visited = Set<String>()
        func node(_ category: Category, depth: Int) -> JSON {
            visited.insert(category.id)
            var object = category.json(language)
            let kids = depth < ReferenceData.maxDepth
                ? sorted(children[category.id] ?? []).filter { !visited.contains($0.id) } : []
            object["children"] = .array(kids.map { node($0, depth: depth + 1) })
            return .object(object)
        }
        return sorted(roots).map { node($0, depth: 0) }
    }
}
