import Web

/// A text in English and Korean, either of which may be missing: listing titles and descriptions.
public struct LocalizedPair: Sendable, Equatable {
    public var en: String?
    public var ko: String?

    public init(en: String? = nil, ko: String? = nil) {
        self.en = en
        self.ko = ko
    }

    public var isEmpty: Bool { (en ?? "").isEmpty && (ko ?? "").isEmpty }

    /// The text in `language`, else the other one.
    public func text(_ language: Language) -> String? {
        switch language {
        case .ko: ko ?? en
        default: en ?? ko
        }
    }

    public var json: JSON { ["en": .optional(en), "ko": .optional(ko)] }
}
