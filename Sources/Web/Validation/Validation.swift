/// Collects every problem with a request before answering, so a client learns all its mistakes in one
/// 422 rather than one per round trip.
public final class Validation {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public func add(_ field: String, _ message: String, ko: String? = nil) {
        errors.append(FieldError(field, message, ko: ko))
    }

    public func add(_ error: FieldError) { errors.append(error) }

    public var isValid: Bool { errors.isEmpty }

    /// Throws the 422 with every collected error.
    public func check() throws(APIError) {
        if !errors.isEmpty { throw APIError.validation(errors) }
    }

    public func reader(_ object: JSONObject, path: String = "") -> FieldReader {
        FieldReader(object: object, path: path, validation: self)
    }
}
