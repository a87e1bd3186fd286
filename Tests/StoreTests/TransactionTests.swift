import Foundation
import Store
import XCTest

final class TransactionTests: StoreTestCase {
    private func makeTable() throws -> Database {
        let database = try makeDatabase()
        try database.write { try $0.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)") }
        return database
    }

    private func names(_ database: Database) throws -> [String] {
        try database.read { try $0.query("SELECT name FROM t ORDER BY id").compactMap { $0.string(0) } }
    }

    func testWriteCommits() throws {
        let database = try makeTable()
        let value = try database.write { connection -> Int in
            try connection.execute("INSERT INTO t (name) VALUES ('a')")
            XCTAssertTrue(connection.isInTransaction)
            return 7
        }
        XCTAssertEqual(value, 7)
        XCTAssertEqual(try names(database), ["a"])
    }

    func testWriteRollsBackOnErrorAndRethrowsTheFirstError() throws {
        let database = try makeTable()
        XCTAssertThrowsError(
            try database.write { connection in
                try connection.execute("INSERT INTO t (name) VALUES ('a')")
                throw ExpectedFailure(tag: "first")
            }
        ) { error in
            XCTAssertEqual(error as? ExpectedFailure, ExpectedFailure(tag: "first"))
        }
        XCTAssertEqual(try names(database), [])
        try database.write { connection in
            XCTAssertTrue(connection.isInTransaction, "the writer is usable after a rollback")
            try connection.execute("INSERT INTO t (name) VALUES ('b')")
        }
        XCTAssertEqual(try names(database), ["b"])
    }

    func testSQLiteRollingBackOnItsOwnDoesNotMaskTheError() throws {
        let database = try makeTable()
        try database.write { try $0.execute("INSERT INTO t (name) VALUES ('a')") }
        // OR ROLLBACK ends the transaction inside SQLite; our ROLLBACK then has nothing to do.
        XCTAssertThrowsError(
            try database.write { connection in
                try connection.execute("INSERT INTO t (name) VALUES ('b')")
                try connection.execute("INSERT OR ROLLBACK INTO t (name) VALUES ('a')")
            }
        ) { error in
            XCTAssertEqual((error as? StoreError)?.isUniqueViolation, true, "\(error)")
        }
        // A body that swallows that error must not report success for work SQLite undid.
        XCTAssertThrowsError(
            try database.write { connection in
                try connection.execute("INSERT INTO t (name) VALUES ('c')")
                try? connection.execute("INSERT OR ROLLBACK INTO t (name) VALUES ('a')")
            }
        ) { error in
            XCTAssertEqual((error as? StoreError)?.code, 4, "SQLITE_ABORT: \(error)")
        }
        XCTAssertEqual(try names(database), ["a"])
    }

    func testAFailingCommitRollsBack() throws {
        let database = try makeDatabase()
        try database.write { connection in
            try connection.executeScript(
                """
                CREATE TABLE p (id INTEGER PRIMARY KEY);
                CREATE TABLE c (id INTEGER PRIMARY KEY,
                                p INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);
                """)
        }
        XCTAssertThrowsError(try database.write { try $0.execute("INSERT INTO c (p) VALUES (1)") }) { error in
            XCTAssertEqual((error as? StoreError)?.isForeignKeyViolation, true, "checked at COMMIT: \(error)")
        }
        try database.write { connection in
            XCTAssertEqual(try connection.scalar("SELECT count(*) FROM c"), 0)
        }
    }

    func testSavepointNesting() throws {
        let database = try makeTable()
        try database.write { connection in
            try connection.execute("INSERT INTO t (name) VALUES ('outer')")
            XCTAssertThrowsError(
                try connection.savepoint {
                    try connection.execute("INSERT INTO t (name) VALUES ('inner-undone')")
                    throw ExpectedFailure()
                })
            try connection.savepoint {
                try connection.execute("INSERT INTO t (name) VALUES ('inner-kept')")
                XCTAssertThrowsError(
                    try connection.savepoint {
                        try connection.execute("INSERT INTO t (name) VALUES ('innermost-undone')")
                        throw ExpectedFailure()
                    })
            }
            XCTAssertTrue(connection.isInTransaction)
        }
        XCTAssertEqual(try names(database), ["outer", "inner-kept"])
    }

