/// One invalid field in a request: `field` is a path into the body ("lines[2].quantity") or a
/// parameter name ("query.limit").
public struct FieldError: Sendable, Equatable {
    public var field: String
    public var message: LocalizedText

    public init(field: String, message: LocalizedText) {
        self.field = field
        self.message = message
    }

    public init(_ field: String, _ message: String, ko: String? = nil) {
        self.init(field: field, message: LocalizedText(en: message, ko: ko))
    }
}
