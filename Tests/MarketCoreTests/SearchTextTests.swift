import CSQLite
import Foundation
import XCTest

@testable import MarketCore

/// SearchText: the analyzer's output, and what its queries find in a real SQLite FTS5 table.
final class SearchTextTests: XCTestCase {
    // MARK: - Analysis

    func testIndexDocumentCutsHangulRunsIntoBigrams() {
        XCTAssertEqual(SearchText.indexDocument(["육각볼트 M8"]), "육각 각볼 볼트 트 m8")
        XCTAssertEqual(SearchText.indexDocument(["볼 베어링"]), "볼 베어 어링 링")
        XCTAssertEqual(SearchText.indexDocument(["Hex bolt", "육각볼트"]), "hex bolt 육각 각볼 볼트 트")
    }

    func testIndexDocumentNormalizes() {
        // Full-width Latin folds to ASCII, decomposed Hangul (as macOS file names have it) composes,
        // punctuation separates, a script change separates.
        XCTAssertEqual(SearchText.indexDocument(["ＳＵＳ３０４"]), "sus304")
        XCTAssertEqual(SearchText.indexDocument(["\u{1107}\u{1169}\u{11AF}\u{1110}\u{1173}"]), "볼트 트")
        XCTAssertEqual(SearchText.indexDocument(["LED조명/M8x1.25"]), "led 조명 명 m8x1 25")
        XCTAssertEqual(SearchText.indexDocument(["六角ボルト"]), "六角 角ボ ボル ルト ト")
        XCTAssertEqual(SearchText.indexDocument([]), "")
        XCTAssertEqual(SearchText.indexDocument(["  --  "]), "")
    }

    func testFastPathNormalizesLikeNFKC() {
        // ASCII and precomposed syllables skip Foundation's normalization: the result must be the same.
        let samples = [
            "Hex Bolt M8x1.25 DIN-933", "육각볼트 M8", "스테인리스 볼트 A2-70", "Tab\tand\nnew line", "MiXeD 한글 ABC",
            "", "  ", "가힣", "ＳＵＳ３０４", "\u{1107}\u{1169}\u{11AF}", "Café", "ㄱㄴ", "a\u{0301}",
        ]
        for text in samples {
            XCTAssertEqual(SearchText.normalizedForSearch(text), text.precomposedStringWithCompatibilityMapping.lowercased(), text)
            XCTAssertEqual(
                SearchText.segments(of: text), SearchText.segments(of: text.precomposedStringWithCompatibilityMapping), text)
        }
        // indexDocument writes what segments and indexGrams make.
        let more = samples + ["LED조명/M8x1.25", "六角ボルト 가나다라", "a\u{0301}b 가\u{0301}나", "육각볼트,너트;와셔", "x가y나z", "볼"]
        for text in more {
            var tokens: [String] = []
            for segment in SearchText.segments(of: text) {
                switch segment.kind {
                case .word: tokens.append(String(String.UnicodeScalarView(segment.scalars)))
                case .syllabic: tokens += SearchText.indexGrams(of: segment.scalars)
                }
            }
            XCTAssertEqual(SearchText.indexDocument([text]), tokens.joined(separator: " "), text)
        }
        XCTAssertEqual(SearchText.indexDocument(more), more.map { SearchText.indexDocument([$0]) }.filter { !$0.isEmpty }.joined(separator: " "))
        // Every ASCII character classed as before (letters and digits are words, the rest separates).
        let ascii = String(String.UnicodeScalarView((0..<128).compactMap { Unicode.Scalar(UInt32($0)) }))
        XCTAssertEqual(SearchText.indexDocument([ascii]), "0123456789 abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz")
    }

