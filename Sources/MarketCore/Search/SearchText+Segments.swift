import Foundation

// MARK: - Cutting text into words and syllabic runs

extension SearchText {
    /// A piece of normalized text: a word of letters and digits kept whole, or a run of Hangul syllables
    /// (or of Han ideographs and kana) to be cut into bigrams.
    struct Segment: Equatable {
        enum Kind: Equatable {
            case word
            case syllabic
        }

        var kind: Kind
        var scalars: [Unicode.Scalar]
        /// True when only punctuation, no white space, separates this segment from the one before, as in
        /// `m8x1.25` or `din-933`: a query keeps such words together as one phrase.
        var isJoinedToPrevious = false
    }

    enum CharacterClass: Equatable {
        case hangul
        case ideographic
        case word
        case mark
        case separator
    }

    /// Normalizes `text` (NFKC folds full-width Latin, composes decomposed Hangul and turns compatibility
    /// jamo into conjoining jamo; then lowercase) and cuts it into segments. Token characters are those
    /// `unicode61` uses by default, the general categories L*, N* and Co (https://sqlite.org/fts5.html
    /// §4.3.1); the rest separates. A word also ends where a syllabic run starts, so `LED조명` is `led`
    /// and `조명`.
    static func segments(of text: String) -> [Segment] {
        let normalized = normalizedForSearch(text)
        var segments: [Segment] = []
        var current: Segment?
        var currentClass = CharacterClass.separator
        var sawWhiteSpace = true  // the start of the text counts as white space

        func close() {
            if let segment = current { segments.append(segment) }
            current = nil
            currentClass = .separator
        }

        for scalar in normalized.unicodeScalars {
            let kind = characterClass(of: scalar)
            switch kind {
            case .separator:
                close()
                if scalar.value < 0x80 ? (scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace {
                    sawWhiteSpace = true
                }
            case .mark:
                // Combining marks belong to the word they follow (unicode61 with remove_diacritics folds
                // them away consistently on both sides); anywhere else they are dropped.
                if currentClass == .word { current?.scalars.append(scalar) }
            case .word, .hangul, .ideographic:
                if kind != currentClass {
                    close()
                    current = Segment(
                        kind: kind == .word ? .word : .syllabic, scalars: [], isJoinedToPrevious: !sawWhiteSpace)
                    currentClass = kind
                    sawWhiteSpace = false
                }
                current?.scalars.append(scalar)
            }
        }
        close()
        return segments
    }

    /// NFKC, then lowercase. Most catalog text is ASCII and precomposed Hangul syllables, which NFKC
    /// leaves as they are: ASCII has no decompositions, a syllable U+AC00–U+D7A3 is its own NFC and NFKC
    /// form, and no ASCII character or syllable composes with the one before it (only conjoining jamo
    /// and combining marks do, The Unicode Standard §3.12, UAX #15), so such text skips Foundation's
    /// normalization, which was a fifth of an import's CPU time.
    static func normalizedForSearch(_ text: String) -> String {
        for scalar in text.unicodeScalars where scalar.value >= 0x80 && !isHangulSyllable(scalar) {
            return text.precomposedStringWithCompatibilityMapping.lowercased()
        }
        // Only A–Z change case here: syllables have none.
        return text.lowercased()
    }

    static func characterClass(of scalar: Unicode.Scalar) -> CharacterClass {
        // ASCII without the Unicode property tables: letters and digits are L* and Nd, the rest
        // (punctuation, symbols, controls, space) separates, as below.
        if scalar.value < 0x80 {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
            default: return .separator
            }
        }
        if isHangulSyllable(scalar) { return .hangul }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .letterNumber:
            if isHangulSyllable(scalar) { return .hangul }
            if isIdeographicOrKana(scalar) { return .ideographic }
            return .word
        case .decimalNumber, .otherNumber, .privateUse:
            return .word
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        default:
            return .separator
        }
    }

    /// Precomposed Hangul syllables, U+AC00 가 ... U+D7A3 힣 (The Unicode Standard, §3.12).
    private static func isHangulSyllable(_ scalar: Unicode.Scalar) -> Bool {
        (0xAC00...0xD7A3).contains(scalar.value)
    }

    /// Han ideographs (CJK Unified, Extension A, the supplementary planes, compatibility ideographs),
    /// 々 〆 〇, hiragana and katakana. Called only for letters, so punctuation in these blocks (・ ゠)
    /// still separates.
    private static func isIdeographicOrKana(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3005...0x3007, 0x3041...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }
}
