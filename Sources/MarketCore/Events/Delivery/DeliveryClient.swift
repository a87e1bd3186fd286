import Crypto
import Glibc

/// The small HTTP/1.1 client that POSTs webhooks: one connection per attempt (`Connection: close`),
/// plain TCP or TLS through OpenSSL, one deadline covering connect, TLS handshake, request and response
/// head, and the private-address policy applied to every address a host name resolves to right before
/// connecting (so DNS rebinding cannot aim a subscription at the server's own network).
///
/// Only the status line decides the outcome; up to 512 bytes of body already received are kept for the
/// log, the rest is never read. Redirects are not followed.
final class DeliveryClient: Sendable {
    static let maxHeadBytes = 16 * 1024
    static let excerptBytes = 512

    let timeoutSeconds: Double
    let allowPrivate: Bool
    private let tls: Result<TLSClientContext, TLSError>

    init(settings: WebhookSettings) {
        // OpenSSL writes to the socket without MSG_NOSIGNAL: a receiver that resets the connection must
        // give EPIPE, not kill the process (the HTTP server makes the same process-wide choice).
        signal(SIGPIPE, SIG_IGN)
        timeoutSeconds = settings.timeoutSeconds
        allowPrivate = settings.allowPrivateAddresses
        do {
            tls = .success(try TLSClientContext(caFile: settings.caFile))
        } catch {
            tls = .failure(error)
        }
    }

