import Foundation
import Store
import Synchronization
import XCTest

/// A fresh directory per test under the system temporary directory, removed afterwards.
class StoreTestCase: XCTestCase {
    private(set) var directory: URL!
    private var openDatabases: [Database] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("StoreTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        for database in openDatabases { database.close() }
        openDatabases.removeAll()
        if let directory { try? FileManager.default.removeItem(at: directory) }
        try super.tearDownWithError()
    }

    func path(_ name: String = "test.sqlite") -> String {
        directory.appendingPathComponent(name).path
    }

    func makeDatabase(
        _ name: String = "test.sqlite",
        _ adjust: (inout StoreConfiguration) -> Void = { _ in }
    ) throws -> Database {
        var configuration = StoreConfiguration(path: path(name))
        configuration.readerCount = 2
        adjust(&configuration)
        let database = try Database(configuration: configuration)
        openDatabases.append(database)
        return database
    }

    func count(_ table: String, in database: Database) throws -> Int {
        try database.read { try $0.scalar("SELECT count(*) FROM \(table)").intValue ?? -1 }
    }

    /// Runs `hold` on a background thread and returns once it holds what it takes (a connection, a
    /// transaction): `hold` calls `whileHeld` from inside, which returns when `release` is signalled.
    func holding(
        _ hold: @escaping @Sendable (_ whileHeld: () -> Void) throws -> Void
    ) throws -> (release: DispatchSemaphore, thread: BackgroundThread) {
        let inside = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let thread = BackgroundThread {
            try hold {
                inside.signal()
                _ = release.wait(timeout: .now() + 10)
            }
        }
        XCTAssertEqual(inside.wait(timeout: .now() + 10), .success, "the holder got in")
        return (release, thread)
    }
}

/// A body on its own plain thread (the callers of Database are plain threads), joined with `join()`.
final class BackgroundThread: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let failure = Mutex<(any Error)?>(nil)

    init(_ body: @escaping @Sendable () throws -> Void) {
        Thread { self.run(body) }.start()
    }

    private func run(_ body: () throws -> Void) {
        do { try body() } catch { failure.withLock { $0 = error } }
        finished.signal()
    }

    /// Waits for the body and rethrows its error.
    func join(timeout seconds: Double = 10) throws {
        guard finished.wait(timeout: .now() + seconds) == .success else {
            throw StoreError(code: 5, message: "background thread did not finish in \(seconds) s")
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}

/// An error of the tests' own, to check it is the one rethrown.
struct ExpectedFailure: Error, Equatable {
    var tag = "expected"
}
