import Foundation
import Store
import XCTest

final class MigratorTests: StoreTestCase {
    private func migrator(_ extra: [Migration] = []) -> Migrator {
        var migrator = Migrator()
        migrator.register(
            Migration("001 create parent", "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"))
        migrator.register(
            Migration(
                "002 create child",
                """
                CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
                CREATE INDEX child_parent ON child(parent_id);
                """))
        migrator.register(
            Migration("003 seed") { connection in
                try connection.execute("INSERT INTO parent (name) VALUES (?)", ["seed"])
            })
        for migration in extra { migrator.register(migration) }
        return migrator
    }

    func testMigrationsRunOnceInOrder() throws {
        let database = try makeDatabase()
        let migrator = migrator()
        XCTAssertEqual(try migrator.pendingMigrations(database), ["001 create parent", "002 create child", "003 seed"])
        XCTAssertEqual(try migrator.migrate(database), ["001 create parent", "002 create child", "003 seed"])
        XCTAssertEqual(try migrator.migrate(database), [], "a second run applies nothing")
        XCTAssertEqual(try migrator.pendingMigrations(database), [])
        XCTAssertEqual(try count("parent", in: database), 1, "the seed ran once")
        XCTAssertEqual(try migrator.appliedMigrations(database), migrator.migrationNames)
        let appliedAt = try database.read { try $0.scalar("SELECT applied_at FROM schema_migrations LIMIT 1") }
        XCTAssertTrue(appliedAt.stringValue?.hasSuffix("Z") ?? false, "RFC 3339 UTC: \(appliedAt)")
        XCTAssertEqual(try database.read { try $0.scalar("PRAGMA foreign_keys") }, 1)
        XCTAssertEqual(
            try database.write { try $0.scalar("PRAGMA foreign_keys") }, 1, "switched back on after migrating")
    }

    func testANewMigrationAppliesAlone() throws {
        let database = try makeDatabase()
        try migrator().migrate(database)
        let grown = migrator([Migration("004 add column", "ALTER TABLE parent ADD COLUMN note TEXT;")])
        XCTAssertEqual(try grown.pendingMigrations(database), ["004 add column"])
        XCTAssertEqual(try grown.migrate(database), ["004 add column"])
    }

    func testAFailingMigrationLeavesNothingRecordedOrApplied() throws {
        let database = try makeDatabase()
        let failing = migrator([
            Migration(
                "004 half done",
                """
                CREATE TABLE audit (id INTEGER PRIMARY KEY);
                INSERT INTO parent (name) VALUES ('partial');
                INSERT INTO missing_table VALUES (1);
                """),
            Migration("005 after", "CREATE TABLE later (id INTEGER PRIMARY KEY);"),
        ])
        XCTAssertThrowsError(try failing.migrate(database)) { error in
            XCTAssertTrue((error as? StoreError)?.message.contains("missing_table") ?? false, "\(error)")
        }
        XCTAssertEqual(try failing.pendingMigrations(database), ["004 half done", "005 after"])
        XCTAssertEqual(try count("parent", in: database), 1, "the failed migration's insert rolled back")
        let tables = try database.read { connection in
            try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").compactMap {
                $0.string(0)
            }
        }
        XCTAssertFalse(tables.contains("audit"), "its DDL rolled back too: \(tables)")
        XCTAssertFalse(tables.contains("later"), "later migrations did not run")
    }

    func testAMigrationThatBreaksForeignKeysFails() throws {
        let database = try makeDatabase()
        try migrator().migrate(database)
        let broken = migrator([Migration("004 orphan", "INSERT INTO child (parent_id) VALUES (999);")])
        XCTAssertThrowsError(try broken.migrate(database)) { error in
            XCTAssertEqual((error as? StoreError)?.isForeignKeyViolation, true, "\(error)")
        }
        XCTAssertEqual(try count("child", in: database), 0)
    }

    func testATableCanBeRebuiltUnderForeignKeys() throws {
        // The SQLite-documented way to change a column: new table, copy, drop, rename, with foreign keys
        // off during the migration and checked before its commit.
        let database = try makeDatabase()
        try migrator().migrate(database)
        try database.write { connection in
            try connection.execute("INSERT INTO child (parent_id) VALUES (1)")
        }
        let rebuilt = migrator([
            Migration(
                "004 rebuild parent",
                """
                CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT NOT NULL DEFAULT '');
                INSERT INTO parent_new (id, name) SELECT id, name FROM parent;
                DROP TABLE parent;
                ALTER TABLE parent_new RENAME TO parent;
                """)
        ])
        XCTAssertEqual(try rebuilt.migrate(database), ["004 rebuild parent"])
        XCTAssertEqual(try count("child", in: database), 1)
        XCTAssertEqual(try database.read { try $0.query("PRAGMA foreign_key_check") }.count, 0)
    }
}
