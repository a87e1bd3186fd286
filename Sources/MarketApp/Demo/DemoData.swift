import Foundation
import MarketCore
import Store
import Web

/// `serve --demo`: a marketplace to explore, loaded once (a marker row prevents a second load).
/// Everything goes through the same account code the API uses.
public struct DemoData: Sendable {
    let services: MarketServices

    public init(services: MarketServices) { self.services = services }

    public static let password = "demo-password-2026"

    /// Loads the demo data unless it is already there; returns the logins to print.
    public func loadOnce() throws -> String {
        let accounts = Accounts(services: services)
        let already = try services.database.read { db in
            try db.queryOne("SELECT 1 FROM users WHERE email = 'operator@demo.market'") != nil
        }
        if !already {
            try accounts.ensureOperator(email: "operator@demo.market", password: Self.password, name: "Demo Operator")
            let hash = services.settings.passwordHasher.hash(Self.password)
            try services.database.write { db in
                for (kind, name, country, currency, email, status) in Self.organizations {
                    let orgID = try accounts.createOrganization(
                        db, .init(kind: kind, name: name, country: country, defaultCurrency: Currency(code: currency) ?? .usd, status: status))
                    _ = try accounts.createUser(db, organizationID: orgID, email: email, name: name + " admin", passwordHash: hash, roles: Set(kind.roles))
                }
            }
        }
        return """
            Demo logins (password: \(Self.password)):
              operator  operator@demo.market
            \(Self.organizations.map { "  \($0.0.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \($0.4)  (\($0.1))" }.joined(separator: "\n"))
            """
    }

    static let organizations: [(OrganizationKind, String, String, String, String, OrganizationStatus)] = [
        (.supplier, "Hanil Fasteners", "KR", "KRW", "sales@hanil.demo", .active),
        (.supplier, "Rhein Industrial GmbH", "DE", "EUR", "sales@rhein.demo", .active),
        (.supplier, "Pacific Supply Co", "US", "USD", "sales@pacific.demo", .active),
        (.buyer, "Daehan Construction", "KR", "KRW", "buyer@daehan.demo", .active),
        (.buyer, "Midwest Builders", "US", "USD", "buyer@midwest.demo", .active),
    ]
}
