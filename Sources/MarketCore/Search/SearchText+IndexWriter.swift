// MARK: - Writing index text

extension SearchText {
    /// Writes `indexDocument`'s output token by token: a word's characters as they come, a syllabic run's
    /// bigrams as each next character arrives and its last character when the run ends. The rules are
    /// `segments(of:)`'s (tests compare the two).
    struct IndexWriter {
        private var output: [UInt8] = []
        private var current = CharacterClass.separator
        /// The run's previous character, while in a syllabic run.
        private var previous: Unicode.Scalar?

        init() { output.reserveCapacity(256) }

        mutating func write(_ text: String) {
            for scalar in normalizedForSearch(text).unicodeScalars {
                let kind = characterClass(of: scalar)
                switch kind {
                case .separator:
                    close()
                case .mark:
                    // Kept inside a word, dropped elsewhere (a run goes on across it), as in `segments`.
                    if current == .word { append(scalar) }
                case .word:
                    if current != .word {
                        close()
                        startToken()
                        current = .word
                    }
                    append(scalar)
                case .hangul, .ideographic:
                    if current != kind {
                        close()
                        current = kind
                    }
                    if let previous {
                        startToken()
                        append(previous)
                        append(scalar)
                    }
                    previous = scalar
                }
            }
            close()
        }

        /// Ends the current segment: a syllabic run writes its last character alone.
        private mutating func close() {
            if let previous {
                startToken()
                append(previous)
            }
            previous = nil
            current = .separator
        }

        private mutating func startToken() {
            if !output.isEmpty { output.append(0x20) }
        }

        private mutating func append(_ scalar: Unicode.Scalar) {
            UTF8.encode(scalar) { output.append($0) }
        }

        func finish() -> String { String(decoding: output, as: UTF8.self) }
    }
}
