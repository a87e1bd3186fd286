import Foundation
import XCTest

/// A failed property check; thrown by `require` so the runner can report the seed.
struct PropertyFailure: Error, CustomStringConvertible {
    let description: String
}

func require(_ condition: @autoclosure () throws -> Bool, _ message: @autoclosure () -> String) throws {
    if try !condition() { throw PropertyFailure(description: message()) }
}

/// Runs `body` for `cases` random cases (or `PROPERTY_CASES`). The run's seed comes from `PROPERTY_SEED` when
/// set (to replay a failure), else from the system generator; a failure reports the run seed and the case's own seed.
func forAll(_ name: String, cases: Int = 1000, file: StaticString = #filePath, line: UInt = #line,
            _ body: (inout SplitMix64) throws -> Void) {
    let seed = ProcessInfo.processInfo.environment["PROPERTY_SEED"].flatMap { UInt64($0) }
        ?? UInt64.random(in: .min ... .max)
    // PROPERTY_CASES raises the count for a longer hunt (the default keeps the suite fast).
    let count = ProcessInfo.processInfo.environment["PROPERTY_CASES"].flatMap { Int($0) } ?? cases
    var seeds = SplitMix64(seed: seed)
    for index in 0..<count {
        let caseSeed = seeds.next()
        var generator = SplitMix64(seed: caseSeed)
        do {
            try body(&generator)
        } catch {
            XCTFail("property '\(name)' failed at case \(index): \(error) — replay with PROPERTY_SEED=\(seed)"
                    + " (case seed \(caseSeed))", file: file, line: line)
            return
        }
    }
}
