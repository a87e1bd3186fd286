import Foundation

/// Applies registered migrations in registration order, each exactly once, each in its own
/// BEGIN IMMEDIATE transaction together with its row in `schema_migrations`: a migration is either
/// applied and recorded, or neither.
public struct Migrator: Sendable {
    public static let tableName = "schema_migrations"

    private var migrations: [Migration] = []

    public init() {}

    /// The registered migration names, in order.
    public var migrationNames: [String] { migrations.map(\.name) }

    /// Appends a migration. Names are unique: a duplicate is a programmer error caught at startup.
    public mutating func register(_ migration: Migration) {
        precondition(
            !migrations.contains { $0.name == migration.name },
            "migration \"\(migration.name)\" is registered twice")
        migrations.append(migration)
    }

    /// Applies the pending migrations and returns their names; a second run applies nothing.
    ///
    /// Foreign keys are switched off during migrations and checked before each commit, as SQLite
    /// prescribes for schema changes that rebuild a table (https://www.sqlite.org/lang_altertable.html#otheralter):
    /// `PRAGMA foreign_keys` is a no-op inside a transaction, so it is set around them.
    @discardableResult
    public func migrate(_ database: Database) throws -> [String] {
        try database.writeWithoutTransaction { connection in
            try createTable(connection)
            let alreadyApplied = try appliedNames(connection)
            let pending = migrations.filter { !alreadyApplied.contains($0.name) }
            guard !pending.isEmpty else { return [] }

            try connection.execute("PRAGMA foreign_keys = OFF")
            let applied: [String]
            do {
                applied = try apply(pending, connection)
            } catch {
                try? restoreForeignKeys(connection)
                throw error
            }
            try restoreForeignKeys(connection)
            return applied
        }
    }

    private func apply(_ pending: [Migration], _ connection: Connection) throws -> [String] {
        var names: [String] = []
        for migration in pending {
            let didApply = try connection.transaction(.immediate) { () throws -> Bool in
                // Another process may have applied it since the list was read.
                guard try !isApplied(migration.name, connection) else { return false }
                try migration.apply(connection)
                try checkForeignKeys(after: migration, connection)
                try connection.execute(
                    "INSERT INTO \(Self.tableName) (name, applied_at) VALUES (?, ?)",
                    [.text(migration.name), .text(Self.timestamp())])
                return true
            }
            if didApply { names.append(migration.name) }
        }
        return names
    }

    /// The writer must never go back to serving with foreign keys off, so the pragma's effect is read back.
    private func restoreForeignKeys(_ connection: Connection) throws {
        connection.rollbackIgnoringErrors()
        try connection.execute("PRAGMA foreign_keys = ON")
        guard try connection.scalar("PRAGMA foreign_keys").intValue == 1 else {
            throw StoreError.misuse("foreign keys could not be switched back on after migrating")
        }
    }

    /// The registered migrations not yet applied, in order.
    public func pendingMigrations(_ database: Database) throws -> [String] {
        try database.read { connection in
            let tableExists =
                try connection.scalar(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?",
                    [.text(Self.tableName)]
                ).int64Value ?? 0
            let applied = tableExists > 0 ? try appliedNames(connection) : []
            return migrations.map(\.name).filter { !applied.contains($0) }
        }
    }

    /// The names recorded as applied, including ones this migrator does not know (a newer binary's).
    public func appliedMigrations(_ database: Database) throws -> [String] {
        try database.read { connection in
            let tableExists =
                try connection.scalar(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?",
                    [.text(Self.tableName)]
                ).int64Value ?? 0
            guard tableExists > 0 else { return [] }
            return try connection.query("SELECT name FROM \(Self.tableName) ORDER BY rowid")
                .compactMap { $0.string(0) }
        }
    }

    // MARK: - Bookkeeping

    private func createTable(_ connection: Connection) throws {
        try connection.execute(
            "CREATE TABLE IF NOT EXISTS \(Self.tableName) (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)")
    }

    private func appliedNames(_ connection: Connection) throws -> Set<String> {
        var names = Set<String>()
        try connection.forEach("SELECT name FROM \(Self.tableName)") { row in
            if let name = row.string(0) { names.insert(name) }
        }
        return names
    }

    private func isApplied(_ name: String, _ connection: Connection) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM \(Self.tableName) WHERE name = ?", [.text(name)]) != nil
    }

    private func checkForeignKeys(after migration: Migration, _ connection: Connection) throws {
        guard let violation = try connection.queryOne("PRAGMA foreign_key_check") else { return }
        throw StoreError(
            code: ResultCode.constraintForeignKey,
            message: "migration \"\(migration.name)\" leaves a foreign key violation in table "
                + "\(violation.string("table") ?? "?") (rowid \(violation["rowid"]), parent \(violation.string("parent") ?? "?"))",
            sql: "PRAGMA foreign_key_check")
    }

    /// RFC 3339 in UTC, like every time this project stores.
    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
