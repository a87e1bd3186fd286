/// In JSON a decimal is a string such as `"8.5"` or `"0.9"`, never a JSON number (a JSON number would pass
/// through a binary floating-point type in most clients).
extension ExactDecimal: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try ExactDecimal.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "value \(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
