/// Builds the OpenAPI 3.1 document from the registered routes, so the document and the router can
/// never disagree about which routes exist.
public enum OpenAPIDocument {
    public struct Info: Sendable {
        public var title: String
        public var version: String
        public var description: String

        public init(title: String, version: String, description: String) {
            self.title = title
            self.version = version
            self.description = description
        }
    }

    public static func build<Context>(
        info: Info, routes: [Route<Context>], components: [(String, JSON)], securitySchemes: [(String, JSON)],
        tags: [(name: String, description: String)] = []
    ) -> JSON {
        var paths = JSONObject()
        let sorted = routes.sorted { ($0.pattern, $0.method.rawValue) < ($1.pattern, $1.method.rawValue) }
        for route in sorted {
            guard let doc = route.documentation else { continue }
            var item = paths[route.pattern]?.objectValue ?? JSONObject()
            item[route.method.rawValue.lowercased()] = operation(doc, route: route)
            paths[route.pattern] = .object(item)
        }
        var document: JSONObject = [
            "openapi": "3.1.0",
            "info": ["title": .string(info.title), "version": .string(info.version), "description": .string(info.description)],
            "servers": [["url": "/"]],
            "paths": .object(paths),
            "components": [
                "schemas": .object(JSONObject(components.map { (key: $0.0, value: $0.1) })),
                "securitySchemes": .object(JSONObject(securitySchemes.map { (key: $0.0, value: $0.1) })),
            ],
        ]
        if !tags.isEmpty {
            document["tags"] = .array(tags.map { ["name": .string($0.name), "description": .string($0.description)] })
        }
        return .object(document)
    }

    static func operation<Context>(_ doc: OpenAPIOperation, route: Route<Context>) -> JSON {
        var op: JSONObject = ["summary": .string(doc.summary)]
        if let description = doc.description { op["description"] = .string(description) }
        if !doc.tags.isEmpty { op["tags"] = .array(doc.tags.map { .string($0) }) }
        op["operationId"] = .string(operationID(route))

        // Every path parameter in the pattern is documented, even when the doc forgot it.
        var parameters = doc.parameters
        for name in pathParameterNames(route.pattern) where !parameters.contains(where: { $0.name == name && $0.location == .path }) {
            parameters.append(OpenAPIParameter(name, in: .path))
        }
        if !parameters.isEmpty {
            op["parameters"] = .array(parameters.map { p in
                var o: JSONObject = ["name": .string(p.name), "in": .string(p.location.rawValue), "required": .bool(p.required), "schema": p.schema]
                if let d = p.description { o["description"] = .string(d) }
                // `QueryParameters` reads an empty value as absent, for every parameter.
                if p.location == .query && !p.required { o["allowEmptyValue"] = true }
                return .object(o)
            })
        }
        if let body = doc.requestBody {
            var media: JSONObject = ["schema": body.contentType == "application/json" ? nullableOptionals(body.schema) : body.schema]
            if let example = body.example { media["example"] = example }
            op["requestBody"] = ["required": .bool(body.required), "content": .object([body.contentType: .object(media)])]
        }
        var responses = JSONObject()
        for response in doc.responses.sorted(by: { $0.status < $1.status }) {
            var r: JSONObject = ["description": .string(response.description)]
            if let type = response.contentType {
                r["content"] = .object([type: response.schema.map { ["schema": $0] } ?? [:]])
            }
            if !response.headers.isEmpty {
                r["headers"] = .object(JSONObject(response.headers.sorted { $0.key < $1.key }.map { (key: $0.key, value: ["schema": $0.value]) }))
            }
            responses[String(response.status)] = .object(r)
        }
        if responses.count == 0 { responses["200"] = ["description": "OK"] }
        op["responses"] = .object(responses)
        op["security"] = doc.security.isEmpty ? [] : .array(doc.security.map { .object([$0: []]) })
        return .object(op)
    }

    /// `FieldReader` reads a JSON `null` as an absent field, so every optional property of a request body
    /// also accepts `null`; saying so keeps the document true (a client may send `"po_number": null`).
    /// Walks inline schemas only: shared components keep their exact (response) shape.
    static func nullableOptionals(_ schema: JSON) -> JSON {
        guard case .object(var o) = schema else { return schema }
        if case .object(let properties)? = o["properties"] {
            let required = Set((o["required"]?.arrayValue ?? []).compactMap(\.stringValue))
            var out = JSONObject()
            for (name, property) in properties {
                let walked = nullableOptionals(property)
                out[name] = required.contains(name) ? walked : admittingNull(walked)
            }
            o["properties"] = .object(out)
        }
        if let items = o["items"] { o["items"] = nullableOptionals(items) }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let list = o[key]?.arrayValue { o[key] = .array(list.map(nullableOptionals)) }
        }
        return .object(o)
    }

    static func admittingNull(_ schema: JSON) -> JSON {
        guard case .object(var o) = schema else { return schema }
        if case .string("null")? = o["type"] { return schema }
        if let types = o["type"]?.arrayValue, types.contains(where: { $0.stringValue == "null" }) { return schema }
        if let list = o["anyOf"]?.arrayValue, list.contains(where: { $0.objectValue?["type"]?.stringValue == "null" }) { return schema }
        if case .string(let type)? = o["type"], o["enum"] == nil, o["const"] == nil {
            o["type"] = [.string(type), "null"]
            return .object(o)
        }
        return ["anyOf": [schema, ["type": "null"]]]
    }

    static func pathParameterNames(_ pattern: String) -> [String] {
        pattern.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    static func operationID<Context>(_ route: Route<Context>) -> String {
        let words = route.pattern.split(separator: "/").map { segment -> String in
            segment.hasPrefix("{") ? "by_" + segment.dropFirst().dropLast() : String(segment)
        }
        return route.method.rawValue.lowercased() + "_" + words.joined(separator: "_").replacingOccurrences(of: "-", with: "_")
    }
}

private extension String {
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
