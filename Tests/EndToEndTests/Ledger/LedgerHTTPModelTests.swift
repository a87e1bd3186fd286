import Foundation
import HTTPServer
import MarketCore
import Store
import Web
import XCTest

/// The model-based ledger test through the real routes and SQLite: random sequences of checkouts in mixed
/// currencies, approvals, deliveries, partial returns, rate changes, settlement runs, payouts and retried
/// requests, each sequence in a fresh marketplace. After every operation the ledger (read through
/// `GET /v1/admin/ledger/balances`) must equal what the business facts in the database say, statements
/// must be the sums of their lines at the locked rates, and a retried request must change nothing.
///
/// The 10,000-sequence run is `MarketCoreTests.LedgerModelPropertyTests` (pure, same posting code); this one
/// proves the store and the routes behave like it. `LEDGER_HTTP_SEQUENCES` sets the count (default 40);
/// a failure prints `PROPERTY_SEED=<seed>`, which replays it.
final class LedgerHTTPModelTests: XCTestCase {
    static let currencies = ["USD", "EUR", "KRW", "JPY", "KWD"]

    func testRandomSequencesThroughTheAPI() throws {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["LEDGER_HTTP_SEQUENCES"].flatMap { Int($0) } ?? 40
        let seed = environment["PROPERTY_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: .min ... .max)
        var seeds = SeededGenerator(seed: seed)
        let started = Date()
        var operations = 0
        var tally = [String: Int]()
        for index in 0..<count {
            let sequenceSeed = seeds.next()
            var run = try Sequence(seed: sequenceSeed)
            do {
                operations += try run.play()
                for line in run.trace {
                    let words = line.split(separator: " ")
                    let kind = (words.first == "retry" ? "retry " : "") + (words.first { $0 != "retry" } ?? "")
                    tally["\(kind) \(words.last ?? "")", default: 0] += 1
                }
                tally["late return"] = (tally["late return"] ?? 0) + run.lateReturns.count
            } catch {
                XCTFail("""
                    ledger HTTP sequence \(index) failed: \(error)
                    last operations:
                    \(run.trace.suffix(12).joined(separator: "\n"))
                    — replay with PROPERTY_SEED=\(seed) (sequence seed \(sequenceSeed))
                    """)
                return
            }
        }
        print("ledger HTTP model: \(count) sequences, \(operations) operations in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        print("  " + tally.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// One random sequence against its own marketplace.
    struct Sequence {
        var g: SeededGenerator
        let f: OrderFixture
        let approver: TestMarket.Account
        var suppliers: [TestMarket.Account] = []
        var listings: [(id: String, supplier: Int)] = []
        var orders: [String] = []
        var statements: [String] = []
        var trace: [String] = []
        /// Returns made after their order was settled (they go to the supplier's receivable).
        var lateReturns = Set<String>()
        var last: Request?

        /// A request that can be sent again exactly as it was.
        struct Request {
            let account: TestMarket.Account
            let method: HTTPMethod
            let path: String
            let body: JSON?
            let key: String?
            let description: String
        }

        init(seed: UInt64) throws {
            g = SeededGenerator(seed: seed)
            f = try OrderFixture()
            approver = try f.market.addUser(to: f.buyer, roles: [.approver])
            try f.market.createFeeRule(f.admin, ["scope": "default", "percent": "7.5", "fixed_fee": money("0.30", "USD")])
            for quote in LedgerHTTPModelTests.currencies.dropFirst() {
                try f.market.createFXRate(f.admin, base: "USD", quote: quote, rate: Self.rate(quote, &g))
            }
            try f.allowNetTerms()
            let rules = try f.buyer.client.put("/v1/buyer/approval-rules", json: [["min_total": money("2500.00", "USD")]])
            guard rules.status == 200 else { throw Failure(description: "approval rules: \(rules.text)") }
            for _ in 0..<2 {
                let payout = LedgerHTTPModelTests.currencies[Int.random(in: 0..<5, using: &g)]
                let supplier = try f.market.activeSupplier(currency: payout)
                suppliers.append(supplier)
                for _ in 0..<2 {
                    let currency = LedgerHTTPModelTests.currencies[Int.random(in: 0..<5, using: &g)]
                    let price = Self.price(currency, &g)
                    listings.append((try f.listing(supplier, price: price, currency: currency, stock: 1_000_000), suppliers.count - 1))
                }
            }
        }

        /// A plausible USD→quote rate with up to 4 decimals.
        static func rate(_ quote: String, _ g: inout SeededGenerator) -> String {
            let base: Int64 = switch quote {
            case "EUR": 9_000
            case "KRW": 13_500_000
            case "JPY": 1_500_000
            default: 3_070
            }
            let value = base + Int64.random(in: -(base / 10)...(base / 10), using: &g)
            let scale: Int64 = quote == "KWD" ? 10_000 : 10_000
            return "\(value / scale).\(String(format: "%04lld", value % scale))"
        }

        /// A unit price in `currency` with as many decimals as it allows, or more (unit prices may carry 6).
        static func price(_ currency: String, _ g: inout SeededGenerator) -> String {
            switch currency {
            case "KRW", "JPY": "\(Int.random(in: 50...50_000, using: &g))"
            case "KWD": "\(Int.random(in: 0...30, using: &g)).\(String(format: "%03d", Int.random(in: 1...999, using: &g)))"
            default: "\(Int.random(in: 0...200, using: &g)).\(String(format: "%02d", Int.random(in: 1...99, using: &g)))5"
            }
        }

        // MARK: - Playing

        mutating func play() throws -> Int {
            let length = Int.random(in: 6...20, using: &g)
            for _ in 0..<length {
                if let previous = last, Int.random(in: 0..<5, using: &g) == 0 {
                    let before = try snapshot()
                    let first = previous.key == nil ? nil : try send(previous)
                    let again = try send(previous)
                    trace.append("retry \(previous.description) → \(again.status)")
                    // A stored answer replays byte for byte; a refused request (not stored) is refused again.
                    if previous.key != nil, let first {
                        guard again.status == first.status, first.status >= 400 || again.body == first.body else {
                            throw Failure(description: "a replayed \(previous.description) answered differently")
                        }
                    }
                    if previous.key == nil, previous.path == "/v1/admin/settlements" {
                        // Naturally idempotent: everything was settled by the first run.
                        guard again.status == 200, again.json["settlements"] == [] else {
                            throw Failure(description: "a second settlement run issued statements again: \(again.text)")
                        }
                    } else if previous.key == nil, again.status < 400 {
                        throw Failure(description: "retrying \(previous.description) without a key succeeded again: \(again.status)")
                    }
                    guard try snapshot() == before else { throw Failure(description: "retrying \(previous.description) changed the ledger or the records") }
                } else {
                    try step()
                }
                f.market.clock.advance(seconds: TimeInterval(Int.random(in: 0...1800, using: &g)))
                try checkInvariants()
            }
            // Close the period: settle what is left and pay every statement, checking after each step.
            let response = try perform(Request(account: f.admin, method: .post, path: "/v1/admin/settlements",
                                               body: ["period_end": .string(Timestamp.format(f.market.clock.now()))], key: nil,
                                               description: "settle"), expect: [200, 201])
            statements += (response.json["settlements"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            try checkInvariants()
            let unpaid = try f.market.app.services.database.read { db in
                try db.query("SELECT s.id FROM settlements s LEFT JOIN settlement_payouts p ON p.settlement_id = s.id WHERE p.settlement_id IS NULL")
                    .compactMap { $0.string("id") }
            }
            for id in unpaid {
                try perform(Request(account: f.admin, method: .post, path: "/v1/admin/settlements/\(id)/paid", body: ["reference": "WIRE-9"],
                                    key: nil, description: "pay \(id)"), expect: [200])
                try checkInvariants()
            }
            return length + 1 + unpaid.count
        }

        private func send(_ request: Request) throws -> TestResponse {
            var headers = HTTPHeaders()
            if let key = request.key { headers.set("Idempotency-Key", key) }
            if let body = request.body { return try request.account.client.send(request.method, request.path, json: body, headers: headers) }
            return try request.account.client.send(request.method, request.path, headers: headers)
        }

        /// Sends a request, records it as the one a retry may repeat, and returns the answer.
        @discardableResult
        private mutating func perform(_ request: Request, expect statuses: Set<Int>) throws -> TestResponse {
            let response = try send(request)
            trace.append("\(request.description) → \(response.status)")
            guard statuses.contains(response.status) else {
                throw Failure(description: "\(request.description): \(response.status) \(response.text)")
            }
            last = request
            return response
        }

        private mutating func key(_ withKey: Bool) -> String? { withKey ? "k-\(g.next())" : nil }

        /// Mostly an order in a status where `action` applies (a random one otherwise, for the refusals).
        private mutating func pick(_ statuses: [String]) throws -> Int? {
            guard !orders.isEmpty else { return nil }
            if Int.random(in: 0..<5, using: &g) > 0 {
                let list = statuses.map { "'\($0)'" }.joined(separator: ",")
                let ids = try f.market.app.services.database.read { db in
                    try db.query("SELECT id FROM orders WHERE status IN (\(list)) ORDER BY id").compactMap { $0.string("id") }
                }
                if !ids.isEmpty, let index = orders.firstIndex(of: ids[Int.random(in: 0..<ids.count, using: &g)]) { return index }
            }
            return Int.random(in: 0..<orders.count, using: &g)
        }

        private mutating func step() throws {
            let roll = Int.random(in: 0..<100, using: &g)
            let orderIndex: Int? = switch roll {
            case 25..<32: try pick(["pending_approval"])
            case 32..<52: try pick(["placed"])
            case 52..<68: try pick(["delivered", "partially_returned", "completed"])
            default: nil
            }
            switch roll {
            case 0..<25:
                let listing = listings[Int.random(in: 0..<listings.count, using: &g)]
                let currency = LedgerHTTPModelTests.currencies[Int.random(in: 0..<5, using: &g)]
                let body: JSON = [
                    "currency": .string(currency), "payment_terms": "net_30", "shipping_address": OrderFixture.address,
                    "lines": [["product_id": .string(listing.id), "quantity": .int(Int.random(in: 1...60, using: &g))]],
                ]
                let response = try perform(Request(account: f.buyer, method: .post, path: "/v1/buyer/orders", body: body, key: key(true),
                                                   description: "checkout \(currency)"), expect: [201])
                orders += (response.json["orders"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            case 25..<32:
                guard let orderIndex else { return }
                try perform(Request(account: approver, method: .post, path: "/v1/buyer/orders/\(orders[orderIndex])/approve", body: nil,
                                    key: nil, description: "approve \(orderIndex)"), expect: [200, 409])
            case 32..<52:
                guard let orderIndex else { return }
                let id = orders[orderIndex]
                let owner = try supplier(of: id)
                _ = try send(Request(account: owner, method: .post, path: "/v1/seller/orders/\(id)/confirm", body: nil, key: nil, description: ""))
                _ = try send(Request(account: owner, method: .post, path: "/v1/seller/orders/\(id)/ship",
                                     body: ["carrier": "CJ", "tracking_number": "1"], key: nil, description: ""))
                try perform(Request(account: owner, method: .post, path: "/v1/seller/orders/\(id)/deliver", body: nil, key: nil,
                                    description: "deliver \(orderIndex)"), expect: [200, 404, 409])   // 404: waits for approval
            case 52..<68:
                guard let orderIndex else { return }
                let id = orders[orderIndex]
                let facts = try f.market.app.services.database.read { db in
                    try db.queryOne("SELECT id, quantity - returned_quantity AS left FROM order_lines WHERE order_id = ? ORDER BY position", [.text(id)])
                }
                guard let lineID = facts?.string("id") else { return }
                let left = max(1, Int(facts?.int64("left") ?? 1))
                let settled = try isSettled(id)
                let response = try perform(Request(
                    account: f.buyer, method: .post, path: "/v1/buyer/orders/\(id)/returns",
                    body: ["lines": [["line_id": .string(lineID), "quantity": .int(Int.random(in: 1...left, using: &g))]], "reason": "damaged"],
                    key: key(true), description: "return from \(orderIndex)"), expect: [201, 409, 422])
                if response.status == 201, settled, let returnID = response.json["id"]?.stringValue { lateReturns.insert(returnID) }
            case 68..<76:
                let quote = LedgerHTTPModelTests.currencies[Int.random(in: 1..<5, using: &g)]
                try f.market.createFXRate(f.admin, base: "USD", quote: quote, rate: Self.rate(quote, &g))
                trace.append("rate USD→\(quote)")
                last = nil
            case 76..<88:
                let response = try perform(Request(account: f.admin, method: .post, path: "/v1/admin/settlements",
                                                   body: ["period_end": .string(Timestamp.format(f.market.clock.now()))], key: key(Bool.random(using: &g)),
                                                   description: "settle"), expect: [200, 201])
                statements += (response.json["settlements"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            default:
                guard !statements.isEmpty else { return }
                let unpaid = try f.market.app.services.database.read { db in
                    try db.query("SELECT s.id FROM settlements s LEFT JOIN settlement_payouts p ON p.settlement_id = s.id WHERE p.settlement_id IS NULL ORDER BY s.id")
                        .compactMap { $0.string("id") }
                }
                let id = !unpaid.isEmpty && Int.random(in: 0..<4, using: &g) > 0
                    ? unpaid[Int.random(in: 0..<unpaid.count, using: &g)] : statements[Int.random(in: 0..<statements.count, using: &g)]
                try perform(Request(account: f.admin, method: .post, path: "/v1/admin/settlements/\(id)/paid", body: ["reference": "WIRE-1"],
                                    key: key(Bool.random(using: &g)), description: "pay \(id)"), expect: [200, 409])
            }
        }

        private func supplier(of orderID: String) throws -> TestMarket.Account {
            let seller = try f.market.app.services.database.read { db in
                try db.scalar("SELECT seller_id FROM orders WHERE id = ?", [.text(orderID)]).stringValue
            }
            guard let account = suppliers.first(where: { $0.organizationID == seller }) else { throw Failure(description: "no supplier") }
            return account
        }

        private func isSettled(_ orderID: String) throws -> Bool {
            try f.market.app.services.database.read { db in
                try db.queryOne("SELECT 1 FROM settlement_lines WHERE order_id = ? AND kind = 'order'", [.text(orderID)]) != nil
            }
        }

        // MARK: - Invariants

        /// What a retry must not change: every balance and the number of every kind of record.
        private func snapshot() throws -> [String] {
            let balances = try f.admin.client.get("/v1/admin/ledger/balances?limit=200").json
            let counts = try f.market.app.services.database.read { db in
                try ["orders", "order_returns", "settlements", "settlement_payouts", "ledger_entries", "ledger_lines"].map {
                    "\($0)=\(try db.scalar("SELECT COUNT(*) FROM \($0)").int64Value ?? -1)"
                }
            }
            return [JSONSerializer.string(balances["data"] ?? .null), JSONSerializer.string(balances["totals"] ?? .null)] + counts
        }

        private func checkInvariants() throws {
            let response = try f.admin.client.get("/v1/admin/ledger/balances?limit=200")
            let json = response.json
            guard response.status == 200, json["balanced"] == true, json["next_cursor"] == .null else {
                throw Failure(description: "ledger not balanced: \(response.text)")
            }
            for total in json["totals"]?.arrayValue ?? [] where total["debits"] != total["credits"] {
                throw Failure(description: "unbalanced currency \(total)")
            }
            var actual = [String: Int64]()
            for account in json["data"]?.arrayValue ?? [] {
                guard let code = account["account"]?.stringValue, let currency = account["currency"]?.stringValue.flatMap(Currency.init(code:)),
                      let amount = account["balance"]?["amount"]?.stringValue, let minor = try? Money.parse(amount: amount, currency: currency)
                else { throw Failure(description: "bad account \(account)") }
                actual[code] = minor.minorUnits
            }
            let expected = try f.market.app.services.database.read { db in try expectedBalances(db) }
            for (code, minor) in expected where actual[code, default: 0] != minor {
                throw Failure(description: "\(code): ledger \(actual[code, default: 0]) ≠ expected \(minor)")
            }
            for (code, minor) in actual where expected[code] == nil && minor != 0 {
                throw Failure(description: "\(code): unexpected balance \(minor)")
            }
            for (code, minor) in actual where (code.hasPrefix("supplier_payable:") || code.hasPrefix("supplier_payout_due:")) && minor < 0 {
                throw Failure(description: "\(code) negative: \(minor)")
            }
        }

        /// Every account balance as the business facts in the database say it must be.
        private func expectedBalances(_ db: Connection) throws -> [String: Int64] {
            var expected = [String: Int64]()
            // The settlement queue holds exactly the delivered orders not settled yet.
            let pending = Set(try db.query("SELECT order_id FROM settlement_pending").compactMap { $0.string("order_id") })
            let unsettled = Set(try db.query(
                """
                SELECT id FROM orders o WHERE delivered_at IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.order_id = o.id AND l.kind = 'order')
                """).compactMap { $0.string("id") })
            guard pending == unsettled else { throw Failure(description: "settlement queue \(pending) ≠ unsettled \(unsettled)") }
            let settled = Set(try db.query("SELECT order_id FROM settlement_lines WHERE kind = 'order'").compactMap { $0.string("order_id") })
            let deducted = Set(try db.query("SELECT return_id FROM settlement_lines WHERE kind = 'adjustment'").compactMap { $0.string("return_id") })
            try db.forEach(
                """
                SELECT id, buyer_id, seller_id, currency, total_minor, commission_minor, refunded_minor, commission_reversed_minor,
                       shipping_minor, delivered_at FROM orders
                """
            ) { row in
                guard row.string("delivered_at") != nil, let id = row.string("id"), let c = row.string("currency"),
                      let total = row.int64("total_minor"), let commission = row.int64("commission_minor"),
                      let refunded = row.int64("refunded_minor"), let reversed = row.int64("commission_reversed_minor")
                else { return }
                guard refunded <= total - (row.int64("shipping_minor") ?? 0), reversed <= commission, commission <= total else {
                    throw Failure(description: "order \(id): refunds or reversals above what was charged")
                }
                expected["buyer_receivable:\(row.string("buyer_id") ?? ""):\(c)", default: 0] += total - refunded
                expected["commission_revenue:\(c)", default: 0] += commission
                expected["commission_reversals:\(c)", default: 0] += reversed
                if !settled.contains(id) {
                    expected["supplier_payable:\(row.string("seller_id") ?? ""):\(c)", default: 0] += total - commission - refunded + reversed
                }
            }
            try db.forEach("SELECT id, seller_id, currency, refund_minor, commission_reversed_minor FROM order_returns") { row in
                guard let id = row.string("id"), lateReturns.contains(id), !deducted.contains(id) else { return }
                expected["supplier_receivable:\(row.string("seller_id") ?? ""):\(row.string("currency") ?? "")", default: 0] +=
                    (row.int64("refund_minor") ?? 0) - (row.int64("commission_reversed_minor") ?? 0)
            }
            try db.forEach(
                """
                SELECT s.id, s.supplier_id, s.currency, s.net_minor, s.gross_minor, s.commission_minor, s.refunds_minor,
                       s.commission_reversed_minor, p.settlement_id AS paid,
                       (SELECT SUM(gross_minor) FROM settlement_lines WHERE settlement_id = s.id) AS lines_gross,
                       (SELECT SUM(commission_minor) FROM settlement_lines WHERE settlement_id = s.id) AS lines_commission,
                       (SELECT SUM(refunds_minor) FROM settlement_lines WHERE settlement_id = s.id) AS lines_refunds,
                       (SELECT SUM(commission_reversed_minor) FROM settlement_lines WHERE settlement_id = s.id) AS lines_reversed,
                       (SELECT SUM(net_minor) FROM settlement_lines WHERE settlement_id = s.id) AS lines_net
                FROM settlements s LEFT JOIN settlement_payouts p ON p.settlement_id = s.id
                """
            ) { row in
                let id = row.string("id") ?? ""
                for column in ["gross", "commission", "refunds", "commission_reversed", "net"] {
                    let linesColumn = column == "commission_reversed" ? "lines_reversed" : "lines_\(column)"
                    guard row.int64("\(column)_minor") == row.int64(linesColumn) else {
                        throw Failure(description: "statement \(id): \(column) ≠ Σ lines")
                    }
                }
                let net = row.int64("net_minor") ?? 0
                guard net >= 0 else { throw Failure(description: "statement \(id) net \(net) < 0") }
                let currency = row.string("currency") ?? ""
                if row.string("paid") != nil {
                    expected["cash:\(currency)", default: 0] -= net
                } else {
                    expected["supplier_payout_due:\(row.string("supplier_id") ?? ""):\(currency)", default: 0] += net
                }
            }
            // Every line at the rate its order locked (or, having locked none, the one it recorded), each amount
            // converted on its own; FX clearing moved exactly the lines' nets.
            try db.forEach(
                """
                SELECT l.*, o.payout_rate, o.currency AS order_currency, o.total_minor AS order_total, o.commission_minor AS order_commission
                FROM settlement_lines l JOIN orders o ON o.id = l.order_id
                """
            ) { row in
                guard let source = row.string("source_currency").flatMap(Currency.init(code:)),
                      let target = row.string("currency").flatMap(Currency.init(code:)), let rateText = row.string("rate"),
                      let rate = ExactDecimal(rateText)
                else { throw Failure(description: "bad line") }
                let method = row.string("rate_method")
                if method == "locked", row.string("payout_rate").flatMap(ExactDecimal.init) != rate {
                    throw Failure(description: "line rate \(rateText) is not the locked \(row.string("payout_rate") ?? "none")")
                }
                let pairs = [("source_gross_minor", "gross_minor"), ("source_commission_minor", "commission_minor"),
                             ("source_refunds_minor", "refunds_minor"), ("source_commission_reversed_minor", "commission_reversed_minor")]
                var converted = [Int64]()
                for (from, to) in pairs {
                    let amount = Money(minorUnits: row.int64(from) ?? 0, currency: source)
                    let value = source == target ? amount.minorUnits : try amount.converted(to: target, rate: rate).minorUnits
                    guard value == row.int64(to) else { throw Failure(description: "line \(to): \(row.int64(to) ?? 0) ≠ \(value)") }
                    converted.append(value)
                }
                let net = converted[0] - converted[1] - converted[2] + converted[3]
                guard net == row.int64("net_minor") else { throw Failure(description: "line net") }
                if row.string("kind") == "order" {
                    guard row.int64("source_gross_minor") == row.int64("order_total"),
                          row.int64("source_commission_minor") == row.int64("order_commission"),
                          (row.int64("refunds_minor") ?? 0) <= (row.int64("gross_minor") ?? 0)
                    else { throw Failure(description: "order line does not carry its order's gross and commission") }
                }
                if source != target {
                    let sourceNet = (row.int64("source_gross_minor") ?? 0) - (row.int64("source_commission_minor") ?? 0)
                        - (row.int64("source_refunds_minor") ?? 0) + (row.int64("source_commission_reversed_minor") ?? 0)
                    expected["fx_clearing:\(source.code)", default: 0] -= sourceNet
                    expected["fx_clearing:\(target.code)", default: 0] += net
                }
            }
            return expected
        }
    }
}

/// SplitMix64, as in `MarketCoreTests/SplitMix64.swift` (test targets cannot share files): seeded, so a
/// failing sequence replays.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
