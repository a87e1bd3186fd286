import Crypto
import Foundation
import Store

/// Settings the operator chooses at start.
public struct MarketSettings: Sendable {
    /// The operator's base currency: cross rates go through it, KPIs default to it.
    public var baseCurrency: String = "USD"
    public var passwordHasher = PasswordHasher()
    public var loginTokenLifetimeSeconds: TimeInterval = 12 * 3600
    public var apiKeyDefaultLifetimeDays: Int = 365
    /// Failed logins allowed per account, and per client address, within the window.
    public var loginFailuresPerAccount: Int = 5
    public var loginFailuresPerAddress: Int = 20
    public var loginFailureWindowSeconds: TimeInterval = 15 * 60
    /// Webhook delivery: timeouts, retries, private-address policy (MarketCore/Events/WebhookSettings.swift).
    public var webhooks = WebhookSettings()
    /// The secret the payment provider signs `POST /v1/payments/callback` with (`Marketplace-Signature`,
    /// HMAC-SHA256). Unset: the callback route answers 503 `not_configured` and records nothing.
    public var paymentProviderSecret: String?

    public init() {}
}

/// What every module's handlers need: the database, the clock, the settings and shared state such as
/// the login throttle. One instance per running server.
public final class MarketServices: Sendable {
    public let database: Database
    public let clock: any MarketClock
    public let settings: MarketSettings
    public let loginThrottle: LoginThrottle

    public init(database: Database, clock: any MarketClock = SystemClock(), settings: MarketSettings = MarketSettings()) {
        self.database = database
        self.clock = clock
        self.settings = settings
        self.loginThrottle = LoginThrottle(
            perAccount: settings.loginFailuresPerAccount, perAddress: settings.loginFailuresPerAddress,
            windowSeconds: settings.loginFailureWindowSeconds)
    }

    public func now() -> Date { clock.now() }
    public func nowText() -> String { Timestamp.format(clock.now()) }
}
