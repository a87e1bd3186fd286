import Foundation
import Store
import Synchronization
import XCTest

final class BackupTests: StoreTestCase {
    func testBackupIsAConsistentCopyWhileTheWriterWorks() throws {
        let database = try makeDatabase()
        try database.write { connection in
            try connection.executeScript(
                """
                CREATE TABLE entry (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, amount INTEGER NOT NULL);
                CREATE TABLE total (id INTEGER PRIMARY KEY CHECK (id = 1), sum INTEGER NOT NULL, rows INTEGER NOT NULL);
                INSERT INTO total VALUES (1, 0, 0);
                """)
        }
        // Each transaction adds ten entries and the matching total: a copy taken mid-transaction would
        // break the invariant sum(entry) = total.
        let stop = Atomic<Bool>(false)
        let batches = Atomic<Int>(0)
        let writer = BackgroundThread {
            var batch: Int64 = 0
            while !stop.load(ordering: .relaxed) {
                batch += 1
                try database.write { connection in
                    for amount in 1...10 {
                        try connection.execute(
                            "INSERT INTO entry (batch, amount) VALUES (?, ?)",
                            [.integer(batch), .integer(Int64(amount))])
                    }
                    try connection.execute("UPDATE total SET sum = sum + 55, rows = rows + 10")
                }
                batches.add(1, ordering: .relaxed)
            }
        }
        defer { stop.store(true, ordering: .relaxed) }
        while batches.load(ordering: .relaxed) < 5 { usleep(1000) }

        var copies: [Int] = []
        for index in 0..<3 {
            let copyPath = path("backup-\(index).sqlite")
            try database.backup(to: copyPath)
            let copy = try Database(configuration: StoreConfiguration(path: copyPath))
            defer { copy.close() }
            try copy.read { connection in
                XCTAssertEqual(try connection.scalar("PRAGMA integrity_check"), "ok")
                let rows = try connection.scalar("SELECT count(*) FROM entry").intValue ?? -1
                XCTAssertEqual(try connection.scalar("SELECT rows FROM total").intValue, rows)
                XCTAssertEqual(
                    try connection.scalar("SELECT sum FROM total"),
                    try connection.scalar("SELECT coalesce(sum(amount), 0) FROM entry"))
                XCTAssertEqual(rows % 10, 0)
                copies.append(rows)
            }
            usleep(20_000)
        }
        stop.store(true, ordering: .relaxed)
        try writer.join()
        XCTAssertGreaterThan(copies.last ?? 0, 0)
        XCTAssertFalse(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).contains { $0.contains(".partial-") },
            "no partial copy is left behind")
    }

    func testBackupRefusesToOverwriteItsSource() throws {
        let database = try makeDatabase()
        XCTAssertThrowsError(try database.backup(to: database.path))
        try database.write { try $0.execute("CREATE TABLE t (x)") }
        XCTAssertEqual(try database.read { try $0.scalar("PRAGMA integrity_check") }, "ok")
    }

    func testBackupReplacesAnExistingFile() throws {
        let database = try makeDatabase()
        try database.write { try $0.execute("CREATE TABLE t (x)") }
        let copyPath = path("copy.sqlite")
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: copyPath))
        try database.backup(to: copyPath)
        let copy = try Database(configuration: StoreConfiguration(path: copyPath))
        defer { copy.close() }
        XCTAssertEqual(try copy.read { try $0.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 't'") }, 1)
    }
}