    func testMatchQueryShapes() {
        XCTAssertEqual(SearchText.matchQuery("스테인리스"), "\"스테 테인 인리 리스\"")
        XCTAssertEqual(SearchText.matchQuery("볼트"), "\"볼트\"")
        XCTAssertEqual(SearchText.matchQuery("볼"), "\"볼\"*")
        XCTAssertEqual(SearchText.matchQuery("bol"), "\"bol\"*")
        XCTAssertEqual(SearchText.matchQuery("Hex  BOLT m8"), "\"hex\"* AND \"bolt\"* AND \"m8\"*")
        XCTAssertEqual(SearchText.matchQuery("육각볼트 M8"), "\"육각 각볼 볼트\" AND \"m8\"*")
        XCTAssertEqual(SearchText.matchQuery("bolt bolt"), "\"bolt\"*")
        XCTAssertEqual(SearchText.matchQuery("M8x1.25 DIN-933"), "\"m8x1 25\"* AND \"din 933\"*")
        XCTAssertEqual(SearchText.matchQuery("볼트-M8"), "\"볼트\" AND \"m8\"*")
    }

    func testMatchQueryHasNothingToSearch() {
        XCTAssertNil(SearchText.matchQuery(""))
        XCTAssertNil(SearchText.matchQuery("   "))
        XCTAssertNil(SearchText.matchQuery("\"*() - + : ^ {} \"\""))
    }

    func testMatchQueryNeverPassesOperators() {
        XCTAssertEqual(SearchText.matchQuery("볼트\" OR *"), "\"볼트\" AND \"or\"*")
        XCTAssertEqual(SearchText.matchQuery("body:bolt NOT nut"), "\"body bolt\"* AND \"not\"* AND \"nut\"*")
        XCTAssertEqual(SearchText.matchQuery("NEAR(a b)"), "\"near a\"* AND \"b\"*")
        XCTAssertEqual(SearchText.ftsString("a\"b"), "\"a\"\"b\"")
    }

    func testMatchQueryIsBounded() throws {
        let many = (0..<100).map { "w\($0)" }.joined(separator: " ")
        let query = try XCTUnwrap(SearchText.matchQuery(many))
        XCTAssertEqual(query.components(separatedBy: " AND ").count, SearchText.maxQueryTerms)
        let long = try XCTUnwrap(SearchText.matchQuery(String(repeating: "a", count: 1000)))
        XCTAssertEqual(long, "\"" + String(repeating: "a", count: SearchText.maxQueryTermLength) + "\"*")
    }

    // MARK: - Against SQLite FTS5

    private static let titles = [
        1: "육각볼트 M8",
        2: "스테인리스볼트 M10",
        3: "Hex bolt M8 zinc",
        4: "Stainless steel washer",
        5: "볼 베어링",
        6: "콘크리트못 50mm",
        7: "스테인리스 너트",
        8: "六角ボルト",
        9: "Bolts, carriage (DIN 603)",
        10: "Set screw M8x1.25, 1.5mm pitch",
        11: "Washer 10 pcs, 5 mm",
    ]

    private func searchTable() throws -> FTSTable {
        let table = try FTSTable()
        for (rowid, title) in Self.titles {
            try table.insert(rowid: rowid, body: SearchText.indexDocument([title]))
        }
        return table
    }

    private func search(_ table: FTSTable, _ userQuery: String) throws -> Set<Int> {
        guard let query = SearchText.matchQuery(userQuery) else { return [] }
        return try table.match(query)
    }

    func testKoreanCompoundsAreFoundByTheirParts() throws {
        let table = try searchTable()
        XCTAssertEqual(try search(table, "볼트"), [1, 2])
        XCTAssertEqual(try search(table, "스테인리스"), [2, 7])
        XCTAssertEqual(try search(table, "스테인리스볼트"), [2])
        XCTAssertEqual(try search(table, "육각"), [1])
        XCTAssertEqual(try search(table, "육각볼트"), [1])
        XCTAssertEqual(try search(table, "각볼트"), [1])
        XCTAssertEqual(try search(table, "베어링"), [5])
        XCTAssertEqual(try search(table, "볼트 M8"), [1])
        XCTAssertEqual(try search(table, "너트"), [7])
        XCTAssertEqual(try search(table, "볼트너트"), [], "no bigram is built across a space")
    }

    func testSingleSyllableMatchesAnyPosition() throws {
        let table = try searchTable()
        XCTAssertEqual(try search(table, "볼"), [1, 2, 5], "start of a bigram, or alone")
        XCTAssertEqual(try search(table, "못"), [6], "last syllable of a compound")
        XCTAssertEqual(try search(table, "리"), [2, 6, 7], "middle of a compound")
    }