    func post(_ url: WebhookURL, headers: [(String, String)], body: [UInt8]) -> DeliveryOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + .milliseconds(Int64(timeoutSeconds * 1000))
        var outcome: DeliveryOutcome
        do {
            let head = try exchange(url, headers: headers, body: body, deadline: deadline, clock: clock)
            outcome = DeliveryOutcome(statusCode: head.status, error: nil, responseExcerpt: head.excerpt, durationMilliseconds: 0)
        } catch {
            outcome = DeliveryOutcome(statusCode: nil, error: error.message, responseExcerpt: nil, durationMilliseconds: 0)
        }
        let elapsed = clock.now - start
        outcome.durationMilliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        return outcome
    }

    struct Failure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    // MARK: - The exchange

    private func exchange(
        _ url: WebhookURL, headers: [(String, String)], body: [UInt8], deadline: ContinuousClock.Instant, clock: ContinuousClock
    ) throws(Failure) -> (status: Int, excerpt: String?) {
        func remaining() throws(Failure) -> Double {
            let left = deadline - clock.now
            let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
            guard seconds > 0.001 else { throw Failure("timed out after \(timeoutSeconds) s") }
            return seconds
        }
        let socket = try connect(url, remaining: remaining)
        defer { _ = Glibc.close(socket) }
        var session: TLSClientSession?
        if url.isTLS {
            let context: TLSClientContext
            switch tls {
            case .success(let value): context = value
            case .failure(let error): throw Failure("tls unavailable: \(error.message)")
            }
            Self.setTimeouts(socket, try remaining())
            do {
                session = try TLSClientSession(context: context, socket: socket, serverName: url.host, isIPAddress: url.isIPLiteral)
            } catch {
                throw Failure(error.isTimeout ? "timed out during the TLS handshake" : "tls: \(error.message)")
            }
        }
        defer { session?.close() }

        var request = "POST \(url.target) HTTP/1.1\r\nHost: \(url.hostHeader)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(request.utf8) + body
        Self.setTimeouts(socket, try remaining())
        try send(bytes, socket: socket, session: session)

        var buffer: [UInt8] = []
        var scanned = 0
        while true {
            if let end = Self.headEnd(buffer, from: scanned) {
                let status = try Self.statusCode(buffer[..<end])
                if (100...199).contains(status) && status != 101 {
                    // Interim response (RFC 9110 §15.2): the final one follows.
                    buffer.removeFirst(end)
                    scanned = 0
                    continue
                }
                let excerpt = buffer[end...].prefix(Self.excerptBytes)
                return (status, excerpt.isEmpty ? nil : String(decoding: excerpt, as: UTF8.self))
            }
            scanned = max(0, buffer.count - 3)
            guard buffer.count < Self.maxHeadBytes else { throw Failure("response head larger than \(Self.maxHeadBytes) bytes") }
            Self.setTimeouts(socket, try remaining())
            let received = try receive(into: &buffer, socket: socket, session: session)
            if received == 0 {
                throw Failure(buffer.isEmpty ? "connection closed without a response" : "connection closed in the middle of the response head")
            }
        }
    }

    // MARK: - Connecting

    private func connect(_ url: WebhookURL, remaining: () throws(Failure) -> Double) throws(Failure) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = url.isIPLiteral ? AI_NUMERICHOST : 0
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(url.host, String(url.port), &hints, &list)
        guard resolved == 0 else { throw Failure("dns: \(url.host): \(String(cString: gai_strerror(resolved)))") }
        defer { freeaddrinfo(list) }
        var lastError = "no address for \(url.host)"
        var refused: [String] = []
        var entry = list
        while let info = entry {
            entry = info.pointee.ai_next
            guard let address = Self.address(of: info.pointee) else { continue }
            if !allowPrivate && !address.isPublic {
                refused.append(address.description)
                continue
            }
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                lastError = "socket: \(String(cString: strerror(errno)))"
                continue
            }
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            var rc = Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
            var failure = errno
            if rc < 0 && failure == EINPROGRESS {
                let seconds: Double
                do { seconds = try remaining() } catch {
                    _ = Glibc.close(fd)
                    throw error
                }
                var pollEntry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                repeat {
                    rc = poll(&pollEntry, 1, Int32(max(1, min(seconds * 1000, 3_600_000))))
                } while rc < 0 && errno == EINTR
                if rc == 1 {
                    var soError: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
                    rc = soError == 0 ? 0 : -1
                    failure = soError
                } else {
                    rc = -1
                    failure = ETIMEDOUT
                }
            }
            guard rc == 0 else {
                lastError = failure == ETIMEDOUT
                    ? "connect to \(address) timed out" : "connect to \(address): \(String(cString: strerror(failure)))"
                _ = Glibc.close(fd)
                continue
            }
            _ = fcntl(fd, F_SETFL, flags)
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            return fd
        }
        if !refused.isEmpty && lastError.hasPrefix("no address") {
            throw Failure("address not allowed: \(url.host) resolves to \(refused.joined(separator: ", ")) (private addresses are refused)")
        }
        throw Failure(lastError)
    }

    private static func address(of info: addrinfo) -> NetworkAddress? {
        guard let raw = info.ai_addr else { return nil }
        switch info.ai_family {
        case AF_INET:
            return raw.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                NetworkAddress(bytes: withUnsafeBytes(of: pointer.pointee.sin_addr) { Array($0) })
            }
        case AF_INET6:
            return raw.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                NetworkAddress(bytes: withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) })
            }
        default:
            return nil
        }
    }

    private static func setTimeouts(_ fd: Int32, _ seconds: Double) {
        let s = max(0.001, seconds)
        var value = timeval(tv_sec: Int(s), tv_usec: Int((s - s.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    // MARK: - Bytes

    private func send(_ bytes: [UInt8], socket: Int32, session: TLSClientSession?) throws(Failure) {
        if let session {
            do { try session.write(bytes) } catch {
                throw Failure(error.isTimeout ? "timed out sending the request" : "tls: \(error.message)")
            }
            return
        }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(socket, raw.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                offset += sent
                continue
            }
            let failure = errno
            if sent < 0 && failure == EINTR { continue }
            if failure == EAGAIN || failure == EWOULDBLOCK { throw Failure("timed out sending the request") }
            throw Failure("send: \(String(cString: strerror(failure)))")
        }
    }

    private func receive(into buffer: inout [UInt8], socket: Int32, session: TLSClientSession?) throws(Failure) -> Int {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count: Int
        if let session {
            let read: Result<Int, TLSError> = chunk.withUnsafeMutableBytes { raw in
                do { return .success(try session.read(into: raw)) } catch { return .failure(error as? TLSError ?? TLSError("TLS read failed")) }
            }
            switch read {
            case .success(let value): count = value
            case .failure(let error):
                throw Failure(error.isTimeout ? "timed out waiting for the response" : "tls: \(error.message)")
            }
        } else {
            var received: Int
            repeat {
                received = chunk.withUnsafeMutableBytes { raw in recv(socket, raw.baseAddress!, raw.count, 0) }
            } while received < 0 && errno == EINTR
            if received < 0 {
                let failure = errno
                if failure == EAGAIN || failure == EWOULDBLOCK { throw Failure("timed out waiting for the response") }
                throw Failure("recv: \(String(cString: strerror(failure)))")
            }
            count = received
        }
        buffer.append(contentsOf: chunk[..<count])
        return count
    }

    // MARK: - Parsing

    /// The index just past CRLFCRLF, searching from `from`.
    static func headEnd(_ buffer: [UInt8], from: Int) -> Int? {
        guard buffer.count >= 4 else { return nil }
        var index = max(from, 3)
        while index < buffer.count {
            if buffer[index] == 0x0A && buffer[index - 1] == 0x0D && buffer[index - 2] == 0x0A && buffer[index - 3] == 0x0D {
                return index + 1
            }
            index += 1
        }
        return nil
    }

    /// "HTTP/1.1 204 No Content" → 204 (RFC 9112 §4).
    static func statusCode(_ head: ArraySlice<UInt8>) throws(Failure) -> Int {
        let line = head.prefix { $0 != 0x0D }
        let parts = line.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].starts(with: Array("HTTP/1.".utf8)), parts[1].count == 3,
            let status = Int(String(decoding: parts[1], as: UTF8.self)), (100...599).contains(status)
        else { throw Failure("malformed response status line") }
        return status
    }
}
