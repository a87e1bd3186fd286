import Foundation
import Store
import XCTest

final class ValueAndRowTests: StoreTestCase {
    func testLiteralsAndBindables() {
        let values: [SQLValue] = [nil, 42, "text", true, false]
        XCTAssertEqual(values, [.null, .integer(42), .text("text"), .integer(1), .integer(0)])
        XCTAssertEqual(SQLValue(7), .integer(7))
        XCTAssertEqual(SQLValue(Int64.max), .integer(Int64.max))
        XCTAssertEqual(SQLValue(true), .integer(1))
        XCTAssertEqual(SQLValue("é"), .text("é"))
        XCTAssertEqual(SQLValue([UInt8]([1, 2])), .blob([1, 2]))
        XCTAssertEqual(SQLValue(Data([3])), .blob([3]))
        let missing: Int? = nil
        XCTAssertEqual(SQLValue(missing), .null)
        XCTAssertEqual(SQLValue(Optional(5)), .integer(5))
        XCTAssertEqual(SQLValue.text("it's").description, "'it''s'")
        XCTAssertEqual(SQLValue.blob([0x0A, 0xFF]).description, "x'0AFF'")
    }

    func testRoundTripOfEveryStorageClass() throws {
        let database = try makeDatabase()
        try database.write { connection in
            try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, value ANY) STRICT")
        }
        let samples: [SQLValue] = [
            .null, .integer(0), .integer(Int64.min), .integer(Int64.max), .real(1.5), .text(""),
            .text("naïve 한국어 🙂"), .text("nul\u{0}inside"), .blob([]), .blob([0, 1, 2, 255]),
        ]
        try database.write { connection in
            for value in samples {
                try connection.execute("INSERT INTO t (value) VALUES (?)", [value])
            }
        }
        let read = try database.read { connection in
            try connection.query("SELECT value FROM t ORDER BY id").map { $0[0] }
        }
        XCTAssertEqual(read, samples)
    }

    func testRowAccessors() throws {
        let database = try makeDatabase()
        let row = try database.read { connection in
            try connection.queryOne(
                "SELECT 7 AS n, 'x' AS s, 1 AS flag, x'0102' AS b, 2.5 AS d, NULL AS empty, 8 AS n")
        }
        let unwrapped = try XCTUnwrap(row)
        XCTAssertEqual(unwrapped.columnNames, ["n", "s", "flag", "b", "d", "empty", "n"])
        XCTAssertEqual(unwrapped.int("n"), 7, "the first column of a duplicated name wins")
        XCTAssertEqual(unwrapped.int64("N"), 7, "column names are case-insensitive")
        XCTAssertEqual(unwrapped.string("s"), "x")
        XCTAssertEqual(unwrapped.bool("flag"), true)
        XCTAssertEqual(unwrapped.blob("b"), [1, 2])
        XCTAssertEqual(unwrapped.double("d"), 2.5)
        XCTAssertEqual(unwrapped["empty"], .null)
        XCTAssertNil(unwrapped.int("empty"))
        XCTAssertEqual(unwrapped["absent"], .null)
        XCTAssertFalse(unwrapped.hasColumn("absent"))
        XCTAssertEqual(unwrapped[99], .null)
        XCTAssertEqual(unwrapped[6], .integer(8))
        XCTAssertNil(unwrapped.string("n"), "an integer is not a string")
        XCTAssertEqual(Row(columnNames: ["a"], values: [1]).int("a"), 1)
    }

    func testRowsShareTheirColumnNames() throws {
        let database = try makeDatabase()
        let rows = try database.read { connection in
            try connection.query(
                "WITH RECURSIVE s(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM s WHERE v < 3) SELECT v FROM s")
        }
        XCTAssertEqual(rows.map { $0.int("v") }, [1, 2, 3])
        rows[0].columnNames.withUnsafeBufferPointer { first in
            rows[2].columnNames.withUnsafeBufferPointer { last in
                XCTAssertEqual(first.baseAddress, last.baseAddress, "one column table per statement")
            }
        }
    }
}
