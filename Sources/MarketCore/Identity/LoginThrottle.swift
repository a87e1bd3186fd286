import Foundation
import Synchronization

/// Counts failed logins per account and per client address in a sliding window. Past the limit,
/// logins are refused with 429 and `Retry-After` until the oldest failure leaves the window — even
/// with the right password, or guessing would simply continue. Kept in memory: a restart forgives,
/// which is acceptable because the password hash (PBKDF2, 600k iterations) already caps guessing speed.
public final class LoginThrottle: Sendable {
    private let perAccount: Int
    private let perAddress: Int
    private let window: TimeInterval
    private let failures = Mutex<[String: [Date]]>([:])

    public init(perAccount: Int, perAddress: Int, windowSeconds: TimeInterval) {
        self.perAccount = perAccount
        self.perAddress = perAddress
        self.window = windowSeconds
    }

    /// Seconds to wait, or nil when a login attempt may proceed.
    public func retryAfter(account: String, address: String, now: Date) -> Int? {
        failures.withLock { all in
            let waits = [("a:" + account.lowercased(), perAccount), ("ip:" + address, perAddress)].compactMap {
                key, limit -> TimeInterval? in
                let recent = (all[key] ?? []).filter { now.timeIntervalSince($0) < window }
                all[key] = recent.isEmpty ? nil : recent
                guard recent.count >= limit, let oldest = recent.first else { return nil }
                return window - now.timeIntervalSince(oldest)
            }
            return waits.max().map { Int($0.rounded(.up)) }
        }
    }

    public func recordFailure(account: String, address: String, now: Date) {
        failures.withLock { all in
            all["a:" + account.lowercased(), default: []].append(now)
            all["ip:" + address, default: []].append(now)
            // Bound memory under a spray of random accounts: drop the oldest keys past 100k.
            if all.count > 100_000 {
                for key in all.keys.prefix(all.count - 100_000) { all[key] = nil }
            }
        }
    }

    public func recordSuccess(account: String) {
        _ = failures.withLock { $0.removeValue(forKey: "a:" + account.lowercased()) }
    }
}
