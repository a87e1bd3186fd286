import Foundation
import Store
import XCTest

/// Not a benchmark: a guard against a point read becoming pathologically slow, with the figure printed.
final class PerformanceTests: StoreTestCase {
    func testPointReadCost() throws {
        let database = try makeDatabase { $0.synchronous = .normal }
        try database.write { connection in
            try connection.execute(
                "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, amount INTEGER NOT NULL)")
            for id in 1...1000 {
                try connection.execute(
                    "INSERT INTO t VALUES (?, ?, ?)",
                    [.integer(Int64(id)), .text("name \(id)"), .integer(Int64(id * 100))])
            }
        }
        let iterations = 20_000
        var checksum = 0
        let start = Date()
        for index in 0..<iterations {
            let row = try database.read { connection in
                try connection.queryOne(
                    "SELECT id, name, amount FROM t WHERE id = ?", [.integer(Int64(index % 1000 + 1))])
            }
            checksum &+= row?.int("amount") ?? 0
        }
        let microseconds = Date().timeIntervalSince(start) * 1_000_000 / Double(iterations)
        print(
            "Store point read (read transaction + cached statement + row copy): \(String(format: "%.2f", microseconds)) µs"
        )
        XCTAssertGreaterThan(checksum, 0)
        XCTAssertLessThan(microseconds, 500)
    }
}
