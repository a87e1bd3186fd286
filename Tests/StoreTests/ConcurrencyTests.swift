import Dispatch
import Foundation
import Store
import Synchronization
import XCTest

final class ConcurrencyTests: StoreTestCase {
    private func makeTable(_ adjust: (inout StoreConfiguration) -> Void = { _ in }) throws -> Database {
        let database = try makeDatabase("test.sqlite", adjust)
        try database.write { try $0.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)") }
        return database
    }

    func testReadersSeeTheLastCommitWhileTheWriterHoldsATransaction() throws {
        let database = try makeTable()
        try database.write { try $0.execute("INSERT INTO t (name) VALUES ('committed')") }
        let writer = try holding { whileHeld in
            try database.write { connection in
                try connection.execute("INSERT INTO t (name) VALUES ('pending')")
                whileHeld()
            }
        }
        // The writer is mid-transaction: readers are not blocked and see only the committed row.
        XCTAssertEqual(try count("t", in: database), 1)
        let otherThread = BackgroundThread {
            let seen = try database.read { try $0.scalar("SELECT group_concat(name) FROM t") }
            guard seen == "committed" else { throw StoreError(code: 1, message: "saw \(seen)") }
        }
        try otherThread.join()
        writer.release.signal()
        try writer.thread.join()
        XCTAssertEqual(try count("t", in: database), 2, "after the commit, new reads see it")
    }

    func testAReadKeepsOneSnapshotWhileTheWriterCommits() throws {
        let database = try makeTable()
        try database.read { connection in
            let before = try connection.scalar("SELECT count(*) FROM t")
            try BackgroundThread {
                try database.write { try $0.execute("INSERT INTO t (name) VALUES ('new')") }
            }.join()
            XCTAssertEqual(try connection.scalar("SELECT count(*) FROM t"), before, "the same snapshot")
        }
        XCTAssertEqual(try count("t", in: database), 1)
    }

    func testReadersRunInParallel() throws {
        let database = try makeTable { $0.readerCount = 2 }
        let bothInside = DispatchGroup()
        bothInside.enter()
        bothInside.enter()
        let threads = (0..<2).map { _ in
            BackgroundThread {
                try database.read { _ in
                    bothInside.leave()
                    // Only returns if the other reader got in too, i.e. two reads ran at once.
                    guard bothInside.wait(timeout: .now() + 5) == .success else {
                        throw StoreError(code: 5, message: "the reads did not overlap")
                    }
                }
            }
        }
        for thread in threads { try thread.join() }
    }

