import Foundation
import Synchronization

/// Prometheus counters and a latency histogram per route and status. Labels use the route pattern,
/// never the raw path, so ids cannot blow up the number of series.
///
/// Every answered request records here, from every worker thread, so one shared lock would serialize
/// them: profiled under `wrk -c64` on a point read, a single mutex here took a fifth of the server's CPU
/// in futex waits. The series are therefore split into shards, each with its own lock, and a thread
/// always records into the shard its identity hashes to: threads rarely share a shard, a lock is held for
/// one in-place dictionary update (no allocation), and `render` adds the shards up.
public final class Metrics: Sendable {
    /// Upper bounds in microseconds: 0.25 ms … 5 s.
    static let bucketBoundsMicros: [UInt64] = [250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 5_000_000]

    struct SeriesKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    struct Series {
        var count: UInt64 = 0
        var sumMicros: UInt64 = 0
        var buckets = [UInt64](repeating: 0, count: Metrics.bucketBoundsMicros.count)

        mutating func record(durationMicros: UInt64, bucket: Int?) {
            count += 1
            sumMicros &+= durationMicros
            if let bucket { buckets[bucket] += 1 }
        }

        mutating func add(_ other: Series) {
            count &+= other.count
            sumMicros &+= other.sumMicros
            for index in buckets.indices { buckets[index] &+= other.buckets[index] }
        }
    }

    /// A power of two, comfortably above the worker threads of a small machine.
    private static let shardCount = 16
    private final class Shard: Sendable {
        let series = Mutex<[SeriesKey: Series]>([:])
    }

    private let shards: [Shard]

    public init() {
        shards = (0..<Self.shardCount).map { _ in Shard() }
    }

    public func record(method: String, route: String, status: Int, durationMicros: UInt64) {
        let key = SeriesKey(method: method, route: route, status: status)
        let bucket = Metrics.bucketBoundsMicros.firstIndex { durationMicros <= $0 }
        shards[Self.shardOfCurrentThread].series.withLock { all in
            // The `default:` subscript mutates the stored value in place: one lookup, no copy of its buckets.
            all[key, default: Series()].record(durationMicros: durationMicros, bucket: bucket)
        }
    }

    /// pthread_t values are addresses of thread control blocks, spaced by stack sizes, so their low bits
    /// are alike: a Fibonacci hash spreads them over the shards.
    private static var shardOfCurrentThread: Int {
        let raw = UInt64(UInt(pthread_self()))
        return Int(truncatingIfNeeded: (raw &* 0x9E37_79B9_7F4A_7C15) >> 60) & (shardCount - 1)
    }

    /// Every series, the shards added up.
    private func snapshot() -> [SeriesKey: Series] {
        var merged = [SeriesKey: Series]()
        for shard in shards {
            let part = shard.series.withLock { $0 }
            for (key, series) in part { merged[key, default: Series()].add(series) }
        }
        return merged
    }

    /// Prometheus text exposition format 0.0.4. `gauges` are extra name→value lines (open connections…).
    public func render(gauges: [(name: String, help: String, value: Int)] = []) -> String {
        let snapshot = snapshot()
        var out = ""
        out += "# HELP http_requests_total Requests answered, by method, route pattern and status.\n"
        out += "# TYPE http_requests_total counter\n"
        let keys = snapshot.keys.sorted { ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status) }
        for key in keys {
            out += "http_requests_total{\(labels(key))} \(snapshot[key]!.count)\n"
        }
        out += "# HELP http_request_duration_seconds Time from complete request to response, by route.\n"
        out += "# TYPE http_request_duration_seconds histogram\n"
        for key in keys {
            let entry = snapshot[key]!
            var cumulative: UInt64 = 0
            for (i, bound) in Metrics.bucketBoundsMicros.enumerated() {
                cumulative += entry.buckets[i]
                out += "http_request_duration_seconds_bucket{\(labels(key)),le=\"\(seconds(bound))\"} \(cumulative)\n"
            }
            out += "http_request_duration_seconds_bucket{\(labels(key)),le=\"+Inf\"} \(entry.count)\n"
            out += "http_request_duration_seconds_sum{\(labels(key))} \(seconds(entry.sumMicros))\n"
            out += "http_request_duration_seconds_count{\(labels(key))} \(entry.count)\n"
        }
        for gauge in gauges {
            out += "# HELP \(gauge.name) \(gauge.help)\n# TYPE \(gauge.name) gauge\n\(gauge.name) \(gauge.value)\n"
        }
        return out
    }

    private func labels(_ key: SeriesKey) -> String {
        "method=\"\(key.method)\",route=\"\(escape(key.route))\",status=\"\(key.status)\""
    }

    private func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// Microseconds as decimal seconds without floating point.
    private func seconds(_ micros: UInt64) -> String {
        let whole = micros / 1_000_000
        let fraction = micros % 1_000_000
        if fraction == 0 { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.last == "0" { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
