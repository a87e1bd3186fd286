import Foundation
import Store
import XCTest

final class ConnectionTests: StoreTestCase {
    private func makeItems() throws -> Database {
        let database = try makeDatabase()
        try database.write { connection in
            try connection.executeScript(
                """
                CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
                -- a comment between statements
                CREATE TABLE child (
                    id INTEGER PRIMARY KEY,
                    parent_id INTEGER NOT NULL REFERENCES parent(id)
                );
                """)
        }
        return database
    }

    func testExecuteQueryScalarForEach() throws {
        let database = try makeItems()
        let (changes, rowID) = try database.write { connection in
            try connection.execute("INSERT INTO parent (name) VALUES (?), (?)", ["a", "b"])
            return (connection.changes, connection.lastInsertRowID)
        }
        XCTAssertEqual(changes, 2)
        XCTAssertEqual(rowID, 2)
        try database.read { connection in
            XCTAssertEqual(
                try connection.query("SELECT name FROM parent ORDER BY id").map { $0.string("name") }, ["a", "b"])
            XCTAssertEqual(try connection.queryOne("SELECT name FROM parent WHERE id = ?", [2])?.string("name"), "b")
            XCTAssertNil(try connection.queryOne("SELECT name FROM parent WHERE id = ?", [99]))
            XCTAssertEqual(try connection.scalar("SELECT count(*) FROM parent"), 2)
            XCTAssertEqual(try connection.scalar("SELECT name FROM parent WHERE id = 99"), .null)
            var seen: [String] = []
            try connection.forEach("SELECT name FROM parent ORDER BY id DESC") { seen.append($0.string(0) ?? "") }
            XCTAssertEqual(seen, ["b", "a"])
        }
    }

    func testStatementsAreCachedAndReused() throws {
        let database = try makeItems()
        try database.write { connection in
            let before = connection.cachedStatementCount
            for index in 0..<100 {
                try connection.execute("INSERT INTO parent (name) VALUES (?)", [.text("n\(index)")])
            }
            XCTAssertEqual(connection.cachedStatementCount, before + 1, "one statement for 100 executions")
            _ = try connection.scalar("SELECT count(*) FROM parent")
            _ = try connection.scalar("SELECT count(*) FROM parent")
            XCTAssertEqual(connection.cachedStatementCount, before + 2)
        }
    }

    func testTheCacheIsBoundedAndNeverEvictsAStatementInUse() throws {
        let database = try makeDatabase { $0.statementCacheCapacity = 2 }
        try database.write { connection in
            try connection.execute("CREATE TABLE n (v INTEGER)")
            for value in 1...3 { try connection.execute("INSERT INTO n VALUES (?)", [.integer(Int64(value))]) }
            var total: Int64 = 0
            try connection.forEach("SELECT v FROM n ORDER BY v") { row in
                // Each distinct SQL fills the cache past its capacity while the outer statement steps.
                for extra in 0..<4 {
                    total += try connection.scalar("SELECT ? + \(extra)", [row[0]]).int64Value ?? 0
                }
            }
            XCTAssertEqual(total, 4 * 6 + 3 * 6)
            XCTAssertLessThanOrEqual(connection.cachedStatementCount, 3)
        }
    }

    func testTheSameStatementNestedInForEachIsNotResetUnderneath() throws {
        let database = try makeItems()
        try database.write { connection in
            for name in ["a", "b", "c"] {
                try connection.execute("INSERT INTO parent (name) VALUES (?)", [.text(name)])
            }
            var pairs: [String] = []
            let sql = "SELECT name FROM parent ORDER BY id"
            try connection.forEach(sql) { outer in
                let inner = try connection.query(sql).compactMap { $0.string(0) }
                pairs.append((outer.string(0) ?? "?") + inner.joined())
            }
            XCTAssertEqual(pairs, ["aabc", "babc", "cabc"])
        }
    }

    func testColumnsFollowASchemaChange() throws {
        let database = try makeItems()
        try database.write { connection in
            try connection.execute("INSERT INTO parent (name) VALUES ('a')")
            XCTAssertEqual(try connection.queryOne("SELECT * FROM parent")?.columnNames, ["id", "name"])
            try connection.execute("ALTER TABLE parent ADD COLUMN extra TEXT DEFAULT 'x'")
            let row = try connection.queryOne("SELECT * FROM parent")
            XCTAssertEqual(row?.columnNames, ["id", "name", "extra"])
            XCTAssertEqual(row?.string("extra"), "x")
        }
    }

    func testMisuseIsReportedNotCrashed() throws {
        let database = try makeItems()
        try database.write { connection in
            XCTAssertThrowsError(try connection.execute("SELECT ?, ?", [1])) { error in
                XCTAssertEqual((error as? StoreError)?.code, 25, "SQLITE_RANGE")
            }
            XCTAssertThrowsError(try connection.execute("SELECT 1; SELECT 2")) { error in
                XCTAssertEqual((error as? StoreError)?.code, 21, "SQLITE_MISUSE")
            }
            XCTAssertThrowsError(try connection.execute("  -- nothing  ")) { error in
                XCTAssertEqual((error as? StoreError)?.code, 21)
            }
            try connection.execute("SELECT 1; -- a trailing comment is fine")
            XCTAssertThrowsError(try connection.execute("SELEC 1")) { error in
                let storeError = error as? StoreError
                XCTAssertEqual(storeError?.code, 1)
                XCTAssertEqual(storeError?.sql, "SELEC 1")
                XCTAssertTrue(storeError?.message.contains("syntax error") ?? false)
            }
        }
    }

