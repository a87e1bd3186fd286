/// Reads typed fields from a JSON object, recording a named error for each problem instead of
/// throwing at the first. A JSON `null` counts as absent. Returned values are nil when absent or
/// invalid; callers check `Validation.check()` before using them.
public struct FieldReader {
    public let object: JSONObject
    public let path: String
    public let validation: Validation

    public func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    public func has(_ key: String) -> Bool {
        if let value = object[key], !value.isNull { return true }
        return false
    }

    public func raw(_ key: String) -> JSON? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    public func fail(_ key: String, _ message: String, ko: String? = nil) {
        validation.add(fieldPath(key), message, ko: ko)
    }

    private func value(_ key: String, required: Bool) -> JSON? {
        guard let value = object[key], !value.isNull else {
            if required { fail(key, "is required", ko: "필수 항목입니다") }
            return nil
        }
        return value
    }

    public func string(_ key: String, required: Bool = false, minLength: Int = 1, maxLength: Int = 1000) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard case .string(let s) = value else {
            fail(key, "must be a string, not \(value.kindName)", ko: "문자열이어야 합니다")
            return nil
        }
        // Counted in Unicode scalars, as JSON Schema's minLength/maxLength count characters (RFC 8259
        // code points), so the limits in the OpenAPI document and here agree; grapheme clusters would let
        // a run of combining marks or emoji modifiers of any length pass as a few "characters".
        let length = s.unicodeScalars.count
        if length < minLength {
            fail(key, minLength == 1 ? "must not be empty" : "must be at least \(minLength) characters", ko: "너무 짧습니다")
            return nil
        }
        if length > maxLength {
            fail(key, "must be at most \(maxLength) characters", ko: "최대 \(maxLength)자까지 가능합니다")
            return nil
        }
        if s.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" }) {
            fail(key, "must not contain control characters", ko: "제어 문자를 포함할 수 없습니다")
            return nil
        }
        return s
    }

    public func integer(_ key: String, required: Bool = false, min: Int64 = Int64.min, max: Int64 = Int64.max) -> Int64? {
        guard let value = value(key, required: required) else { return nil }
        guard case .number(let text) = value, let n = Int64(text) else {
            fail(key, "must be a whole number", ko: "정수여야 합니다")
            return nil
        }
        if n < min || n > max {
            let range = max == Int64.max ? "at least \(min)" : "between \(min) and \(max)"
            fail(key, "must be \(range)", ko: "범위를 벗어났습니다 (\(range))")
            return nil
        }
        return n
    }

    public func bool(_ key: String, required: Bool = false) -> Bool? {
        guard let value = value(key, required: required) else { return nil }
        guard case .bool(let b) = value else {
            fail(key, "must be true or false", ko: "true 또는 false여야 합니다")
            return nil
        }
        return b
    }

    /// A string from a closed set.
    public func oneOf(_ key: String, _ allowed: [String], required: Bool = false) -> String? {
        guard let s = string(key, required: required, maxLength: 100) else { return nil }
        guard allowed.contains(s) else {
            fail(key, "must be one of: \(allowed.joined(separator: ", "))", ko: "다음 중 하나여야 합니다: \(allowed.joined(separator: ", "))")
            return nil
        }
        return s
    }

    public func object(_ key: String, required: Bool = false) -> FieldReader? {
        guard let value = value(key, required: required) else { return nil }
        guard case .object(let o) = value else {
            fail(key, "must be an object, not \(value.kindName)", ko: "객체여야 합니다")
            return nil
        }
        return FieldReader(object: o, path: fieldPath(key), validation: validation)
    }

    public func array(_ key: String, required: Bool = false, minCount: Int = 0, maxCount: Int = 1000) -> [JSON]? {
        guard let value = value(key, required: required) else { return nil }
        guard case .array(let elements) = value else {
            fail(key, "must be an array, not \(value.kindName)", ko: "배열이어야 합니다")
            return nil
        }
        if elements.count < minCount {
            fail(key, "must have at least \(minCount) element\(minCount == 1 ? "" : "s")", ko: "최소 \(minCount)개가 필요합니다")
            return nil
        }
        if elements.count > maxCount {
            fail(key, "must have at most \(maxCount) elements", ko: "최대 \(maxCount)개까지 가능합니다")
            return nil
        }
        return elements
    }

    /// An array of objects, each read with its own path (`lines[2]`).
    public func objects(_ key: String, required: Bool = false, minCount: Int = 0, maxCount: Int = 1000) -> [FieldReader]? {
        guard let elements = array(key, required: required, minCount: minCount, maxCount: maxCount) else { return nil }
        var readers: [FieldReader] = []
        var ok = true
        for (i, element) in elements.enumerated() {
            guard case .object(let o) = element else {
                validation.add("\(fieldPath(key))[\(i)]", "must be an object", ko: "객체여야 합니다")
                ok = false
                continue
            }
            readers.append(FieldReader(object: o, path: "\(fieldPath(key))[\(i)]", validation: validation))
        }
        return ok ? readers : nil
    }

    public func strings(_ key: String, required: Bool = false, maxCount: Int = 1000, maxLength: Int = 200) -> [String]? {
        guard let elements = array(key, required: required, maxCount: maxCount) else { return nil }
        var out: [String] = []
        for (i, element) in elements.enumerated() {
            guard case .string(let s) = element, !s.isEmpty, s.unicodeScalars.count <= maxLength else {
                validation.add("\(fieldPath(key))[\(i)]", "must be a non-empty string of at most \(maxLength) characters", ko: "올바른 문자열이어야 합니다")
                return nil
            }
            out.append(s)
        }
        return out
    }
}
