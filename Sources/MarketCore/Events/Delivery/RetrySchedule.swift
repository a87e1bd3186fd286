import Foundation

/// When a failed delivery is tried again and when a failing endpoint may be probed again.
///
/// Retries use exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff And
/// Jitter", 2015): the delay after attempt n is uniform in [base, min(cap, base × 2^(n-1))], so receivers
/// recovering from an outage are not hit by every queued event at the same instant. With the defaults
/// (10 s, 6 h cap, 16 attempts, 24 h age) a delivery is retried for about a day.
struct RetrySchedule: Sendable {
    let base: Double
    let cap: Double
    let maxAttempts: Int
    let maxAge: Double
    let pauseCap: Double

    init(settings: WebhookSettings) {
        base = max(0.001, settings.retryBaseSeconds)
        cap = max(base, settings.retryCapSeconds)
        maxAttempts = max(1, settings.maxAttempts)
        maxAge = settings.maxAgeSeconds
        pauseCap = max(base, settings.pauseCapSeconds)
    }

    /// The upper bound of the delay after the `attempt`-th failure (1-based).
    func ceiling(afterAttempt attempt: Int) -> Double {
        let exponent = min(max(attempt - 1, 0), 40)
        return min(cap, base * pow(2, Double(exponent)))
    }

    func delay<R: RandomNumberGenerator>(afterAttempt attempt: Int, using random: inout R) -> Double {
        let upper = ceiling(afterAttempt: attempt)
        return upper <= base ? base : Double.random(in: base...upper, using: &random)
    }

    /// The next attempt's time, or nil when the delivery should be given up.
    func nextAttempt<R: RandomNumberGenerator>(
        afterAttempt attempt: Int, now: Date, eventCreated: Date, using random: inout R
    ) -> Date? {
        guard attempt < maxAttempts else { return nil }
        let next = now.addingTimeInterval(delay(afterAttempt: attempt, using: &random))
        guard next.timeIntervalSince(eventCreated) <= maxAge else { return nil }
        return next
    }

    /// How long a subscription rests after its `failures`-th consecutive failure (circuit breaker).
    func pause(afterConsecutiveFailures failures: Int) -> Double {
        let exponent = min(max(failures - 1, 0), 40)
        return min(pauseCap, base * pow(2, Double(exponent)))
    }
}
