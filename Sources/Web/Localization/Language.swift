/// The languages the API answers in. Chosen from `Accept-Language` (RFC 9110 §12.5.4); English when
/// nothing acceptable is asked for.
public enum Language: String, Sendable, CaseIterable {
    case en
    case ko

    public static func preferred(acceptLanguage header: String?) -> Language {
        guard let header, !header.isEmpty else { return .en }
        var best: (language: Language, quality: Int)? = nil
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";")
            guard let tag = pieces.first?.trimmingSpaces.lowercased() else { continue }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            var quality = 1000
            for parameter in pieces.dropFirst() {
                let p = parameter.trimmingSpaces
                if p.hasPrefix("q=") { quality = Language.parseQuality(String(p.dropFirst(2))) }
            }
            let candidate: Language?
            switch primary {
            case "ko": candidate = .ko
            case "en", "*": candidate = .en
            default: candidate = nil
            }
            if let candidate, quality > 0, quality > (best?.quality ?? -1) { best = (candidate, quality) }
        }
        return best?.language ?? .en
    }

    /// q-values in thousandths, avoiding floating point (RFC 9110 §12.4.2: at most three decimals).
    static func parseQuality(_ text: String) -> Int {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard let whole = parts.first.flatMap({ Int($0) }), whole <= 1 else { return 0 }
        var thousandths = whole * 1000
        if parts.count == 2 {
            let digits = Array(parts[1].prefix(3))
            for (i, d) in digits.enumerated() {
                guard let v = d.wholeNumberValue else { return 0 }
                thousandths += v * [100, 10, 1][i]
            }
        }
        return min(thousandths, 1000)
    }
}

/// Text in both languages. Korean falls back to English when a translation is missing.
public struct LocalizedText: Sendable, Equatable, ExpressibleByStringLiteral {
    public var en: String
    public var ko: String?

    public init(en: String, ko: String? = nil) {
        self.en = en
        self.ko = ko
    }

    public init(stringLiteral value: String) { self.init(en: value) }

    public func text(_ language: Language) -> String {
        switch language {
        case .en: en
        case .ko: ko ?? en
        }
    }
}

extension Substring {
    var trimmingSpaces: String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
