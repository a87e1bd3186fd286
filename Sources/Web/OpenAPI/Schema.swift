/// Small builders for JSON Schema (OpenAPI 3.1 uses JSON Schema 2020-12) so route documentation reads
/// close to the shape it describes.
public enum Schema {
    public static func ref(_ name: String) -> JSON { ["$ref": .string("#/components/schemas/\(name)")] }

    public static func string(format: String? = nil, minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, enum values: [String]? = nil, example: String? = nil) -> JSON {
        var o: JSONObject = ["type": "string"]
        if let format { o["format"] = .string(format) }
        if let minLength { o["minLength"] = .int(minLength) }
        if let maxLength { o["maxLength"] = .int(maxLength) }
        if let pattern { o["pattern"] = .string(pattern) }
        if let values { o["enum"] = .array(values.map { .string($0) }) }
        if let example { o["examples"] = [.string(example)] }
        return .object(o)
    }

    public static func integer(minimum: Int64? = nil, maximum: Int64? = nil) -> JSON {
        var o: JSONObject = ["type": "integer"]
        if let minimum { o["minimum"] = .int(minimum) }
        if let maximum { o["maximum"] = .int(maximum) }
        return .object(o)
    }

    public static let boolean: JSON = ["type": "boolean"]
    public static let dateTime: JSON = string(format: "date-time")
    /// A decimal amount as a string ("1234.50").
    public static let decimal: JSON = string(pattern: "^-?[0-9]+(\\.[0-9]+)?$", example: "12.50")

    public static func array(_ items: JSON, minItems: Int? = nil, maxItems: Int? = nil) -> JSON {
        var o: JSONObject = ["type": "array", "items": items]
        if let minItems { o["minItems"] = .int(minItems) }
        if let maxItems { o["maxItems"] = .int(maxItems) }
        return .object(o)
    }

    public static func object(_ properties: [(String, JSON)], required: [String] = [], additional: Bool = true) -> JSON {
        var o: JSONObject = ["type": "object", "properties": .object(JSONObject(properties.map { (key: $0.0, value: $0.1) }))]
        if !required.isEmpty { o["required"] = .array(required.map { .string($0) }) }
        if !additional { o["additionalProperties"] = false }
        return .object(o)
    }

    public static func nullable(_ schema: JSON) -> JSON { ["anyOf": [schema, ["type": "null"]]] }

    /// `{"data":[...],"next_cursor":...}`
    public static func page(_ item: JSON) -> JSON {
        object([("data", array(item)), ("next_cursor", nullable(string()))], required: ["data", "next_cursor"])
    }

    public static let anyObject: JSON = ["type": "object"]
}
