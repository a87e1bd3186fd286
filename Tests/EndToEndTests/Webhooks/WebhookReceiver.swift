import Foundation
import HTTPServer
import MarketCore
import Synchronization
import Web
import XCTest

/// A subscriber's endpoint on loopback for tests: records every request and answers with scripted
/// status codes (then `defaultStatus`).
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        let path: String
        let headers: HTTPHeaders
        let body: [UInt8]

        var json: JSON { (try? JSONParser.parse(body)) ?? .null }
        var eventID: String { json["id"]?.stringValue ?? "" }
        var type: String { json["type"]?.stringValue ?? "" }
    }

    private let recorder: Recorder
    private let server: HTTPServer

    init(statuses: [Int] = [], defaultStatus: Int = 200) throws {
        recorder = Recorder(statuses: statuses, defaultStatus: defaultStatus)
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.eventLoops = 1
        configuration.workerThreads = 2
        server = HTTPServer(configuration: configuration, responder: recorder)
        try server.start()
    }

    deinit {
        server.shutdown()
        server.waitUntilStopped()
    }

    var port: Int { server.port }
    func url(_ path: String = "/hooks") -> String { "http://127.0.0.1:\(server.port)\(path)" }

    var received: [Received] { recorder.state.withLock { $0.received } }

    func script(_ statuses: [Int], thenDefault status: Int? = nil) {
        recorder.state.withLock {
            $0.statuses = statuses
            if let status { $0.defaultStatus = status }
        }
    }

    /// Waits (wall clock) until `count` requests arrived, for tests of the background threads.
    func waitFor(count: Int, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if received.count >= count { return true }
            usleep(10_000)
        }
        return received.count >= count
    }

    private final class Recorder: HTTPResponder {
        struct State {
            var received: [Received] = []
            var statuses: [Int]
            var defaultStatus: Int
        }

        let state: Mutex<State>

        init(statuses: [Int], defaultStatus: Int) {
            state = Mutex(State(statuses: statuses, defaultStatus: defaultStatus))
        }

        func plan(for head: HTTPRequestHead) -> HTTPHandlingPlan {
            HTTPHandlingPlan(maxBodyBytes: 1 << 20, placement: .eventLoop) { [self] request in
                let status = state.withLock { state -> Int in
                    state.received.append(Received(path: request.path, headers: request.headers, body: request.body))
                    return state.statuses.isEmpty ? state.defaultStatus : state.statuses.removeFirst()
                }
                return HTTPResponse(status: HTTPStatus(status), headers: ["Content-Type": "text/plain"], body: Array("status \(status)".utf8))
            }
        }
    }
}

extension TestMarket {
    /// A marketplace whose webhooks may call loopback receivers, as `MARKETPLACE_WEBHOOKS_ALLOW_PRIVATE=1` does.
    static func withWebhooks(_ configure: @escaping (inout WebhookSettings) -> Void = { _ in }) throws -> TestMarket {
        try TestMarket { configuration in
            configuration.market.webhooks.allowPrivateAddresses = true
            configuration.market.webhooks.timeoutSeconds = 2
            configure(&configuration.market.webhooks)
        }
    }

    /// Subscribes the account's organization; returns (id, secret).
    func subscribe(_ account: Account, url: String, events: [String], file: StaticString = #filePath, line: UInt = #line) throws -> (id: String, secret: String) {
        let response = try account.client.post("/v1/webhooks", json: ["url": .string(url), "events": .array(events.map(JSON.string))])
        XCTAssertEqual(response.status, 201, response.text, file: file, line: line)
        return (response.json["id"]?.stringValue ?? "", response.json["secret"]?.stringValue ?? "")
    }

    /// Publishes an event directly through the outbox, in its own transaction.
    @discardableResult
    func publish(_ type: EventType, data: JSON = ["n": 1], audience: [String]) throws -> String {
        try app.services.database.write { db in
            try Outbox.publish(db, type: type.rawValue, data: data, audience: audience, at: app.services.nowText())
        }
    }
}
