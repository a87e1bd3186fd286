import Dispatch
import Foundation
import Store
import Synchronization
import XCTest

/// `Database.write` from many threads: concurrent writes share a transaction (group commit), each with
/// the outcome of a transaction of its own.
final class GroupCommitTests: StoreTestCase {
    private func makeTable(_ adjust: (inout StoreConfiguration) -> Void = { _ in }) throws -> Database {
        let database = try makeDatabase("group.sqlite", adjust)
        try database.write { try $0.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)") }
        return database
    }

    /// Starts a write that holds the writer until `release` is signalled; returns once it is inside.
    private func startHolder(_ database: Database) throws -> (release: DispatchSemaphore, thread: BackgroundThread) {
        try holding { whileHeld in
            try database.write { connection in
                try connection.execute("INSERT INTO t (name) VALUES ('holder')")
                whileHeld()
            }
        }
    }

    /// Holds the writer with a first write while `then` starts writes, until `count` of them queue.
    private func holdWriter(_ database: Database, whileQueueing count: Int, then: () throws -> Void) throws {
        let holder = try startHolder(database)
        try then()
        let deadline = Date().addingTimeInterval(10)
        while database.writeStatistics.waiting < count && Date() < deadline { usleep(1000) }
        XCTAssertEqual(database.writeStatistics.waiting, count, "the writes queued behind the holder")
        holder.release.signal()
        try holder.thread.join()
    }

    func testConcurrentWritesAreAllStoredWithFewerCommits() throws {
        let database = try makeTable()
        let before = database.writeStatistics
        let threads = (0..<8).map { thread in
            BackgroundThread {
                for n in 0..<40 {
                    try database.write { connection in
                        try connection.execute("INSERT INTO t (name) VALUES (?)", [.text("\(thread)-\(n)")])
                        usleep(200)  // keeps the writer busy so that the others queue
                    }
                }
            }
        }
        for thread in threads { try thread.join(timeout: 60) }
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM t") }, 320)
        let after = database.writeStatistics
        XCTAssertEqual(after.writes - before.writes, 320)
        XCTAssertLessThan(after.commits - before.commits, 320, "concurrent writes shared commits")
        XCTAssertEqual(after.waiting, 0)
    }

    func testManyTinyConcurrentWritesWithFailuresMixedIn() throws {
        // No pause inside the writes: callers come and go while groups are being written, which is when a
        // caller could see its outcome before the leader is done with its closure.
        let database = try makeTable()
        let threads = (0..<8).map { thread in
            BackgroundThread {
                for n in 0..<400 {
                    do {
                        try database.write { connection in
                            try connection.execute("INSERT INTO t (name) VALUES (?)", [.text("\(thread)-\(n)")])
                            if n % 10 == 0 { throw ExpectedFailure() }
                        }
                        guard n % 10 != 0 else { throw StoreError(code: 1, message: "a failing write succeeded") }
                    } catch is ExpectedFailure {}
                }
            }
        }
        for thread in threads { try thread.join(timeout: 120) }
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM t") }, .integer(8 * 360))
    }

    func testAFailingWriteInAGroupFailsAloneAndTheOthersCommit() throws {
        let database = try makeTable()
        try database.write { try $0.execute("INSERT INTO t (name) VALUES ('taken')") }
        var failing: BackgroundThread?
        var succeeding: BackgroundThread?
        try holdWriter(database, whileQueueing: 2) {
            failing = BackgroundThread {
                do {
                    try database.write { connection in
                        try connection.execute("INSERT INTO t (name) VALUES ('from-failing')")
                        try connection.execute("INSERT INTO t (name) VALUES ('taken')")  // unique violation
                    }
                } catch let error as StoreError where error.isUniqueViolation {
                    return  // its own error, as expected
                }
                throw StoreError(code: 1, message: "the failing write did not get its own error")
            }
            succeeding = BackgroundThread {
                let name = try database.write { connection -> String in
                    // Sees what earlier work of the same group wrote, not yet committed.
                    XCTAssertEqual(try connection.scalar("SELECT count(*) FROM t WHERE name = 'holder'"), 1)
                    try connection.execute("INSERT INTO t (name) VALUES ('from-succeeding')")
                    return "from-succeeding"
                }
                XCTAssertEqual(name, "from-succeeding")
            }
        }
        try failing?.join()
        try succeeding?.join()
        let names = try database.read { db in
            try db.query("SELECT name FROM t ORDER BY name").compactMap { $0.string("name") }
        }
        XCTAssertEqual(names, ["from-succeeding", "holder", "taken"], "the failed write left nothing")
    }

    func testAWriteThatWaitsLongerThanTheBusyTimeoutGivesUpAndIsNeverRun() throws {
        let database = try makeTable { $0.busyTimeoutMilliseconds = 200 }
        let holder = try startHolder(database)
        XCTAssertThrowsError(try database.write { try $0.execute("INSERT INTO t (name) VALUES ('late')") }) { error in
            XCTAssertTrue((error as? StoreError)?.isBusy ?? false, "\(error)")
        }
        holder.release.signal()
        try holder.thread.join()
        // The writer is free again: new writes go through, and the abandoned one never ran.
        try database.write { try $0.execute("INSERT INTO t (name) VALUES ('after')") }
        XCTAssertEqual(
            try database.read { try $0.query("SELECT name FROM t ORDER BY name").compactMap { $0.string("name") } },
            ["after", "holder"])
    }

    func testNestedWritesAndReadsInsideAWriteStayInItsTransaction() throws {
        let database = try makeTable()
        XCTAssertThrowsError(
            try database.write { connection in
                try connection.execute("INSERT INTO t (name) VALUES ('outer')")
                try database.write { try $0.execute("INSERT INTO t (name) VALUES ('inner')") }
                XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM t") }, 2)
                throw ExpectedFailure()
            })
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM t") }, 0)
    }
}
