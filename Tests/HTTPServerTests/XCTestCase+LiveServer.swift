import HTTPServer
import XCTest

extension XCTestCase {
    /// Starts a real server on an ephemeral port with `TestResponder`; it is shut down after the test.
    func startServer(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in }) throws -> HTTPServer {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = 2
        configuration.workerThreads = 4
        configuration.shutdownGraceSeconds = 2
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, responder: TestResponder())
        try server.start()
        addTeardownBlock {
            server.shutdown()
            server.waitUntilStopped()
        }
        return server
    }

    func connect(_ server: HTTPServer, timeout: Double = 5) throws -> HTTPClientConnection {
        try HTTPClientConnection(host: "127.0.0.1", port: server.port, timeoutSeconds: timeout)
    }

    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
