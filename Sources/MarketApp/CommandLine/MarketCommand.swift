import Buyer
import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// The `marketplace` command line: `serve`, `migrate`, `operator create`, `backup`.
public enum MarketCommand {
    /// Runs the command and returns the process exit status.
    public static func run(arguments: [String], environment: [String: String]) -> Int32 {
        var args = arguments[...]
        let command = args.first.map { $0.hasPrefix("-") ? "serve" : $0 } ?? "serve"
        if args.first == command { args = args.dropFirst() }
        if args.contains("--help") || args.contains("-h") || command == "help" {
            say(AppConfiguration.help)
            return 0
        }
        do {
            switch command {
            case "serve":
                return try serve(Array(args), environment)
            case "migrate":
                var configuration = AppConfiguration()
                try configuration.apply(environment: environment, arguments: Array(args))
                let app = try MarketApplication(configuration: configuration)
                let names = Migrator.appliedCount(app)
                say("database \(configuration.databasePath) is migrated (\(names) migrations applied in total)")
                app.services.database.close()
                return 0
            case "operator":
                guard args.first == "create" else { throw AppConfiguration.Problem.invalid("usage: marketplace operator create --email E --password P") }
                var rest = Array(args.dropFirst())
                let email = try take("--email", from: &rest)
                let password = try take("--password", from: &rest)
                let name = (try? take("--name", from: &rest)) ?? "Operator"
                var configuration = AppConfiguration()
                try configuration.apply(environment: environment, arguments: rest)
                let app = try MarketApplication(configuration: configuration)
                let created = try Accounts(services: app.services).ensureOperator(email: email, password: password, name: name)
                say(created ? "operator \(email) created" : "operator \(email) already exists")
                app.services.database.close()
                return 0
            case "backup":
                var rest = Array(args)
                let target = try take("--to", from: &rest)
                var configuration = AppConfiguration()
                try configuration.apply(environment: environment, arguments: rest)
                // Opens the same file the server uses (WAL allows it while the server runs) and copies a
                // consistent snapshot with SQLite's online backup API.
                var storeConfiguration = StoreConfiguration(path: configuration.databasePath)
                storeConfiguration.readerCount = 1
                let database = try Database(configuration: storeConfiguration)
                try database.backup(to: target)
                database.close()
                say("backed up \(configuration.databasePath) to \(target)")
                return 0
            default:
                throw AppConfiguration.Problem.invalid("unknown command \(command) (see --help)")
            }
        } catch let error as APIError {
            FileHandle.standardError.write(Data("marketplace: \(error.detail?.en ?? error.title.en) \(error.errors.map { "\($0.field): \($0.message.en)" }.joined(separator: "; "))\n".utf8))
            return 2
        } catch {
            FileHandle.standardError.write(Data("marketplace: \(error)\n".utf8))
            return 2
        }
    }

    private static func take(_ flag: String, from args: inout [String]) throws -> String {
        guard let index = args.firstIndex(of: flag), index + 1 < args.count else {
            throw AppConfiguration.Problem.invalid("\(flag) is required")
        }
        let value = args[index + 1]
        args.removeSubrange(index...(index + 1))
        return value
    }

    private static func serve(_ args: [String], _ environment: [String: String]) throws -> Int32 {
        var configuration = AppConfiguration()
        try configuration.apply(environment: environment, arguments: args)
        let app = try MarketApplication(configuration: configuration)
        if configuration.demo {
            // A demo that cannot load completely still leaves a usable server; say what failed.
            do {
                say(try DemoData(services: app.services, responder: app.web).loadOnce())
            } catch {
                FileHandle.standardError.write(Data("marketplace: demo data incomplete: \(error)\n".utf8))
            }
        }
        let server = app.makeServer()
        try server.start()
        server.shutdownOnSignals()
        app.webhooks.start()
        app.recurringOrders.start()
        // The search's in-memory columns load in the background rather than on the first buyer's search.
        let services = app.services
        Thread.detachNewThread { try? CatalogWarmUp.run(services) }
        say("marketplace serving on http://\(configuration.http.host):\(server.port) (database \(configuration.databasePath), synchronous=\(configuration.synchronous.rawValue))")
        server.waitUntilStopped()
        app.webhooks.stop()
        app.recurringOrders.stop()
        app.services.database.close()
        say("marketplace stopped cleanly")
        return 0
    }
}

/// Writes a line to standard output unbuffered, so banners appear at once under a pipe or a CI log.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

extension Migrator {
    static func appliedCount(_ app: MarketApplication) -> Int {
        (try? app.services.database.read { db in try db.scalar("SELECT count(*) FROM schema_migrations").int64Value }).flatMap { $0 }.map(Int.init) ?? 0
    }
}
