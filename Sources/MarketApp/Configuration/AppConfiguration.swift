import Foundation
import HTTPServer
import MarketCore
import Store

/// Everything `marketplace serve` can be told, from flags or `MARKETPLACE_*` environment variables
/// (flags win). `--help` prints `AppConfiguration.help`.
public struct AppConfiguration: Sendable {
    public var http = HTTPServerConfiguration()
    public var databasePath = "var/marketplace.sqlite"
    public var synchronous: StoreConfiguration.Synchronous = .full
    /// The most reader connections; they open on demand, so an idle server holds one. More than a few
    /// does not pay on a small machine: each connection maps and caches the file on its own, so every one
    /// added costs page faults and memory while the cores stay the limit (measured with 2, 4 and 16).
    public var readerConnections = 4
    /// How much of the database file connections map into memory (`StoreConfiguration.mmapSizeBytes`).
    public var mmapMiB = Int(StoreConfiguration(path: "").mmapSizeBytes >> 20)
    public var demo = false
    public var accessLog = true
    public var publicDirectory = "Public"
    public var maxBodyBytes = 1 << 20
    public var market = MarketSettings()
    public var operatorEmail: String?
    public var operatorPassword: String?

    public init() {}

    public static let help = """
        marketplace — the B2B marketplace server

        USAGE
          marketplace serve [--host H] [--port P] [--database PATH] [--demo] [options]
          marketplace migrate --database PATH
          marketplace operator create --email E --password P [--name N] [--database PATH]
          marketplace backup --to FILE [--database PATH]

        SERVE OPTIONS (environment variable in brackets)
          --host H                 address to bind [MARKETPLACE_HOST] (127.0.0.1)
          --port P                 port; 0 picks a free one [MARKETPLACE_PORT] (8080)
          --database PATH          SQLite file, created and migrated on first start [MARKETPLACE_DATABASE] (var/marketplace.sqlite)
          --demo                   load demo data once (suppliers, buyers, listings, RFQs, orders) [MARKETPLACE_DEMO=1]
          --public DIR             portal files [MARKETPLACE_PUBLIC] (Public)
          --synchronous MODE       SQLite durability: full (default, money-safe), normal, extra [MARKETPLACE_SYNCHRONOUS]
          --readers N              most reader connections, opened on demand [MARKETPLACE_READERS] (4)
          --mmap-mib N             MiB of the database file read through mmap, 0 for none [MARKETPLACE_MMAP_MIB] (\(AppConfiguration().mmapMiB))
          --event-loops N          epoll loops, 0 = one per core [MARKETPLACE_EVENT_LOOPS] (0)
          --workers N              threads for handlers that touch the database [MARKETPLACE_WORKERS] (16)
          --max-connections N      [MARKETPLACE_MAX_CONNECTIONS] (16384)
          --max-header-bytes N     request line + headers [MARKETPLACE_MAX_HEADER_BYTES] (16384)
          --max-body-bytes N       JSON bodies; imports allow 64 MiB [MARKETPLACE_MAX_BODY_BYTES] (1048576)
          --header-timeout S       seconds to send a request head [MARKETPLACE_HEADER_TIMEOUT] (10)
          --idle-timeout S         seconds a keep-alive connection may idle [MARKETPLACE_IDLE_TIMEOUT] (75)
          --no-access-log          disable the JSON access log on stderr [MARKETPLACE_ACCESS_LOG=0]
          --password-iterations N  PBKDF2 iterations for new hashes [MARKETPLACE_PASSWORD_ITERATIONS] (600000)

        WEBHOOKS
          MARKETPLACE_WEBHOOKS_ALLOW_PRIVATE=1  allow subscriber URLs on loopback/private networks (development;
                                                refused by default against server-side request forgery)
          MARKETPLACE_WEBHOOKS_WORKERS=N        delivery threads (4)
          MARKETPLACE_WEBHOOKS_CA_FILE=PATH     PEM bundle trusted for https receivers instead of the system store

        PAYMENTS
          MARKETPLACE_PAYMENT_PROVIDER_SECRET=S  the secret the payment provider signs POST /v1/payments/callback with
                                                (Marketplace-Signature, HMAC-SHA256); unset, that route answers 503

        FIRST OPERATOR
          MARKETPLACE_OPERATOR_EMAIL and MARKETPLACE_OPERATOR_PASSWORD create the first operator on start
          if none exists. MARKETPLACE_BASE_CURRENCY (USD) is the base for cross rates and KPIs.
        """

    public enum Problem: Error, CustomStringConvertible {
        case invalid(String)
        public var description: String {
            switch self { case .invalid(let message): message }
        }
    }

