import Foundation
import Store
import XCTest

/// A writer process killed with SIGKILL must leave a consistent database: SQLite's WAL recovery keeps
/// every committed transaction and none of the uncommitted one (https://www.sqlite.org/wal.html#recovery).
///
/// The child is this same test binary, re-executed with a filter that runs only
/// `testChildProcessEntryPoint`, which acts only when STORE_CRASH_CHILD_PATH is set.
final class CrashSafetyTests: StoreTestCase {
    private static let pathVariable = "STORE_CRASH_CHILD_PATH"
    private static let modeVariable = "STORE_CRASH_CHILD_MODE"

    // MARK: - Parent side

    func testKillDuringAnOpenTransactionLosesOnlyThatTransaction() throws {
        let databasePath = path()
        try prepare(databasePath, committedRows: 100)
        let child = try spawnChild(mode: "hold", databasePath: databasePath)
        try waitUntilReady(child, databasePath: databasePath)
        // The child's open transaction spilled pages to the WAL, so recovery has uncommitted frames to skip.
        let walSize = (try? FileManager.default.attributesOfItem(atPath: databasePath + "-wal")[.size] as? Int) ?? 0
        XCTAssertGreaterThan(walSize, 1_000_000, "uncommitted pages reached the WAL file")
        try kill(child)

        let database = try makeDatabase()
        try database.read { connection in
            XCTAssertEqual(try connection.scalar("PRAGMA integrity_check"), "ok")
            XCTAssertEqual(
                try connection.scalar("SELECT count(*) FROM item"), 100, "the half-done transaction is invisible")
            XCTAssertEqual(try connection.scalar("SELECT n FROM total"), 100)
        }
        try database.write { try $0.execute("INSERT INTO item (batch, payload) VALUES (0, x'00')") }
    }

    func testKillAtARandomMomentOfACommitLoopKeepsEveryCommittedBatchWhole() throws {
        let databasePath = path()
        try prepare(databasePath, committedRows: 0)
        let child = try spawnChild(mode: "loop", databasePath: databasePath)
        try waitUntilReady(child, databasePath: databasePath)
        usleep(UInt32.random(in: 20_000...150_000))
        try kill(child)

        let database = try makeDatabase()
        try database.read { connection in
            XCTAssertEqual(try connection.scalar("PRAGMA integrity_check"), "ok")
            let rows = try connection.scalar("SELECT count(*) FROM item").intValue ?? -1
            XCTAssertGreaterThanOrEqual(rows, 5 * 20, "the batches committed before the ready signal survived")
            XCTAssertEqual(
                try connection.scalar("SELECT n FROM total").intValue, rows, "rows and total committed together")
            XCTAssertEqual(
                try connection.scalar(
                    "SELECT count(*) FROM (SELECT batch FROM item GROUP BY batch HAVING count(*) <> 20)"),
                0, "no batch is partly there")
        }
    }

    // MARK: - Child side

    /// Does nothing in a normal test run.
    func testChildProcessEntryPoint() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let databasePath = environment[Self.pathVariable], let mode = environment[Self.modeVariable] else {
            return
        }
        var configuration = StoreConfiguration(path: databasePath)
        configuration.readerCount = 1
        configuration.cacheSizeKiB = 256  // small, so a big transaction spills pages to the WAL before COMMIT
        let database = try Database(configuration: configuration)
        let ready = databasePath + ".ready"
        switch mode {
        case "hold":
            try database.write { connection in
                let payload = SQLValue.blob([UInt8](repeating: 0xAB, count: 1024))
                for _ in 0..<4000 {
                    try connection.execute("INSERT INTO item (batch, payload) VALUES (1, ?)", [payload])
                }
                try connection.execute("UPDATE total SET n = n + 4000")
                _ = FileManager.default.createFile(atPath: ready, contents: nil)
                sleep(60)  // killed long before this returns
            }
        default:
            var batch: Int64 = 0
            while true {
                batch += 1
                try database.write { connection in
                    for _ in 0..<20 {
                        try connection.execute("INSERT INTO item (batch, payload) VALUES (?, x'01')", [.integer(batch)])
                    }
                    try connection.execute("UPDATE total SET n = n + 20")
                }
                if batch == 5 { _ = FileManager.default.createFile(atPath: ready, contents: nil) }
            }
        }
    }

    // MARK: - Plumbing

    private func prepare(_ databasePath: String, committedRows: Int) throws {
        let database = try Database(configuration: StoreConfiguration(path: databasePath))
        defer { database.close() }
        try database.write { connection in
            try connection.executeScript(
                """
                CREATE TABLE item (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, payload BLOB NOT NULL);
                CREATE TABLE total (n INTEGER NOT NULL);
                INSERT INTO total VALUES (0);
                """)
            for _ in 0..<committedRows {
                try connection.execute("INSERT INTO item (batch, payload) VALUES (0, x'00')")
            }
            try connection.execute("UPDATE total SET n = ?", [.integer(Int64(committedRows))])
        }
    }

    private func spawnChild(mode: String, databasePath: String) throws -> Process {
        #if os(Linux)
            let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["StoreTests.CrashSafetyTests/testChildProcessEntryPoint"]
            var environment = ProcessInfo.processInfo.environment
            environment[Self.pathVariable] = databasePath
            environment[Self.modeVariable] = mode
            process.environment = environment
            let log = databasePath + ".child.log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            process.standardOutput = FileHandle(forWritingAtPath: log)
            process.standardError = FileHandle(forWritingAtPath: log)
            try process.run()
            return process
        #else
            throw XCTSkip("re-executing the test runner is implemented for Linux")
        #endif
    }

    private func waitUntilReady(_ child: Process, databasePath: String) throws {
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: databasePath + ".ready") {
            guard child.isRunning, Date() < deadline else {
                if child.isRunning { try? kill(child) }
                let log = (try? String(contentsOfFile: databasePath + ".child.log", encoding: .utf8)) ?? ""
                XCTFail("the child never got ready; its output:\n\(log.suffix(2000))")
                throw ExpectedFailure(tag: "child not ready")
            }
            usleep(5_000)
        }
    }

    private func kill(_ child: Process) throws {
        XCTAssertEqual(Foundation.kill(child.processIdentifier, SIGKILL), 0)
        child.waitUntilExit()
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)
        XCTAssertEqual(child.terminationStatus, SIGKILL)
    }
}
