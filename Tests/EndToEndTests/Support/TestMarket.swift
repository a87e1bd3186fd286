import Foundation
import HTTPServer
import MarketApp
import MarketCore
import Store
import Web
import XCTest

/// A whole marketplace for one test: a fresh SQLite file, every migration, a manual clock, cheap
/// password hashing, and a client that goes through the router in-process (`TestMarket()`) or over a
/// real socket to a server on a loopback port (`TestMarket(live: true)`).
final class TestMarket: @unchecked Sendable {
    let app: MarketApplication
    let clock: ManualClock
    let directory: URL
    private(set) var server: HTTPServer?
    /// Anonymous client; use `client.authorized(token)` for a signed-in one.
    let client: TestClient

    init(live: Bool = false, configure: (inout AppConfiguration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("market-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = AppConfiguration()
        configuration.databasePath = directory.appendingPathComponent("test.sqlite").path
        configuration.accessLog = false
        configuration.synchronous = .normal
        configuration.market.passwordHasher = .init(iterations: 1000)
        configuration.publicDirectory = TestMarket.repositoryRoot.appendingPathComponent("Public").path
        configuration.http.port = 0
        configuration.http.workerThreads = 8
        configure(&configuration)
        clock = ManualClock(Date(timeIntervalSince1970: 1_793_000_000))  // 2026-10-26
        app = try MarketApplication(configuration: configuration, clock: clock)
        if live {
            let server = app.makeServer()
            try server.start()
            self.server = server
            client = TestClient(transport: LiveTransport(host: "127.0.0.1", port: server.port))
        } else {
            client = TestClient(responder: app.web)
        }
    }

    deinit {
        server?.shutdown()
        server?.waitUntilStopped()
        app.services.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    // MARK: - Accounts

    struct Account {
        let organizationID: String
        let userID: String
        let email: String
        let token: String
        let client: TestClient
    }

    private static let counter = Mutex<Int>(0)
    static func uniqueEmail(_ prefix: String) -> String {
        let n = counter.withLock { value -> Int in
            value += 1
            return value
        }
        return "\(prefix)\(n)-\(UUID().uuidString.prefix(6).lowercased())@example.com"
    }

    static let password = "correct horse battery staple"

    /// Signs up an organization through the API and logs its admin in.
    func signUp(_ kind: OrganizationKind, name: String? = nil, currency: String = "USD", country: String = "US", file: StaticString = #filePath, line: UInt = #line) throws -> Account {
        let email = Self.uniqueEmail(kind.rawValue)
        let response = try client.post("/v1/organizations", json: [
            "kind": .string(kind.rawValue), "name": .string(name ?? "\(kind.rawValue) \(email.prefix(12))"),
            "country": .string(country), "default_currency": .string(currency),
            "admin": ["email": .string(email), "password": .string(Self.password), "name": "Admin"],
        ])
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        let orgID = response.json["organization"]?["id"]?.stringValue ?? ""
        let userID = response.json["user"]?["id"]?.stringValue ?? ""
        return try login(email: email, organizationID: orgID, userID: userID, file: file, line: line)
    }

    func login(email: String, password: String = TestMarket.password, organizationID: String = "", userID: String = "", file: StaticString = #filePath, line: UInt = #line) throws -> Account {
        let response = try client.post("/v1/auth/tokens", json: ["email": .string(email), "password": .string(password)])
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        let token = response.json["token"]?.stringValue ?? ""
        return Account(
            organizationID: response.json["organization"]?["id"]?.stringValue ?? organizationID,
            userID: response.json["user"]?["id"]?.stringValue ?? userID, email: email, token: token,
            client: client.authorized(token))
    }

    /// A user with the given roles in an existing organization, logged in.
    func addUser(to admin: Account, roles: [Role], file: StaticString = #filePath, line: UInt = #line) throws -> Account {
        let email = Self.uniqueEmail("user")
        let response = try admin.client.post("/v1/organizations/\(admin.organizationID)/users", json: [
            "email": .string(email), "name": "Member", "password": .string(Self.password),
            "roles": .array(roles.map { .string($0.rawValue) }),
        ])
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return try login(email: email, file: file, line: line)
    }

    /// The operator (created as on first start from the environment), logged in.
    func operatorAccount() throws -> Account {
        let email = "operator@marketplace.test"
        try Accounts(services: app.services).ensureOperator(email: email, password: Self.password)
        return try login(email: email)
    }

    /// Sets a supplier's status directly (the operator routes do the same through the API).
    func setStatus(_ organizationID: String, _ status: OrganizationStatus) throws {
        try app.services.database.write { db in
            try db.execute("UPDATE organizations SET status = ? WHERE id = ?", [.text(status.rawValue), .text(organizationID)])
        }
    }

    /// A supplier signed up and approved.
    func activeSupplier(name: String? = nil, currency: String = "USD", country: String = "US") throws -> Account {
        let account = try signUp(.supplier, name: name, currency: currency, country: country)
        try setStatus(account.organizationID, .active)
        return account
    }
}

import Synchronization
