/// One reason a fee rule is refused; `field` is the API's JSON field name, for `errors[].field` of a 422.
public struct FeeRuleViolation: Sendable, Hashable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
