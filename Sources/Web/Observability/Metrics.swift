import Synchronization

/// Prometheus counters and a latency histogram per route and status. Labels use the route pattern,
/// never the raw path, so ids cannot blow up the number of series.
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
    }

    private let series = Mutex<[SeriesKey: Series]>([:])

    public init() {}

    public func record(method: String, route: String, status: Int, durationMicros: UInt64) {
        let key = SeriesKey(method: method, route: route, status: status)
        series.withLock { all in
            var entry = all[key] ?? Series()
            entry.count += 1
            entry.sumMicros &+= durationMicros
            for (i, bound) in Metrics.bucketBoundsMicros.enumerated() where durationMicros <= bound {
                entry.buckets[i] += 1
                break
            }
            all[key] = entry
        }
    }

    /// Prometheus text exposition format 0.0.4. `gauges` are extra name→value lines (open connections…).
    public func render(gauges: [(name: String, help: String, value: Int)] = []) -> String {
        let snapshot = series.withLock { $0 }
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
