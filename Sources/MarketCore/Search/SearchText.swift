import Foundation

/// Korean and English full-text search on SQLite FTS5 with its built-in `unicode61` tokenizer.
///
/// The same analysis runs on both sides: `indexDocument` turns a listing's texts into the text stored in the
/// FTS5 column, and `matchQuery` turns what a buyer typed into a MATCH expression over the same tokens.
///
/// The FTS5 table this is written for (https://sqlite.org/fts5.html §4.3.1):
///
///     CREATE VIRTUAL TABLE listing_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
///     INSERT INTO listing_search(rowid, body) VALUES (?, ?)          -- ? = indexDocument([...])
///     SELECT rowid FROM listing_search WHERE listing_search MATCH ?  -- ? = matchQuery(q), always bound
///
/// ## Why bigrams
///
/// Korean writes compound nouns without spaces (`육각볼트` = 육각 "hexagonal" + 볼트 "bolt"), and a buyer
/// searching `볼트` expects it. `unicode61` sees `육각볼트` as one token, so a token or prefix match cannot
/// find the part at its end. What would:
/// - a morphological analyzer (MeCab-ko and the like) splits compounds into morphemes, but it is a large C
///   library with a dictionary, and the package takes no dependencies beyond SQLite and OpenSSL;
/// - the FTS5 `trigram` tokenizer matches any substring, but only of 3 characters or more
///   (https://sqlite.org/fts5.html §4.3.4), and most Korean nouns are 2 syllables: `볼트`, `너트`, `육각`.
///
/// So every run of Hangul syllables is indexed as its overlapping syllable bigrams, and a query word of
/// n ≥ 2 syllables becomes the FTS5 phrase of its n − 1 bigrams, which matches exactly where the word
/// occurs as a contiguous part of a run (a phrase matches adjacent tokens: §3.2). Indexing `육각볼트` as
/// `육각 각볼 볼트` lets `볼트`, `육각`, `각볼트` and `육각볼트` all find it.
///
/// Runs also emit their last syllable alone (`... 볼트 트`), so a one-syllable query, a prefix query on
/// bigrams (`"못"*`), finds a syllable in any position: first or middle (it starts a bigram) or last
/// (the unigram). Single-syllable nouns end many compounds (`콘크리트못`, concrete nail).
///
/// Han ideographs and Japanese kana get the same treatment, for the same reason.
///
/// ## Trade-offs
///
/// - No false positives across word boundaries: bigrams are built per run, never across a space,
///   punctuation or a change of script, so `스테인리스 볼트` does not contain `스볼`, and a query phrase
///   can only match inside one run.
/// - The converse: a query written without the space (`스테인리스볼트`) does not find a title written with
///   it (`스테인리스 볼트`). Korean spacing of compounds varies; a later version could try the query
///   both ways.
/// - The index holds about two tokens per syllable; Korean titles are short, so this is small.
/// - Latin words and numbers are kept whole and searched as prefixes (`bol` finds `bolt` and `Bolts`,
///   `m8` finds `M8` and `M8x1.25`), which also covers plurals. No stemming.
/// - bm25 ranks phrase hits of bigrams reasonably, but a Korean hit and an English hit are not weighed
///   against each other on any principled scale.
public enum SearchText {
    /// The most terms a query keeps, so that a pasted paragraph cannot make an expensive query.
    public static let maxQueryTerms = 16
    /// Query words longer than this (in characters) are cut; the cut word still matches as a prefix or a
    /// shorter phrase, only less strictly.
    public static let maxQueryTermLength = 32

    /// The text to store in the FTS5 column for a document made of `texts` (titles and descriptions in
    /// every language, SKU, and so on): normalized (NFKC, lowercase), Latin and digit words kept whole,
    /// Hangul and CJK runs as bigrams plus their last character, all separated by spaces.
    ///
    /// The same tokens as `segments(of:)` and `indexGrams(of:)` give, written straight into one UTF-8
    /// buffer as the text is read: an import makes 200,000 of these, and building a segment, an array and
    /// a string per token was most of the time its reading thread spent.
    public static func indexDocument(_ texts: [String]) -> String {
        var writer = IndexWriter()
        for text in texts { writer.write(text) }
        return writer.finish()
    }

    /// An FTS5 MATCH expression for what a user typed, or nil when it has nothing to search for (only
    /// punctuation, say); the caller then lists without a text condition.
    ///
    /// The user's text never reaches FTS5 as syntax: it is cut into tokens of letters and digits, each
    /// written inside an FTS5 string (`"..."`, internal quotes doubled, §3.1), so `OR`, `NOT`, `*`, `:`,
    /// `^`, quotes and parentheses from the user are words or separators, never operators. Terms:
    /// - a Latin or digit word: a prefix query (§3.3), `"bol"*`;
    /// - words joined by punctuation only (`M8x1.25`, `DIN-933`, `1.5mm`): one phrase whose last word is a
    ///   prefix, `"m8x1 25"*`, so a part number matches as written rather than as scattered numbers;
    /// - a Hangul or CJK word of n ≥ 2 characters: the phrase of its bigrams, `"스테 테인 인리 리스"`;
    /// - a single Hangul or CJK character: a prefix query, `"볼"*`.
    /// Terms are joined by AND: every one must be found. Bind the result as a parameter.
    public static func matchQuery(_ userQuery: String) -> String? {
        matchExpression(matchTerms(userQuery))
    }

    /// The MATCH expression of `matchTerms`: all of them (AND); nil for none.
    public static func matchExpression(_ terms: [String]) -> String? {
        terms.isEmpty ? nil : terms.joined(separator: " AND ")
    }

    /// The terms of `matchQuery`, in its order: FTS5 numbers the phrases of the expression the same way
    /// (auxiliary functions see phrase i as term i), so each can be counted alone for ranking.
    public static func matchTerms(_ userQuery: String) -> [String] {
        var terms: [String] = []
        var phrase: [String] = []  // Latin and digit words joined by punctuation, not yet written

        func add(_ term: String) {
            if terms.count < maxQueryTerms && !terms.contains(term) { terms.append(term) }
        }
        func flushPhrase() {
            if !phrase.isEmpty { add(ftsString(phrase.joined(separator: " ")) + "*") }
            phrase.removeAll()
        }

        for segment in segments(of: userQuery) {
            if terms.count == maxQueryTerms { break }
            let scalars = Array(segment.scalars.prefix(maxQueryTermLength))
            let text = String(String.UnicodeScalarView(scalars))
            switch segment.kind {
            case .word:
                if !segment.isJoinedToPrevious || phrase.count == maxQueryTerms { flushPhrase() }
                phrase.append(text)
            case .syllabic:
                flushPhrase()
                add(scalars.count == 1 ? ftsString(text) + "*" : ftsString(bigrams(of: scalars).joined(separator: " ")))
            }
        }
        flushPhrase()
        return terms
    }

    // MARK: - Grams

    /// A run's index tokens: its bigrams and its last character (a one-character run: itself).
    static func indexGrams(of run: [Unicode.Scalar]) -> [String] {
        guard let last = run.last else { return [] }
        return bigrams(of: run) + [String(last)]
    }

    static func bigrams(of run: [Unicode.Scalar]) -> [String] {
        guard run.count >= 2 else { return [] }
        return (0..<(run.count - 1)).map { index in
            var pair = String.UnicodeScalarView()
            pair.append(run[index])
            pair.append(run[index + 1])
            return String(pair)
        }
    }

    /// An FTS5 string literal: the text in double quotes, each `"` inside doubled (§3.1). Tokens never
    /// contain quotes (they are separators), so the doubling is a second line of defence.
    static func ftsString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
