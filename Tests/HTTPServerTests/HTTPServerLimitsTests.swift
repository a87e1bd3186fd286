import Glibc
import HTTPServer
import XCTest

/// Bounded resources, timeouts and graceful shutdown of the live server.
final class HTTPServerLimitsTests: XCTestCase {
    func testDeclaredOversizedBodyGets413WithoutReadingIt() throws {
        let server = try startServer()
        let connection = try connect(server)
        // 10 MB declared, none sent: the answer must come from the head alone.
        try connection.writeRaw("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n")
        let response = try connection.readResponse()
        XCTAssertEqual(response.status, 413)
        XCTAssertEqual(response.headers["Content-Type"], "application/problem+json")
        XCTAssertTrue(connection.waitForClose())
    }

    func testOversizedHeaderSectionGets431() throws {
        let server = try startServer { $0.maxHeaderBytes = 1024 }
        let connection = try connect(server)
        try connection.writeRaw("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "b", count: 2000))\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 431)

        let many = try connect(server)
        let fields = (0..<150).map { "X-\($0): 1\r\n" }.joined()
        try many.writeRaw("GET /hello HTTP/1.1\r\nHost: t\r\n\(fields)\r\n")
        XCTAssertEqual(try many.readResponse().status, 431)
    }

    func testOverlongTargetGets414() throws {
        let server = try startServer { $0.maxRequestTargetBytes = 256 }
        let connection = try connect(server)
        try connection.writeRaw("GET /\(String(repeating: "a", count: 300)) HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try connection.readResponse().status, 414)
    }

    func testSilentClientsAreTimedOutWithoutDelayingOthers() throws {
        let server = try startServer {
            $0.headerTimeoutSeconds = 3
            $0.eventLoops = 1  // every slow client shares the one loop with the good client
        }
        // 200 slowloris clients: each sends part of a head and then nothing.
        var silent: [HTTPClientConnection] = []
        for _ in 0..<200 {
            let c = try connect(server, timeout: 8)
            try c.writeRaw("GET /hello HTTP/1.1\r\nHost: t\r\nX-Slow: ")
            silent.append(c)
        }
        let good = try connect(server)
        let start = MonotonicClockForTests.seconds()
        for _ in 0..<20 { XCTAssertEqual(try good.send(path: "/hello").status, 200) }
        // Not a speed test: the good client must be answered well before the silent ones time out, which
        // proves it never waited behind them (a generous bound keeps this stable on a loaded machine).
        XCTAssertLessThan(MonotonicClockForTests.seconds() - start, 1.5, "slow clients must not delay others")

        // After the header timeout every silent client gets 408 and is closed.
        let first = try silent[0].readResponse()
        XCTAssertEqual(first.status, 408)
        for c in silent { XCTAssertTrue(c.waitForClose()) }
        XCTAssertEqual(try good.send(path: "/hello").status, 200, "the good client is still served")
    }

    func testIdleKeepAliveConnectionIsClosed() throws {
        let server = try startServer { $0.idleTimeoutSeconds = 0.4 }
        let connection = try connect(server, timeout: 3)
        XCTAssertEqual(try connection.send(path: "/hello").status, 200)
        let start = MonotonicClockForTests.seconds()
        XCTAssertTrue(connection.waitForClose())
        XCTAssertLessThan(MonotonicClockForTests.seconds() - start, 2)
    }

    func testStalledBodyTimesOut() throws {
        let server = try startServer { $0.bodyTimeoutSeconds = 0.4 }
        let connection = try connect(server, timeout: 3)
        try connection.writeRaw("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
        XCTAssertEqual(try connection.readResponse().status, 408)
        XCTAssertTrue(connection.waitForClose())
    }

    func testConnectionsBeyondTheLimitAreClosed() throws {
        let server = try startServer {
            $0.maxConnections = 2
            $0.eventLoops = 1
        }
        let a = try connect(server)
        let b = try connect(server)
        XCTAssertEqual(try a.send(path: "/hello").status, 200)
        XCTAssertEqual(try b.send(path: "/hello").status, 200)
        let c = try connect(server, timeout: 2)
        XCTAssertTrue(c.waitForClose(), "the third connection is closed at once")
        XCTAssertEqual(try a.send(path: "/hello").status, 200)
        XCTAssertEqual(server.stats.openConnections, 2)
        XCTAssertEqual(server.stats.acceptedTotal, 3)
    }

    func testGracefulShutdownLetsInFlightRequestFinish() throws {
        let server = try startServer()
        let idle = try connect(server)
        XCTAssertEqual(try idle.send(path: "/hello").status, 200)
        let busy = try connect(server)
        try busy.writeRaw("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(150_000)  // the slow handler is running
        server.shutdown()

        XCTAssertTrue(idle.waitForClose(), "idle connections are closed at once")
        let response = try busy.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(text(response.body), "slow done")
        XCTAssertEqual(response.headers["Connection"], "close")
        server.waitUntilStopped()
        XCTAssertEqual(server.stats.openConnections, 0)
        XCTAssertThrowsError(try HTTPClientConnection(host: "127.0.0.1", port: server.port, timeoutSeconds: 1))
    }

    func testShutdownClosesStuckRequestsAfterGrace() throws {
        let server = try startServer { $0.shutdownGraceSeconds = 0.2 }
        let busy = try connect(server)
        try busy.writeRaw("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(50_000)
        server.shutdown()
        server.waitUntilStopped()
        XCTAssertTrue(busy.waitForClose())
    }
}

/// Wall time for assertions about latency.
enum MonotonicClockForTests {
    static func seconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
