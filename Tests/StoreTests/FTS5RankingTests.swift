import Foundation
import Store
import XCTest

/// `bm25_with_counts` (Connection+FTS5Ranking.swift) is FTS5's bm25 when given the true document counts,
/// counts them itself when given none, and scores only as many rows as asked.
final class FTS5RankingTests: StoreTestCase {
    private func makeIndex() throws -> Database {
        let database = try makeDatabase()
        try database.write { db in
            try db.executeScript("CREATE VIRTUAL TABLE doc USING fts5(title, body)")
            var random = SystemRandomNumberGenerator()
            let words = ["hex", "bolt", "nut", "washer", "valve", "pump", "steel", "brass", "m8", "m10"]
            for _ in 0..<300 {
                func text(_ count: Int) -> String {
                    (0..<count).map { _ in words[Int.random(in: 0..<words.count, using: &random)] }.joined(separator: " ")
                }
                try db.execute(
                    "INSERT INTO doc (title, body) VALUES (?, ?)",
                    [.text(text(Int.random(in: 1...4, using: &random))), .text(text(Int.random(in: 0...12, using: &random)))])
            }
        }
        return database
    }

    private func scores(_ database: Database, _ sql: String, _ arguments: [SQLValue]) throws -> [Int64: Double?] {
        try database.read { db in
            var scores: [Int64: Double?] = [:]
            try db.forEach(sql, arguments) { row in scores[row.int64(0)!] = row.double(1) }
            return scores
        }
    }

    func testEqualsBM25WithTrueCountsAndWithoutCounts() throws {
        let database = try makeIndex()
        for match in ["bolt", "hex AND bolt", "\"steel bolt\"", "m* AND valve", "brass AND nut AND m10"] {
            let expected = try scores(database, "SELECT rowid, bm25(doc, 4.0, 1.0) FROM doc WHERE doc MATCH ?", [.text(match)])
            XCTAssertFalse(expected.isEmpty, match)
            // The true count of every phrase, counted alone.
            let phrases = match.components(separatedBy: " AND ")
            let counts: [SQLValue] = try phrases.map { phrase in
                .integer(try database.read { try $0.scalar("SELECT count(*) FROM doc WHERE doc MATCH ?", [.text(phrase)]).int64Value! })
            }
            let placeholders = phrases.map { _ in ", ?" }.joined()
            let given = try scores(
                database, "SELECT rowid, bm25_with_counts(doc, -1, 4.0, 1.0\(placeholders)) FROM doc WHERE doc MATCH ?",
                counts + [.text(match)])
            let counted = try scores(database, "SELECT rowid, bm25_with_counts(doc, -1, 4.0, 1.0) FROM doc WHERE doc MATCH ?", [.text(match)])
            XCTAssertEqual(Set(given.keys), Set(expected.keys), match)
            for (row, score) in expected {
                XCTAssertEqual(given[row]!!, score!, accuracy: 1e-9, "\(match) row \(row)")
                XCTAssertEqual(counted[row]!!, score!, accuracy: 1e-9, "\(match) row \(row), counted")
            }
        }
    }

    func testOtherCountsChangeTheWeightsNotTheMatches() throws {
        let database = try makeIndex()
        let exact = try scores(database, "SELECT rowid, bm25_with_counts(doc, -1) FROM doc WHERE doc MATCH 'hex AND pump'", [])
        let skewed = try scores(database, "SELECT rowid, bm25_with_counts(doc, -1, 1.0, 1.0, 1, 299) FROM doc WHERE doc MATCH 'hex AND pump'", [])
        XCTAssertEqual(Set(exact.keys), Set(skewed.keys))
        XCTAssertNotEqual(exact.values.compactMap { $0 }.sorted(), skewed.values.compactMap { $0 }.sorted())
    }

    func testScoresOnlyTheFirstRowsOfTheStatement() throws {
        let database = try makeIndex()
        let rows = try database.read { db in
            var rows: [(Int64, Double?)] = []
            try db.forEach("SELECT rowid, bm25_with_counts(doc, 5, 4.0, 1.0) FROM doc WHERE doc MATCH 'bolt' ORDER BY rowid DESC LIMIT 20", []) {
                rows.append(($0.int64(0)!, $0.double(1)))
            }
            return rows
        }
        XCTAssertEqual(rows.count, 20)
        XCTAssertEqual(rows.prefix(5).filter { $0.1 != nil }.count, 5, "the five most recent rows are scored")
        XCTAssertTrue(rows.dropFirst(5).allSatisfy { $0.1 == nil }, "the rest are not")
        XCTAssertEqual(rows.map(\.0), rows.map(\.0).sorted(by: >))
        // A new statement starts counting again.
        let again = try scores(database, "SELECT rowid, bm25_with_counts(doc, 5, 4.0, 1.0) FROM doc WHERE doc MATCH 'bolt' ORDER BY rowid DESC LIMIT 5", [])
        XCTAssertEqual(again.values.compactMap { $0 }.count, 5)
    }

    func testRegisteredOnReadersAndTheWriter() throws {
        let database = try makeIndex()
        let sql = "SELECT rowid, bm25_with_counts(doc, -1) FROM doc WHERE doc MATCH 'nut'"
        func scored(_ db: Connection) throws -> [Double] {
            var scores: [Double] = []
            try db.forEach(sql, []) { if let score = $0.double(1) { scores.append(score) } }
            return scores
        }
        let onWriter = try database.write { try scored($0) }
        let onReader = try database.read { try scored($0) }
        XCTAssertEqual(onWriter, onReader)
        XCTAssertFalse(onReader.isEmpty)
    }
}
