import Glibc

extension EventLoop {
    /// Runs every `timerInterval` ms: a linear scan of the loop's connections. At 10,000 connections that is
    /// 50,000 comparisons a second, cheaper than maintaining a timer structure on every request.
    func checkTimers() {
        if acceptPaused { acceptConnections() }
        let graceOver = isStopping && now >= graceDeadline
        // By index, not `for in`: closing sets an element to nil, which would copy an array being iterated.
        var fd = 0
        while fd < connections.count {
            defer { fd += 1 }
            guard let connection = connections[fd] else { continue }
            if graceOver {
                close(connection)
            } else if now >= connection.writeDeadline {
                close(connection)  // the client stopped reading our output
            } else if now >= connection.deadline {
                expire(connection)
            }
        }
    }

    private func expire(_ connection: Connection) {
        switch connection.state {
        case .readingHead where connection.headStarted, .readingBody:
            // A client too slow to send its head or body (slowloris) gets 408 and is closed.
            connection.deadline = .max
            fail(connection, HTTPParseError(.requestTimeout, "The request was not received in time"))
            pump(connection)
        case .readingHead, .lingering:
            close(connection)  // idle keep-alive connection, or a lingering close that has waited enough
        case .handling, .streaming, .closing:
            connection.deadline = .max
        }
    }

    /// Graceful shutdown, step one: stop accepting, close idle connections, and let every other connection
    /// close after its current response. `checkTimers` closes whatever is left when the grace period ends.
    func beginShutdown() {
        isStopping = true
        graceDeadline = MonotonicClock.after(seconds: shared.configuration.shutdownGraceSeconds, from: now)
        if listenFD >= 0 {
            _ = Glibc.close(listenFD)
            listenFD = -1
        }
        var fd = 0
        while fd < connections.count {
            defer { fd += 1 }
            guard let connection = connections[fd] else { continue }
            connection.keepAlive = false
            guard connection.state == .readingHead && !connection.headStarted && connection.inbound.isEmpty else { continue }
            if connection.outboundPending == 0 {
                close(connection)
            } else {
                connection.state = .closing  // deliver what is owed, then close
            }
        }
    }

    /// Tasks posted by worker threads.
    func runInbox() {
        inbox.take(into: &taskBuffer)
        for task in taskBuffer {
            switch task {
            case .response(let fd, let id, let response):
                guard let connection = current(fd, id), connection.state == .handling else { continue }
                respond(connection, response)
                pump(connection)
            case .streamChunk(let fd, let id, let bytes):
                guard let connection = current(fd, id) else { continue }
                appendStreamChunk(connection, bytes)
            case .streamEnd(let fd, let id, let ok):
                guard let connection = current(fd, id) else { continue }
                endStream(connection, ok: ok)
                pump(connection)
            }
        }
        taskBuffer.removeAll(keepingCapacity: true)
    }

    /// The connection a task refers to, if it is still the same one (descriptors are reused).
    private func current(_ fd: Int32, _ id: UInt64) -> Connection? {
        guard fd >= 0, Int(fd) < connections.count, let connection = connections[Int(fd)], connection.id == id else {
            return nil
        }
        return connection
    }
}
