import CLinux
import Glibc

extension EventLoop {
    /// Drives a connection as far as it can go without blocking: flush output, then consume buffered
    /// input, then read the socket, until it has to wait for the network or for a handler. Every event on a
    /// connection ends here, so the order of these steps is the one place that defines its behaviour.
    func pump(_ connection: Connection) {
        while !connection.isClosed {
            flush(connection)
            if connection.isClosed { return }
            switch connection.state {
            case .lingering:
                if connection.socketMayHaveData { discardInput(connection) }
                return
            case .readingHead, .readingBody:
                // Backpressure: a client that pipelines requests but does not read responses stops being read.
                if connection.outboundPending > shared.highWater { return }
                if !connection.inbound.isEmpty && !connection.inboundNeedsMore {
                    processInbound(connection)
                } else if connection.socketMayHaveData {
                    readOnce(connection)
                } else {
                    return
                }
            case .handling, .streaming, .closing:
                return
            }
        }
    }

    /// One `recv` into the loop's buffer, parsed in place.
    private func readOnce(_ connection: Connection) {
        let n = recv(connection.fd, readBuffer.baseAddress, readBuffer.count, 0)
        if n > 0 {
            // A short read drained the socket: with edge triggering, new data raises a new event. Only after
            // a peer shutdown must we read on to see the end of the stream.
            connection.socketMayHaveData = n == readBuffer.count || connection.peerShutWrite
            let bytes = UnsafeBufferPointer(rebasing: readBuffer[0..<n])
            if connection.inbound.isEmpty {
                let consumed = process(connection, bytes)
                if consumed < n && !connection.isClosed && connection.isReadingOrWaiting {
                    connection.inbound.append(contentsOf: bytes[consumed...])
                }
            } else {
                connection.inbound.append(contentsOf: bytes)
                connection.inboundNeedsMore = false
            }
        } else if n == 0 {
            connection.socketMayHaveData = false
            connection.peerShutWrite = true
            peerFinished(connection)
        } else {
            switch errno {
            case EINTR: break
            case EAGAIN, EWOULDBLOCK: connection.socketMayHaveData = false
            default: close(connection)
            }
        }
    }

    /// Processes the bytes kept in `inbound`. They are moved out first so nothing holds a pointer into the
    /// connection's storage while processing may modify the connection.
    private func processInbound(_ connection: Connection) {
        var buffer: [UInt8] = []
        swap(&buffer, &connection.inbound)
        let consumed = buffer.withUnsafeBufferPointer { process(connection, $0) }
        guard !connection.isClosed, connection.isReadingOrWaiting, consumed < buffer.count else { return }
        if consumed > 0 { buffer.removeFirst(consumed) }
        connection.inbound = buffer
    }

    /// The peer will send nothing more. An idle connection closes; output still owed is delivered first.
    private func peerFinished(_ connection: Connection) {
        switch connection.state {
        case .readingHead, .readingBody:
            // An incomplete request can never complete; complete pipelined ones were already answered.
            connection.keepAlive = false
            if connection.outboundPending == 0 {
                close(connection)
            } else {
                connection.state = .closing
            }
        case .lingering:
            close(connection)
        case .handling, .streaming, .closing:
            connection.keepAlive = false
        }
    }

    /// Input after our last response: read and drop it, until the peer closes or a budget runs out.
    private func discardInput(_ connection: Connection) {
        while true {
            let n = recv(connection.fd, readBuffer.baseAddress, readBuffer.count, 0)
            if n > 0 {
                connection.lingerDiscarded += n
                if connection.lingerDiscarded > 1 << 20 {
                    close(connection)
                    return
                }
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                connection.socketMayHaveData = false
                return
            }
            close(connection)
            return
        }
    }

    // MARK: - Parsing

    /// Consumes requests from `bytes` until it needs more input or a request must wait (worker pool,
    /// streaming, backpressure). Returns the number of bytes consumed; the rest is kept by the caller.
    func process(_ connection: Connection, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var offset = 0
        connection.inboundNeedsMore = false
        while offset < bytes.count {
            switch connection.state {
            case .readingHead:
                if connection.outboundPending > shared.highWater { return offset }
                if !connection.headStarted {
                    connection.headStarted = true
                    connection.deadline = MonotonicClock.after(seconds: shared.configuration.headerTimeoutSeconds, from: now)
                }
                switch connection.parser.parseHead(UnsafeBufferPointer(rebasing: bytes[offset...])) {
                case .needMore:
                    connection.inboundNeedsMore = true
                    return offset
                case .failure(let error):
                    fail(connection, error)
                    return bytes.count
                case .head(let parsed):
                    offset += parsed.length
                    begin(connection, parsed)
                }
            case .readingBody:
                offset += readBody(connection, UnsafeBufferPointer(rebasing: bytes[offset...]))
            case .handling, .streaming:
                return offset
            case .closing, .lingering:
                return bytes.count
            }
        }
        return offset
    }

    /// Appends body bytes to the request in progress; dispatches it once complete.
    private func readBody(_ connection: Connection, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        connection.deadline = MonotonicClock.after(seconds: shared.configuration.bodyTimeoutSeconds, from: now)
        if var decoder = connection.chunkedDecoder {
            // The decoder is moved out and back so decoding does not overlap an access to the connection.
            connection.chunkedDecoder = nil
            do {
                let consumed = try decoder.decode(bytes, into: &connection.body)
                if decoder.isComplete {
                    dispatchCurrent(connection)
                } else {
                    connection.chunkedDecoder = decoder
                    connection.inboundNeedsMore = true
                }
                return consumed
            } catch {
                fail(connection, error)
                return bytes.count
            }
        }
        let n = min(connection.bodyRemaining, bytes.count)
        connection.body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<n]))
        connection.bodyRemaining -= n
        if connection.bodyRemaining == 0 { dispatchCurrent(connection) } else { connection.inboundNeedsMore = true }
        return n
    }
}

extension Connection {
    /// Bytes not consumed now must be kept for later (reading, or waiting for a handler or stream).
    var isReadingOrWaiting: Bool {
        switch state {
        case .readingHead, .readingBody, .handling, .streaming: true
        case .closing, .lingering: false
        }
    }
}
