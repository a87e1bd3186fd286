import HTTPServer
import Synchronization

/// Lets /metrics read the server's connection figures without the routes holding the server.
final class ServerStatsSource: Sendable {
    private let server = Mutex<HTTPServer?>(nil)

    func attach(_ server: HTTPServer) { self.server.withLock { $0 = server } }

    var gauges: [(name: String, help: String, value: Int)] {
        guard let stats = server.withLock({ $0?.stats }) else { return [] }
        return [
            ("http_open_connections", "Connections currently open.", stats.openConnections),
            ("http_connections_accepted_total", "Connections accepted since start.", stats.acceptedTotal),
            ("http_server_requests_total", "Requests answered by the server, including protocol errors.", stats.requestsTotal),
        ]
    }
}