    func testDoubleQuotedStringLiteralsAreOff() throws {
        let database = try makeItems()
        XCTAssertThrowsError(try database.read { try $0.scalar("SELECT \"not a column\"") }) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("no such column") ?? false, "\(error)")
        }
    }

    func testExecuteScriptNamesTheFailingStatement() throws {
        let database = try makeItems()
        XCTAssertThrowsError(
            try database.write { connection in
                try connection.executeScript("INSERT INTO parent (name) VALUES ('ok'); INSERT INTO nowhere VALUES (1);")
            }
        ) { error in
            let storeError = error as? StoreError
            XCTAssertEqual(storeError?.sql?.hasPrefix("INSERT INTO nowhere"), true, "\(error)")
        }
        XCTAssertEqual(try count("parent", in: database), 0, "the script's transaction rolled back")
    }

    func testConstraintViolationsAreClassified() throws {
        let database = try makeItems()
        try database.write { try $0.execute("INSERT INTO parent (id, name) VALUES (1, 'a')") }

        func failure(_ sql: String) -> StoreError? {
            do {
                try database.write { try $0.execute(sql) }
                return nil
            } catch {
                return error as? StoreError
            }
        }
        let unique = failure("INSERT INTO parent (name) VALUES ('a')")
        XCTAssertEqual(unique?.code, 2067)
        XCTAssertEqual(unique?.isUniqueViolation, true)
        XCTAssertEqual(unique?.isConstraintViolation, true)
        XCTAssertEqual(unique?.isForeignKeyViolation, false)
        XCTAssertEqual(unique?.sql, "INSERT INTO parent (name) VALUES ('a')")
        XCTAssertTrue(unique?.description.contains("UNIQUE constraint failed: parent.name") ?? false)

        let primaryKey = failure("INSERT INTO parent (id, name) VALUES (1, 'z')")
        XCTAssertEqual(primaryKey?.code, 1555)
        XCTAssertEqual(primaryKey?.isUniqueViolation, true)

        let foreignKey = failure("INSERT INTO child (parent_id) VALUES (42)")
        XCTAssertEqual(foreignKey?.code, 787)
        XCTAssertEqual(foreignKey?.isForeignKeyViolation, true)
        XCTAssertEqual(foreignKey?.isUniqueViolation, false)

        let notNull = failure("INSERT INTO parent (name) VALUES (NULL)")
        XCTAssertEqual(notNull?.code, 1299)
        XCTAssertEqual(notNull?.isConstraintViolation, true)
        XCTAssertEqual(notNull?.isUniqueViolation, false)
        XCTAssertEqual(notNull?.isBusy, false)
    }

    func testConnectionSetupIsVerified() throws {
        let database = try makeDatabase { $0.synchronous = .normal }
        try database.writeWithoutTransaction { connection in
            XCTAssertEqual(try connection.scalar("PRAGMA journal_mode"), "wal")
            XCTAssertEqual(try connection.scalar("PRAGMA foreign_keys"), 1)
            XCTAssertEqual(try connection.scalar("PRAGMA synchronous"), 1, "NORMAL as configured")
            XCTAssertEqual(try connection.scalar("PRAGMA temp_store"), 2, "MEMORY")
            XCTAssertEqual(try connection.scalar("PRAGMA cache_size"), -8192)
            XCTAssertEqual(try connection.scalar("PRAGMA query_only"), 0)
        }
        try database.read { connection in
            XCTAssertEqual(try connection.scalar("PRAGMA journal_mode"), "wal")
            XCTAssertEqual(try connection.scalar("PRAGMA query_only"), 1)
            XCTAssertEqual(try connection.scalar("PRAGMA foreign_keys"), 1)
        }
        let fullByDefault = try makeDatabase("other.sqlite")
        XCTAssertEqual(try fullByDefault.writeWithoutTransaction { try $0.scalar("PRAGMA synchronous") }, 2, "FULL")
    }

    func testReadersCannotWrite() throws {
        let database = try makeItems()
        XCTAssertThrowsError(try database.read { try $0.execute("INSERT INTO parent (name) VALUES ('x')") }) { error in
            XCTAssertEqual((error as? StoreError)?.primaryCode, 8, "SQLITE_READONLY: \(error)")
        }
    }

    func testAnInMemoryPathIsRefused() {
        XCTAssertThrowsError(try Database(configuration: StoreConfiguration(path: ":memory:")))
    }

    func testClosedDatabaseThrows() throws {
        let database = try makeItems()
        database.close()
        XCTAssertThrowsError(try database.read { _ in })
        XCTAssertThrowsError(try database.write { _ in })
        database.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: database.path + "-wal"), "the last close removes the WAL")
    }
}
