import Web

/// A node of the category tree, named in English and Korean. Listings, fee rules (nearest ancestor wins)
/// and RFQ broadcast (suppliers' declared categories) all hang off it.
public struct Category: Sendable, Hashable {
    public let id: String
    public let parentID: String?
    public let nameEN: String
    public let nameKO: String
    public let createdAt: String

    public init(id: String, parentID: String?, nameEN: String, nameKO: String, createdAt: String) {
        self.id = id
        self.parentID = parentID
        self.nameEN = nameEN
        self.nameKO = nameKO
        self.createdAt = createdAt
    }

    public func name(_ language: Language) -> String { language == .ko ? nameKO : nameEN }

    /// `{"id","parent_id","name":{"en","ko"},"display_name"}`: both names, plus the one the caller's
    /// `Accept-Language` asked for where a client wants a single string.
    public func json(_ language: Language) -> JSONObject {
        [
            "id": .string(id), "parent_id": .optional(parentID),
            "name": ["en": .string(nameEN), "ko": .string(nameKO)],
            "display_name": .string(name(language)),
            "created_at": .string(createdAt),
        ]
    }
}