    func testEnglishWordsAndPrefixes() throws {
        let table = try searchTable()
        XCTAssertEqual(try search(table, "bol"), [3, 9])
        XCTAssertEqual(try search(table, "bolt"), [3, 9])
        XCTAssertEqual(try search(table, "BOLTS"), [9])
        XCTAssertEqual(try search(table, "stainless"), [4])
        XCTAssertEqual(try search(table, "M8"), [1, 3, 10])
        XCTAssertEqual(try search(table, "hex zinc"), [3])
        XCTAssertEqual(try search(table, "hex washer"), [])
        XCTAssertEqual(try search(table, "din603"), [])
        XCTAssertEqual(try search(table, "DIN 603"), [9])
        XCTAssertEqual(try search(table, "50"), [6])
        XCTAssertEqual(try search(table, "DIN-603"), [9])
        XCTAssertEqual(try search(table, "m8x1.25"), [10])
        XCTAssertEqual(try search(table, "1.5"), [10], "a phrase, not 1* AND 5*, which row 11 has too")
        XCTAssertEqual(try search(table, "1 5"), [10, 11])
    }

    func testJapaneseByBigramsToo() throws {
        let table = try searchTable()
        XCTAssertEqual(try search(table, "ボルト"), [8])
        XCTAssertEqual(try search(table, "六角"), [8])
    }

    func testHostileInputNeitherErrsNorInjects() throws {
        let table = try searchTable()
        XCTAssertEqual(try search(table, "볼트\" OR *"), [], "OR is a word that no title has")
        XCTAssertEqual(try search(table, "\"볼트\""), [1, 2])
        XCTAssertEqual(try search(table, "bolt*"), [3, 9])
        XCTAssertEqual(try search(table, "-bolt"), [3, 9])
        XCTAssertEqual(try search(table, "body:hex"), [])
        XCTAssertEqual(try search(table, "hex OR washer"), [])
        XCTAssertEqual(try search(table, "(hex"), [3])

        // Random strings of FTS5 syntax, letters and Hangul: the expression always parses.
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = [
            "\"", "*", "(", ")", ":", "^", "-", "+", "{", "}", " ", ",", "'", "\\", "O", "R", "N", "E", "A",
            "T", "D", "볼", "트", "스", "a", "8", "\u{0}",
        ]
        for _ in 0..<300 {
            let input = String(
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                    alphabet.randomElement(using: &generator) ?? "a"
                })
            XCTAssertNoThrow(try search(table, input), "input \(input.debugDescription)")
        }
    }
}

/// An in-memory FTS5 table, just enough SQLite for these tests.
private final class FTSTable {
    private let db: OpaquePointer

    init() throws {
        var handle: OpaquePointer?
        guard sqlite3_open(":memory:", &handle) == SQLITE_OK, let handle else {
            throw FTSTableError(message: "cannot open")
        }
        db = handle
        try execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
    }

    deinit { sqlite3_close(db) }

    func insert(rowid: Int, body: String) throws {
        let statement = try prepare("INSERT INTO t(rowid, body) VALUES (?, ?)")
        defer { sqlite3_finalize(statement) }
        sqlite3_bind_int64(statement, 1, Int64(rowid))
        sqlite3_bind_text(statement, 2, body, -1, csqlite_transient())
        guard sqlite3_step(statement) == SQLITE_DONE else { throw error() }
    }

    func match(_ query: String) throws -> Set<Int> {
        let statement = try prepare("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank")
        defer { sqlite3_finalize(statement) }
        sqlite3_bind_text(statement, 1, query, -1, csqlite_transient())
        var rowids: Set<Int> = []
        while true {
            let result = sqlite3_step(statement)
            if result == SQLITE_DONE { return rowids }
            guard result == SQLITE_ROW else { throw error(query) }
            rowids.insert(Int(sqlite3_column_int64(statement, 0)))
        }
    }

    private func execute(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw error() }
    }

    private func prepare(_ sql: String) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw error() }
        return statement
    }

    private func error(_ context: String = "") -> FTSTableError {
        FTSTableError(message: String(cString: sqlite3_errmsg(db)) + " " + context)
    }
}

private struct FTSTableError: Error {
    var message: String
}
