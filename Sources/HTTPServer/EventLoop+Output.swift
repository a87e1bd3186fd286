import CLinux
import Glibc

extension EventLoop {
    /// Lends the loop's spare output storage to a connection that has nothing pending.
    @inline(__always)
    func takeOutputBuffer(_ connection: Connection) {
        if connection.outbound.isEmpty && connection.outbound.capacity == 0 {
            swap(&connection.outbound, &spareOutput)
        }
    }

    /// Writes pending output until done or the socket is full. One `send` per flush in the common case:
    /// every response produced while processing one read is batched into the same buffer.
    func flush(_ connection: Connection) {
        while connection.outboundPending > 0 {
            let sent = connection.outbound.withUnsafeBytes { raw in
                // MSG_NOSIGNAL: a peer that went away must give EPIPE, not kill the process with SIGPIPE.
                send(connection.fd, raw.baseAddress! + connection.outboundSent, connection.outboundPending, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                connection.outboundSent += sent
                connection.writeDeadline = .max
                continue
            }
            if sent < 0 && errno == EINTR { continue }
            if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                // Edge-triggered EPOLLOUT will tell us when the socket drains.
                if connection.writeDeadline == .max {
                    connection.writeDeadline = MonotonicClock.after(seconds: shared.configuration.bodyTimeoutSeconds, from: now)
                }
                if connection.state == .streaming { connection.writer?.update(appended: 0, unsent: connection.outboundPending) }
                return
            }
            close(connection)
            return
        }
        releaseOutput(connection)
        connection.writeDeadline = .max
        switch connection.state {
        case .closing:
            beginLinger(connection)
        case .streaming:
            connection.writer?.update(appended: 0, unsent: 0)
        default:
            break
        }
    }

    /// Gives the connection's (now fully sent) output storage back to the loop, unless it grew large.
    private func releaseOutput(_ connection: Connection) {
        guard connection.outbound.capacity > 0 else { return }
        connection.outboundSent = 0
        if connection.outbound.capacity <= 256 * 1024 && spareOutput.capacity == 0 {
            connection.outbound.removeAll(keepingCapacity: true)
            swap(&connection.outbound, &spareOutput)
        } else {
            connection.outbound = []
        }
    }

    /// All output is flushed on a connection that must close: shut our write side so the client sees the
    /// end, then drain its input for a moment (closing with unread input would send a reset that can
    /// destroy the response before the client reads it, RFC 9112 §9.6).
    private func beginLinger(_ connection: Connection) {
        if connection.peerShutWrite {
            close(connection)
            return
        }
        _ = shutdown(connection.fd, Int32(SHUT_WR))
        connection.state = .lingering
        connection.inbound = []
        // During shutdown a shorter linger: the loop should not outlive its last response by seconds.
        connection.deadline = now + (isStopping ? Self.lingerMilliseconds / 4 : Self.lingerMilliseconds)
        connection.socketMayHaveData = true
    }

    func close(_ connection: Connection) {
        guard !connection.isClosed else { return }
        connection.isClosed = true
        connection.writer?.markDead()
        connection.clearRequest()
        connection.inbound = []
        connection.outbound = []
        _ = Glibc.close(connection.fd)
        if Int(connection.fd) < connections.count { connections[Int(connection.fd)] = nil }
        connectionCount -= 1
        shared.openConnections.subtract(1, ordering: .relaxed)
        counters.open.subtract(1, ordering: .relaxed)
    }
}
