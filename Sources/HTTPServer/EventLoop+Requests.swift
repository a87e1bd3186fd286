extension EventLoop {
    /// A head arrived: ask the responder for its plan before reading any body byte.
    func begin(_ connection: Connection, _ parsed: HTTPParsedHead) {
        var head = parsed.head
        head.remoteAddress = connection.remoteAddress
        connection.keepAlive = parsed.keepAlive && !isStopping
        connection.version = head.version
        connection.isHeadRequest = head.method == .head
        let plan = shared.responder.plan(for: head)

        switch parsed.framing {
        case .none:
            dispatch(connection, HTTPRequest(head: head), plan)
        case .contentLength(let length):
            // 413 at once from the declared length, without reading the body (RFC 9110 §15.5.14).
            guard length <= plan.maxBodyBytes else {
                fail(connection, HTTPParseError(.contentTooLarge, "The request body exceeds \(plan.maxBodyBytes) bytes"))
                return
            }
            startBody(connection, head, plan, expectContinue: parsed.expectContinue)
            connection.bodyRemaining = length
            connection.body.reserveCapacity(min(length, Self.readBufferSize))
        case .chunked:
            startBody(connection, head, plan, expectContinue: parsed.expectContinue)
            connection.chunkedDecoder = HTTPChunkedDecoder(maxBodyBytes: plan.maxBodyBytes)
        }
    }

    private func startBody(_ connection: Connection, _ head: HTTPRequestHead, _ plan: HTTPHandlingPlan, expectContinue: Bool) {
        // The body is acceptable so far: only now invite it (RFC 9110 §10.1.1). An HTTP/1.0 client cannot
        // understand 100 (RFC 9110 §15.2).
        if expectContinue && head.version == .http1_1 {
            takeOutputBuffer(connection)
            ResponseEncoder.append("HTTP/1.1 100 Continue\r\n\r\n", to: &connection.outbound)
        }
        connection.requestHead = head
        connection.plan = plan
        connection.state = .readingBody
        connection.deadline = MonotonicClock.after(seconds: shared.configuration.bodyTimeoutSeconds, from: now)
    }

    /// The body is complete: hand the request to its handler.
    func dispatchCurrent(_ connection: Connection) {
        guard let head = connection.requestHead, let plan = connection.plan else { return }
        var body: [UInt8] = []
        swap(&body, &connection.body)
        connection.requestHead = nil
        connection.plan = nil
        dispatch(connection, HTTPRequest(head: head, body: body), plan)
    }

    private func dispatch(_ connection: Connection, _ request: HTTPRequest, _ plan: HTTPHandlingPlan) {
        connection.deadline = .max
        switch plan.placement {
        case .eventLoop:
            // Inline, no thread hop: for handlers that never block.
            respond(connection, plan.handle(request))
        case .workerPool:
            connection.state = .handling
            let inbox = self.inbox
            let fd = connection.fd
            let id = connection.id
            let handle = plan.handle
            shared.pool.submit {
                inbox.post(.response(fd: fd, id: id, handle(request)))
            }
        }
    }

    /// Writes a handler's response (loop thread) and moves the connection on.
    func respond(_ connection: Connection, _ response: HTTPResponse) {
        counters.requests.add(1, ordering: .relaxed)
        date.refresh()
        let code = response.status.code
        let bodyless = code < 200 || code == 204 || code == 304
        let keepAliveHeader = connection.version == .http1_0 && connection.keepAlive
        var close = !connection.keepAlive || isStopping
        takeOutputBuffer(connection)

        switch response.body {
        case .bytes(let body):
            close = ResponseEncoder.encodeHead(
                response.status, response.headers, framing: bodyless ? .none : .contentLength(body.count),
                close: close, keepAliveHeader: keepAliveHeader, date: date.bytes, into: &connection.outbound)
            // HEAD: the same head as GET, Content-Length included, but no body (RFC 9110 §9.3.2).
            if !bodyless && !connection.isHeadRequest { connection.outbound.append(contentsOf: body) }
            finishRequest(connection, close: close)
        case .stream(let produce):
            let chunked = connection.version == .http1_1
            let framing: ResponseEncoder.Framing = bodyless ? .none : (chunked ? .chunked : .closeDelimited)
            close = ResponseEncoder.encodeHead(
                response.status, response.headers, framing: framing,
                close: close, keepAliveHeader: keepAliveHeader, date: date.bytes, into: &connection.outbound)
            if bodyless || connection.isHeadRequest {
                finishRequest(connection, close: close)
                return
            }
            let writer = StreamingBodyWriter(inbox: inbox, fd: connection.fd, id: connection.id, highWater: shared.highWater)
            connection.writer = writer
            connection.streamIsChunked = chunked
            connection.closeAfterStream = close
            connection.state = .streaming
            shared.pool.submit {
                do {
                    try produce(writer)
                    writer.finish(ok: true)
                } catch {
                    writer.finish(ok: false)
                }
            }
        }
    }

    /// A streamed chunk arrived from the producer.
    func appendStreamChunk(_ connection: Connection, _ bytes: [UInt8]) {
        guard connection.state == .streaming, let writer = connection.writer else { return }
        takeOutputBuffer(connection)
        if connection.streamIsChunked {
            ResponseEncoder.appendChunk(bytes, to: &connection.outbound)
        } else {
            connection.outbound.append(contentsOf: bytes)
        }
        flush(connection)
        writer.update(appended: bytes.count, unsent: connection.outboundPending)
    }

    /// The producer returned or threw.
    func endStream(_ connection: Connection, ok: Bool) {
        guard connection.state == .streaming else { return }
        guard ok else {
            // Headers are gone already: the only honest signal left is an incomplete message (RFC 9112 §8).
            close(connection)
            return
        }
        takeOutputBuffer(connection)
        if connection.streamIsChunked { ResponseEncoder.append(ResponseEncoder.lastChunk, to: &connection.outbound) }
        finishRequest(connection, close: connection.closeAfterStream || !connection.streamIsChunked)
    }

    /// The response is queued: either wait for the next request or close once it is flushed.
    private func finishRequest(_ connection: Connection, close: Bool) {
        connection.clearRequest()
        if close {
            connection.state = .closing
            connection.deadline = .max
        } else {
            connection.state = .readingHead
            connection.headStarted = false
            connection.deadline = MonotonicClock.after(seconds: shared.configuration.idleTimeoutSeconds, from: now)
        }
    }

    /// Answers a request the server refuses itself (problem+json) and closes the connection afterwards.
    func fail(_ connection: Connection, _ error: HTTPParseError) {
        connection.keepAlive = false
        connection.parser.reset()
        respond(connection, ProblemBody.response(error))
    }
}