    /// Applies environment variables, then flags. Unknown flags are an error (typos should not be ignored).
    public mutating func apply(environment: [String: String], arguments: [String]) throws {
        var env = environment
        func take(_ name: String) -> String? { env.removeValue(forKey: name) }
        if let v = take("MARKETPLACE_HOST") { http.host = v }
        if let v = take("MARKETPLACE_PORT") { http.port = try Self.int(v, "MARKETPLACE_PORT", 0...65535) }
        if let v = take("MARKETPLACE_DATABASE") { databasePath = v }
        if let v = take("MARKETPLACE_DEMO") { demo = v == "1" || v == "true" }
        if let v = take("MARKETPLACE_PUBLIC") { publicDirectory = v }
        if let v = take("MARKETPLACE_SYNCHRONOUS") { synchronous = try Self.synchronous(v) }
        if let v = take("MARKETPLACE_READERS") { readerConnections = try Self.int(v, "MARKETPLACE_READERS", 1...64) }
        if let v = take("MARKETPLACE_MMAP_MIB") { mmapMiB = try Self.int(v, "MARKETPLACE_MMAP_MIB", 0...1 << 20) }
        if let v = take("MARKETPLACE_EVENT_LOOPS") { http.eventLoops = try Self.int(v, "MARKETPLACE_EVENT_LOOPS", 0...64) }
        if let v = take("MARKETPLACE_WORKERS") { http.workerThreads = try Self.int(v, "MARKETPLACE_WORKERS", 1...512) }
        if let v = take("MARKETPLACE_MAX_CONNECTIONS") { http.maxConnections = try Self.int(v, "MARKETPLACE_MAX_CONNECTIONS", 1...1_000_000) }
        if let v = take("MARKETPLACE_MAX_HEADER_BYTES") { http.maxHeaderBytes = try Self.int(v, "MARKETPLACE_MAX_HEADER_BYTES", 1024...1 << 20) }
        if let v = take("MARKETPLACE_MAX_BODY_BYTES") { maxBodyBytes = try Self.int(v, "MARKETPLACE_MAX_BODY_BYTES", 1024...1 << 30) }
        if let v = take("MARKETPLACE_HEADER_TIMEOUT") { http.headerTimeoutSeconds = Double(try Self.int(v, "MARKETPLACE_HEADER_TIMEOUT", 1...3600)) }
        if let v = take("MARKETPLACE_IDLE_TIMEOUT") { http.idleTimeoutSeconds = Double(try Self.int(v, "MARKETPLACE_IDLE_TIMEOUT", 1...86_400)) }
        if let v = take("MARKETPLACE_ACCESS_LOG") { accessLog = !(v == "0" || v == "false") }
        if let v = take("MARKETPLACE_PASSWORD_ITERATIONS") {
            market.passwordHasher = .init(iterations: try Self.int(v, "MARKETPLACE_PASSWORD_ITERATIONS", 1000...10_000_000))
        }
        if let v = take("MARKETPLACE_BASE_CURRENCY") {
            guard Currency(code: v) != nil else { throw Problem.invalid("MARKETPLACE_BASE_CURRENCY: \(v) is not an ISO 4217 code") }
            market.baseCurrency = v
        }
        if let v = take("MARKETPLACE_WEBHOOKS_ALLOW_PRIVATE") { market.webhooks.allowPrivateAddresses = v == "1" || v == "true" }
        if let v = take("MARKETPLACE_WEBHOOKS_WORKERS") { market.webhooks.workerThreads = try Self.int(v, "MARKETPLACE_WEBHOOKS_WORKERS", 1...64) }
        if let v = take("MARKETPLACE_WEBHOOKS_CA_FILE") { market.webhooks.caFile = v }
        if let v = take("MARKETPLACE_PAYMENT_PROVIDER_SECRET"), !v.isEmpty { market.paymentProviderSecret = v }
        operatorEmail = take("MARKETPLACE_OPERATOR_EMAIL")
        operatorPassword = take("MARKETPLACE_OPERATOR_PASSWORD")

        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let v = rest.popFirst() else { throw Problem.invalid("\(flag) needs a value") }
            return v
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--host": http.host = try value(flag)
            case "--port": http.port = try Self.int(try value(flag), flag, 0...65535)
            case "--database": databasePath = try value(flag)
            case "--demo": demo = true
            case "--public": publicDirectory = try value(flag)
            case "--synchronous": synchronous = try Self.synchronous(try value(flag))
            case "--readers": readerConnections = try Self.int(try value(flag), flag, 1...64)
            case "--mmap-mib": mmapMiB = try Self.int(try value(flag), flag, 0...1 << 20)
            case "--event-loops": http.eventLoops = try Self.int(try value(flag), flag, 0...64)
            case "--workers": http.workerThreads = try Self.int(try value(flag), flag, 1...512)
            case "--max-connections": http.maxConnections = try Self.int(try value(flag), flag, 1...1_000_000)
            case "--max-header-bytes": http.maxHeaderBytes = try Self.int(try value(flag), flag, 1024...1 << 20)
            case "--max-body-bytes": maxBodyBytes = try Self.int(try value(flag), flag, 1024...1 << 30)
            case "--header-timeout": http.headerTimeoutSeconds = Double(try Self.int(try value(flag), flag, 1...3600))
            case "--idle-timeout": http.idleTimeoutSeconds = Double(try Self.int(try value(flag), flag, 1...86_400))
            case "--no-access-log": accessLog = false
            case "--password-iterations":
                market.passwordHasher = .init(iterations: try Self.int(try value(flag), flag, 1000...10_000_000))
            default: throw Problem.invalid("unknown option \(flag) (see --help)")
            }
        }
    }

    static func int(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let n = Int(text), range.contains(n) else { throw Problem.invalid("\(name) must be a whole number in \(range)") }
        return n
    }

    static func synchronous(_ text: String) throws -> StoreConfiguration.Synchronous {
        guard let mode = StoreConfiguration.Synchronous(rawValue: text.lowercased()) else {
            throw Problem.invalid("--synchronous must be off, normal, full or extra")
        }
        return mode
    }
}