    func testNestedWriteRunsAsASavepoint() throws {
        let database = try makeTable()
        try database.write { connection in
            try connection.execute("INSERT INTO t (name) VALUES ('outer')")
            XCTAssertThrowsError(
                try database.write { inner in
                    XCTAssertTrue(inner === connection, "the same writer connection")
                    try inner.execute("INSERT INTO t (name) VALUES ('undone')")
                    throw ExpectedFailure()
                })
            try database.write { try $0.execute("INSERT INTO t (name) VALUES ('nested')") }
        }
        XCTAssertEqual(try names(database), ["outer", "nested"])

        XCTAssertThrowsError(
            try database.write { connection in
                try database.write { try $0.execute("INSERT INTO t (name) VALUES ('gone')") }
                throw ExpectedFailure()
            })
        XCTAssertEqual(try names(database), ["outer", "nested"], "a nested write commits with its outer one")
    }

    func testReadInsideWriteSeesUncommittedWorkAndCannotWrite() throws {
        let database = try makeTable()
        try database.write { connection in
            try connection.execute("INSERT INTO t (name) VALUES ('pending')")
            let seen = try database.read { try $0.scalar("SELECT count(*) FROM t") }
            XCTAssertEqual(seen, 1)
            XCTAssertThrowsError(try database.read { try $0.execute("INSERT INTO t (name) VALUES ('no')") }) { error in
                XCTAssertEqual((error as? StoreError)?.primaryCode, 8, "SQLITE_READONLY: \(error)")
            }
            XCTAssertThrowsError(try database.read { try $0.executeScript("SELECT 1; DELETE FROM t") }) { error in
                XCTAssertEqual((error as? StoreError)?.primaryCode, 8, "SQLITE_READONLY: \(error)")
            }
            // A cached writing statement is refused too, not only one prepared inside the read.
            XCTAssertThrowsError(try database.read { try $0.execute("INSERT INTO t (name) VALUES ('pending')") })
            try connection.execute("INSERT INTO t (name) VALUES ('still writable')")
        }
        XCTAssertEqual(try names(database), ["pending", "still writable"])
    }

    func testWriteInsideReadAndReadInsideRead() throws {
        let database = try makeTable()
        try database.read { reader in
            XCTAssertEqual(try reader.scalar("SELECT count(*) FROM t"), 0)
            try database.write { try $0.execute("INSERT INTO t (name) VALUES ('a')") }
            let nested = try database.read { inner -> SQLValue in
                XCTAssertTrue(inner === reader, "a nested read reuses the reader and its snapshot")
                return try inner.scalar("SELECT count(*) FROM t")
            }
            XCTAssertEqual(nested, 0, "still the outer read's snapshot")
        }
        XCTAssertEqual(try names(database), ["a"])
    }

    func testWriteWithoutTransaction() throws {
        let database = try makeTable()
        try database.writeWithoutTransaction { connection in
            XCTAssertFalse(connection.isInTransaction)
            try connection.execute("INSERT INTO t (name) VALUES ('autocommit')")
            try database.write { inner in
                XCTAssertTrue(inner.isInTransaction, "a write inside starts a real transaction")
                try inner.execute("INSERT INTO t (name) VALUES ('in transaction')")
            }
            XCTAssertFalse(connection.isInTransaction)
        }
        XCTAssertThrowsError(
            try database.writeWithoutTransaction { connection in
                try connection.execute("BEGIN")
                try connection.execute("INSERT INTO t (name) VALUES ('left open')")
            })
        XCTAssertEqual(try names(database), ["autocommit", "in transaction"])
        try database.writeWithoutTransaction { try $0.execute("VACUUM") }
    }
}