    func testReadersOpenOnDemandUpToTheLimitAndAreReused() throws {
        let database = try makeTable { $0.readerCount = 3; $0.busyTimeoutMilliseconds = 300 }
        XCTAssertEqual(database.openReaderCount, 1, "an idle database holds one reader")
        for _ in 0..<5 { _ = try database.read { try $0.scalar("SELECT count(*) FROM t") } }
        XCTAssertEqual(database.openReaderCount, 1, "sequential reads reuse the same reader")

        // Three reads held at once open three readers; a fourth waits and, past the timeout, is busy.
        let allInside = DispatchGroup()
        let release = DispatchSemaphore(value: 0)
        let holders = (0..<3).map { _ in
            allInside.enter()
            return BackgroundThread {
                try database.read { _ in
                    allInside.leave()
                    _ = release.wait(timeout: .now() + 10)
                }
            }
        }
        XCTAssertEqual(allInside.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(database.openReaderCount, 3)
        XCTAssertThrowsError(try BackgroundThread { try database.read { _ in } }.join()) { error in
            XCTAssertTrue((error as? StoreError)?.isBusy ?? false, "\(error)")
        }
        for _ in holders { release.signal() }
        for holder in holders { try holder.join() }
        XCTAssertEqual(database.openReaderCount, 3, "opened readers stay for the next burst")
        XCTAssertEqual(try count("t", in: database), 0)
    }

    func testAThreadConnectionNeverWaitsForThePoolAndServesNestedReads() throws {
        let database = try makeTable { $0.readerCount = 1; $0.busyTimeoutMilliseconds = 300 }
        try database.write { try $0.execute("INSERT INTO t (name) VALUES ('a')") }
        // The only pooled reader is held by another thread for the whole test.
        let (release, holder) = try holding { whileHeld in try database.read { _ in whileHeld() } }
        defer { release.signal() }
        let worker = BackgroundThread {
            for round in 0..<3 {
                let count = try database.readOnThreadConnection {
                    // Nested reads use the thread's connection and its one snapshot.
                    let first = try database.read { try $0.scalar("SELECT count(*) FROM t") }
                    let second = try database.read { try $0.scalar("SELECT count(*) FROM t") }
                    guard first == second else { throw StoreError(code: 1, message: "two snapshots") }
                    return first
                }
                guard count == .integer(Int64(round + 1)) else { throw StoreError(code: 1, message: "saw \(count)") }
                try database.write { try $0.execute("INSERT INTO t (name) VALUES (?)", [.text("r\(round)")]) }
            }
            // Writing inside is refused, like any read.
            do {
                try database.readOnThreadConnection { try database.read { try $0.execute("DELETE FROM t") } }
                throw StoreError(code: 1, message: "a write went through")
            } catch let error as StoreError where error.primaryCode == 8 {}
        }
        try worker.join()
        XCTAssertEqual(database.openReaderCount, 2, "the pooled reader and the thread's own")
        release.signal()
        try holder.join()
        database.close()
        XCTAssertThrowsError(try database.readOnThreadConnection { 0 })
    }

    func testAWriterThatStaysBusyYieldsABusyErrorNotAHang() throws {
        let database = try makeTable { $0.busyTimeoutMilliseconds = 100 }
        let (release, holder) = try holding { whileHeld in try database.write { _ in whileHeld() } }
        let started = Date()
        XCTAssertThrowsError(try database.write { _ in }) { error in
            XCTAssertEqual((error as? StoreError)?.isBusy, true, "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        release.signal()
        try holder.join()
        try database.write { try $0.execute("INSERT INTO t (name) VALUES ('after')") }
    }

    func testSQLiteBusyFromAnotherConnectionIsClassified() throws {
        // Two Database values on one file stand for two processes: the lock is SQLite's, not the pool's.
        let first = try makeTable()
        let second = try makeDatabase("test.sqlite") { $0.busyTimeoutMilliseconds = 50 }
        let (release, holder) = try holding { whileHeld in try first.write { _ in whileHeld() } }
        XCTAssertThrowsError(try second.write { try $0.execute("INSERT INTO t (name) VALUES ('x')") }) { error in
            let storeError = error as? StoreError
            XCTAssertEqual(storeError?.code, 5, "SQLITE_BUSY at BEGIN IMMEDIATE: \(error)")
            XCTAssertEqual(storeError?.isBusy, true)
            XCTAssertEqual(storeError?.sql, "BEGIN IMMEDIATE TRANSACTION")
        }
        XCTAssertEqual(try count("t", in: second), 0, "reading is not blocked by the other writer")
        release.signal()
        try holder.join()
        try second.write { try $0.execute("INSERT INTO t (name) VALUES ('x')") }
    }

    func testManyThreadsReadAndWrite() throws {
        let database = try makeTable { $0.synchronous = .normal }
        let threads = (0..<6).map { index in
            BackgroundThread {
                for step in 0..<50 {
                    if step % 2 == 0 {
                        try database.write {
                            try $0.execute("INSERT INTO t (name) VALUES (?)", [.text("\(index)-\(step)")])
                        }
                    } else {
                        _ = try database.read { try $0.query("SELECT * FROM t WHERE id > ?", [.integer(Int64(step))]) }
                    }
                }
            }
        }
        for thread in threads { try thread.join(timeout: 30) }
        XCTAssertEqual(try count("t", in: database), 6 * 25)
    }
}
