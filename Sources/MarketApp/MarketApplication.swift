import Buyer
import Foundation
import HTTPServer
import MarketCore
import Operator
import Seller
import Store
import Web

/// The whole marketplace in one value: the database (migrated), the shared services and the HTTP
/// responder with every module's routes. `serve` puts it behind an `HTTPServer`; tests use it
/// in-process or live.
public final class MarketApplication: Sendable {
    public let services: MarketServices
    public let web: WebApplication<MarketContext>
    public let configuration: AppConfiguration
    /// Background work beside the HTTP server: webhook delivery from the outbox.
    public let webhooks: WebhookDispatcher
    /// Background work beside the HTTP server: recurring orders placed when due.
    public let recurringOrders: RecurringOrderScheduler
    /// Open-connection figures for /metrics, set once the server runs.
    let serverStats: ServerStatsSource

    /// Every module's migrations, in the order they were first shipped (append-only).
    public static var migrations: [Migration] {
        CoreSchema.migrations + CatalogSchema.migrations + OrderSchema.migrations + RFQSchema.migrations
            + EventSchema.migrations + LedgerSchema.migrations + RatingSchema.migrations + PaymentSchema.migrations
            + PriceListSchema.migrations + PurchasingSchema.migrations
    }

    public init(configuration: AppConfiguration, clock: any MarketClock = SystemClock()) throws {
        self.configuration = configuration
        let directory = (configuration.databasePath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var storeConfiguration = StoreConfiguration(path: configuration.databasePath)
        storeConfiguration.synchronous = configuration.synchronous
        storeConfiguration.readerCount = configuration.readerConnections
        storeConfiguration.mmapSizeBytes = Int64(configuration.mmapMiB) << 20
        let database = try Database(configuration: storeConfiguration)
        var migrator = Migrator()
        for migration in Self.migrations { migrator.register(migration) }
        _ = try migrator.migrate(database)

        LedgerHooks.install()
        RatingHooks.install()
        PaymentHooks.install()
        let services = MarketServices(database: database, clock: clock, settings: configuration.market)
        self.services = services
        self.webhooks = WebhookDispatcher(services: services)
        self.recurringOrders = RecurringOrderScheduler(services: services)
        let stats = ServerStatsSource()
        self.serverStats = stats

        let router = Router<MarketContext>()
        let routes = MarketRoutes(router: router, services: services)
        IdentityRoutes.register(routes)
        WebhookRoutes.register(routes)
        SellerModule.register(routes)
        BuyerModule.register(routes)
        OperatorModule.register(routes)
        let metrics = Metrics()
        SystemRoutes.register(router: router, services: services, metrics: metrics, stats: stats)

        let staticFiles: StaticFiles? =
            FileManager.default.fileExists(atPath: configuration.publicDirectory) ? StaticFiles(root: configuration.publicDirectory) : nil
        web = WebApplication(
            router: router, metrics: metrics, accessLog: AccessLog(enabled: configuration.accessLog),
            staticFiles: staticFiles, defaultMaxBodyBytes: configuration.maxBodyBytes,
            translateError: StoreErrorTranslation.translate,
            describePrincipal: { $0.principal.map { "\($0.organizationID)/\($0.userID)" } })

        if let email = configuration.operatorEmail, let password = configuration.operatorPassword {
            try Accounts(services: services).ensureOperator(email: email, password: password)
        }
    }

    /// Starts an HTTP server for this application (tests use port 0).
    public func makeServer() -> HTTPServer {
        let server = HTTPServer(configuration: configuration.http, responder: web)
        serverStats.attach(server)
        return server
    }
}

/// Errors from the store that are not bugs: a busy database is a 503 with Retry-After, a constraint
/// that slipped past validation a 409 — never a 500 for a client to puzzle over.
enum StoreErrorTranslation {
    static func translate(_ error: any Error) -> APIError? {
        guard let error = error as? StoreError else { return nil }
        if error.isBusy { return .serviceUnavailable(retryAfterSeconds: 1) }
        if error.isUniqueViolation {
            return .conflict(LocalizedText(en: "This conflicts with an existing record.", ko: "기존 데이터와 충돌합니다."), code: "duplicate")
        }
        return nil
    }
}
