import Glibc

/// The `Date` header value (IMF-fixdate, RFC 9110 §5.6.7), formatted at most once per second. Each event
/// loop owns one, so no lock is taken per response.
struct HTTPDateCache {
    private var second = -1
    /// "Sun, 06 Nov 1994 08:49:37 GMT" as bytes.
    private(set) var bytes: [UInt8] = []

    private static let days: [StaticString] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Refreshes the value when the wall-clock second changed.
    mutating func refresh() {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME_COARSE, &now)
        let s = Int(now.tv_sec)
        guard s != second else { return }
        second = s
        bytes = Self.format(now.tv_sec)
    }

    static func format(_ seconds: time_t) -> [UInt8] {
        var t = seconds
        var parts = tm()
        gmtime_r(&t, &parts)
        var out: [UInt8] = []
        out.reserveCapacity(29)
        func append(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        func two(_ v: Int32) {
            out.append(UInt8(0x30 + v / 10))
            out.append(UInt8(0x30 + v % 10))
        }
        append(days[Int(parts.tm_wday) % 7])
        append(", ")
        two(parts.tm_mday)
        out.append(0x20)
        append(months[Int(parts.tm_mon) % 12])
        out.append(0x20)
        let year = Int(parts.tm_year) + 1900
        out.append(contentsOf: Array(String(year).utf8))
        out.append(0x20)
        two(parts.tm_hour)
        out.append(0x3A)
        two(parts.tm_min)
        out.append(0x3A)
        two(parts.tm_sec)
        append(" GMT")
        return out
    }
}
