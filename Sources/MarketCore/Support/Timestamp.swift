import Foundation

/// RFC 3339 timestamps in UTC. Stored in the database with fixed-width milliseconds
/// ("2026-11-22T10:40:31.123Z") so that text order is time order; sent to clients the same way.
public enum Timestamp {
    public static func format(_ date: Date) -> String {
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(totalMillis >= 0 ? totalMillis / 1000 : (totalMillis - 999) / 1000)
        let millis = Int(totalMillis - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-" + pad(Int(parts.tm_mday), 2)
            + "T" + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2)
            + "." + pad(millis, 3) + "Z"
    }

    /// The calendar date in UTC ("2026-11-22").
    public static func day(_ date: Date) -> String { String(format(date).prefix(10)) }

    /// Parses RFC 3339 date-times (`Z` or `±hh:mm` offsets, optional fraction) and, when
    /// `allowDateOnly`, a full-date (`2026-11-30`, meaning its start in UTC).
    public static func parse(_ text: String, allowDateOnly: Bool = false) -> Date? {
        let b = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard b.count >= 10, let year = num(0, 4), b[4] == 0x2D, let month = num(5, 2), b[7] == 0x2D,
            let day = num(8, 2), (1...12).contains(month), (1...daysIn(month, year)).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var fractionNanos = 0
        var offsetSeconds = 0
        if b.count == 10 {
            guard allowDateOnly else { return nil }
        } else {
            guard b.count >= 20, b[10] == 0x54 || b[10] == 0x74, let h = num(11, 2), b[13] == 0x3A,
                let m = num(14, 2), b[16] == 0x3A, let s = num(17, 2), h < 24, m < 60, s < 61
            else { return nil }
            hour = h
            minute = m
            second = min(s, 59)
            var i = 19
            if b[i] == 0x2E {
                i += 1
                let start = i
                var scale = 100_000_000
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                    fractionNanos += Int(b[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start, i - start <= 9 else { return nil }
            }
            guard i < b.count else { return nil }
            if b[i] == 0x5A || b[i] == 0x7A {
                guard i + 1 == b.count else { return nil }
            } else if b[i] == 0x2B || b[i] == 0x2D {
                guard i + 6 == b.count, let oh = num(i + 1, 2), b[i + 3] == 0x3A, let om = num(i + 4, 2), oh < 24, om < 60
                else { return nil }
                offsetSeconds = (oh * 3600 + om * 60) * (b[i] == 0x2B ? 1 : -1)
            } else {
                return nil
            }
        }
        let days = daysFromCivil(year, month, day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(fractionNanos) / 1e9)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
    private static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
