/// One named, append-only schema change: SQL statements or a closure over the connection.
/// Once released, a migration is never edited; a later migration changes what it did.
public struct Migration: Sendable {
    enum Body: Sendable {
        case script(String)
        case closure(@Sendable (Connection) throws -> Void)
    }

    public let name: String
    let body: Body

    public init(_ name: String, _ sql: String) {
        self.name = name
        self.body = .script(sql)
    }

    public init(_ name: String, _ body: @escaping @Sendable (Connection) throws -> Void) {
        self.name = name
        self.body = .closure(body)
    }

    func apply(_ connection: Connection) throws {
        switch body {
        case .script(let sql): try connection.executeScript(sql)
        case .closure(let closure): try closure(connection)
        }
    }
}
