/// How webhook delivery behaves. Defaults suit production; tests shrink thresholds and allow loopback.
public struct WebhookSettings: Sendable {
    /// Whether subscriber URLs may point at loopback, private (RFC 1918, RFC 4193), link-local, CGNAT or
    /// other non-public addresses. Off by default: a subscriber URL is a request the server makes on a
    /// tenant's behalf, and letting tenants aim it at the server's own network is server-side request
    /// forgery. `MARKETPLACE_WEBHOOKS_ALLOW_PRIVATE=1` turns it on for local development and tests.
    public var allowPrivateAddresses = false
    /// Connect plus the whole exchange; DNS resolution uses the system resolver's own timeouts.
    public var timeoutSeconds: Double = 10
    /// Delivery threads; each claims a batch and delivers it sequentially.
    public var workerThreads = 4
    /// Deliveries one worker claims at a time (one transaction to claim, one to record the results).
    public var batchSize = 16
    /// Retry delays are drawn from [base, min(cap, base × 2^(attempt-1))] ("full jitter" with a floor).
    public var retryBaseSeconds: Double = 10
    public var retryCapSeconds: Double = 6 * 3600
    /// A delivery is given up ("failed") after this many attempts or once its next attempt would fall
    /// later than this long after the event, whichever comes first.
    public var maxAttempts = 16
    public var maxAgeSeconds: Double = 24 * 3600
    /// A subscription whose endpoint failed this many attempts in a row (no 2xx in between) is disabled.
    /// Between failures the subscription is paused for min(pauseCap, base × 2^(failures-1)), and only one
    /// delivery at a time probes a failing endpoint, so a dead receiver costs one attempt per pause rather
    /// than one per queued event, and 15 failures take several hours.
    public var disableAfterConsecutiveFailures = 15
    public var pauseCapSeconds: Double = 3600
    public var maxSubscriptionsPerOrganization = 20
    /// Finished deliveries, their attempts and delivered events are deleted after this many days.
    public var retentionDays = 30
    /// A PEM bundle to trust for `https` receivers instead of the system trust store.
    public var caFile: String?
    public var userAgent = "Marketplace-Webhooks/1.0"

    public init() {}
}
