import HTTPServer

/// A trie over path segments. Static segments are matched before a parameter at the same depth, so
/// `/v1/seller/products/export` wins over `/v1/seller/products/{id}`.
final class RouteTrie<Context: RequestContext>: @unchecked Sendable {
    // Built once before the server starts and only read afterwards, hence the unchecked Sendable.
    final class Node {
        var staticChildren: [Substring: Node] = [:]
        var parameterChild: (name: String, node: Node)?
        var routes: [HTTPMethod: Route<Context>] = [:]
    }

    enum Match {
        case found(Route<Context>, [String: String])
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    private let root = Node()

    func insert(_ route: Route<Context>) {
        var node = root
        for segment in Self.segments(route.pattern) {
            if segment.first == "{" && segment.last == "}" {
                let name = String(segment.dropFirst().dropLast())
                if let existing = node.parameterChild {
                    precondition(existing.name == name, "conflicting parameter names at \(route.pattern)")
                    node = existing.node
                } else {
                    let child = Node()
                    node.parameterChild = (name, child)
                    node = child
                }
            } else if let child = node.staticChildren[segment] {
                node = child
            } else {
                let child = Node()
                node.staticChildren[segment] = child
                node = child
            }
        }
        precondition(node.routes[route.method] == nil, "duplicate route \(route.method) \(route.pattern)")
        node.routes[route.method] = route
    }

    func match(method: HTTPMethod, path: String) -> Match {
        var parameters: [String: String] = [:]
        guard let node = find(root, Self.segments(path)[...], &parameters) else { return .notFound }
        if let route = node.routes[method] { return .found(route, parameters) }
        // RFC 9110 §9.3.2: HEAD is GET without the body; the server drops the body.
        if method == .head, let route = node.routes[.get] { return .found(route, parameters) }
        if node.routes.isEmpty { return .notFound }
        var allowed = Array(node.routes.keys)
        if node.routes[.get] != nil { allowed.append(.head) }
        return .methodNotAllowed(allowed: allowed.sorted { $0.rawValue < $1.rawValue })
    }

    private func find(_ node: Node, _ segments: ArraySlice<Substring>, _ parameters: inout [String: String]) -> Node? {
        guard let segment = segments.first else { return node }
        let rest = segments.dropFirst()
        if let child = node.staticChildren[segment], let found = find(child, rest, &parameters),
            !found.routes.isEmpty
        {
            return found
        }
        if let (name, child) = node.parameterChild, !segment.isEmpty,
            let value = PercentDecoding.decode(segment)
        {
            parameters[name] = value
            if let found = find(child, rest, &parameters), !found.routes.isEmpty { return found }
            parameters[name] = nil
        }
        return nil
    }

    /// The path split at every "/" (empty segments kept), without the empty segment before the leading "/"
    /// and after a trailing one. Scans UTF-8 bytes: splitting on a `Character` walks grapheme clusters,
    /// which cost a twentieth of a point read's CPU in a profile; "/" is ASCII, so a byte index is always
    /// a valid place to cut.
    static func segments(_ path: String) -> [Substring] {
        var parts: [Substring] = []
        parts.reserveCapacity(8)
        let bytes = path.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: "/") {
                parts.append(path[start..<index])
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        parts.append(path[start..<bytes.endIndex])
        if parts.first == "" { parts.removeFirst() }
        if parts.count > 1, parts.last == "" { parts.removeLast() }
        return parts
    }

    func allRoutes() -> [Route<Context>] {
        var out: [Route<Context>] = []
        func walk(_ node: Node) {
            out.append(contentsOf: node.routes.values)
            for key in node.staticChildren.keys.sorted() { walk(node.staticChildren[key]!) }
            if let p = node.parameterChild { walk(p.node) }
        }
        walk(root)
        return out
    }
}
