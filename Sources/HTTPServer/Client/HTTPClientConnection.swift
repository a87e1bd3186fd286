import CLinux
import Glibc

/// One blocking, persistent HTTP/1.1 connection to a host and port. Requests go out one after another over
/// the same socket; raw bytes can be written and read too (tests use that for pipelining and malformed
/// requests). Not thread-safe: one owner at a time.
public final class HTTPClientConnection {
    public typealias Response = HTTPClient.Response

    public let host: String
    public let port: Int
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    /// The largest response body this connection accepts.
    public var maxResponseBytes = 64 << 20
    /// The server said it will close (or closed): no further request can be sent.
    public private(set) var isClosed = false

    public init(host: String, port: Int, timeoutSeconds: Double = 10) throws {
        self.host = host
        self.port = port
        self.fd = try Self.connect(host: host, port: port, timeoutSeconds: timeoutSeconds)
    }

    deinit {
        if fd >= 0 { _ = Glibc.close(fd) }
    }

    public func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
        isClosed = true
    }

    /// Sends a request (adding Host and, for a body, Content-Length) and reads its response.
    public func send(
        method: HTTPMethod = .get, path: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) throws -> Response {
        var head = "\(method.rawValue) \(path) HTTP/1.1\r\n"
        if !headers.contains("Host") { head += "Host: \(host.contains(":") ? "[\(host)]" : host):\(port)\r\n" }
        if !body.isEmpty || method == .post || method == .put || method == .patch {
            if !headers.contains("Content-Length") && !headers.contains("Transfer-Encoding") {
                head += "Content-Length: \(body.count)\r\n"
            }
        }
        for field in headers { head += "\(field.name): \(field.value)\r\n" }
        head += "\r\n"
        try writeRaw(Array(head.utf8) + body)
        return try readResponse(headRequest: method == .head)
    }

    /// Writes bytes as they are.
    public func writeRaw(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                throw HTTPClientError.timedOut
            } else {
                throw HTTPClientError.socket(errno: errno)
            }
        }
    }

    public func writeRaw(_ text: String) throws { try writeRaw(Array(text.utf8)) }

    /// Reads one response. Interim 1xx responses are skipped unless `skipInformational` is false, in which
    /// case one is returned as it is (tests of `Expect: 100-continue`).
    public func readResponse(headRequest: Bool = false, skipInformational: Bool = true) throws -> Response {
        while true {
            let (status, headers) = try readHead()
            if status < 200 {
                if skipInformational && status != 101 { continue }
                return (status, headers, [])
            }
            if headers["Connection"]?.lowercased().contains("close") == true { isClosed = true }
            if headRequest || status == 204 || status == 304 { return (status, headers, []) }
            if let te = headers["Transfer-Encoding"] {
                guard te.lowercased().hasSuffix("chunked") else { throw HTTPClientError.malformedResponse("Transfer-Encoding \(te)") }
                return (status, headers, try readChunkedBody())
            }
            if let cl = headers["Content-Length"] {
                guard let length = Int(cl), length >= 0 else { throw HTTPClientError.malformedResponse("Content-Length \(cl)") }
                guard length <= maxResponseBytes else { throw HTTPClientError.responseTooLarge }
                try fill(atLeast: length)
                let body = Array(buffer[start..<(start + length)])
                start += length
                return (status, headers, body)
            }
            // Close-delimited (RFC 9112 §6.3 rule 8).
            isClosed = true
            return (status, headers, try readUntilClosed())
        }
    }

    /// Whatever arrives until the peer closes (or the timeout passes, which throws).
    public func readUntilClosed() throws -> [UInt8] {
        while try receive() > 0 {
            if buffer.count - start > maxResponseBytes { throw HTTPClientError.responseTooLarge }
        }
        let rest = Array(buffer[start...])
        start = buffer.count
        isClosed = true
        return rest
    }

    /// Whether the peer closes the connection within the socket timeout (bytes that arrive are dropped).
    public func waitForClose() -> Bool {
        do {
            _ = try readUntilClosed()
            return true
        } catch HTTPClientError.socket(let e) where e == ECONNRESET {
            return true
        } catch {
            return false
        }
    }

    /// Changes the receive/send timeout for later calls.
    public func setTimeout(seconds: Double) {
        Self.setTimeouts(fd, seconds)
    }

    // MARK: - Reading

    private func readHead() throws -> (Int, HTTPHeaders) {
        // Drop what earlier responses consumed; offsets below are only valid within this call.
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        var end = -1
        var scanFrom = start
        while true {
            if buffer.count - start >= 4 {
                var i = max(scanFrom, start + 3)
                while i < buffer.count {
                    if buffer[i] == 0x0A && buffer[i - 1] == 0x0D && buffer[i - 2] == 0x0A && buffer[i - 3] == 0x0D {
                        end = i + 1
                        break
                    }
                    i += 1
                }
                if end >= 0 { break }
                scanFrom = buffer.count
            }
            if buffer.count - start > 1 << 20 { throw HTTPClientError.malformedResponse("head too large") }
            if try receive() == 0 { throw HTTPClientError.connectionClosed }
        }
        let text = String(decoding: buffer[start..<(end - 4)], as: UTF8.self)
        start = end
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        guard !lines.isEmpty else { throw HTTPClientError.malformedResponse("empty head") }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]), (100...999).contains(status) else {
            throw HTTPClientError.malformedResponse("status line \(statusLine)")
        }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw HTTPClientError.malformedResponse("header line \(line)") }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            headers.add(name, value)
        }
        return (status, headers)
    }

    private func readChunkedBody() throws -> [UInt8] {
        var decoder = HTTPChunkedDecoder(maxBodyBytes: maxResponseBytes)
        var body: [UInt8] = []
        while true {
            if start < buffer.count {
                let used: Int
                do {
                    used = try buffer.withUnsafeBufferPointer { all in
                        try decoder.decode(UnsafeBufferPointer(rebasing: all[start...]), into: &body)
                    }
                } catch let error as HTTPParseError {
                    throw HTTPClientError.malformedResponse("chunked body: \(error.detail)")
                }
                start += used
                if decoder.isComplete { return body }
            }
            if try receive() == 0 { throw HTTPClientError.connectionClosed }
        }
    }

    private func fill(atLeast count: Int) throws {
        while buffer.count - start < count {
            if try receive() == 0 { throw HTTPClientError.connectionClosed }
        }
    }

    /// One `recv` appended to the buffer; 0 at end of stream.
    private func receive() throws -> Int {
        guard fd >= 0 else { return 0 }
        let chunk = 16 * 1024
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + old, chunk, 0) }
            if n >= 0 {
                buffer.removeLast(chunk - n)
                return n
            }
            let e = errno
            if e == EINTR { continue }
            buffer.removeLast(chunk)
            if e == EAGAIN || e == EWOULDBLOCK { throw HTTPClientError.timedOut }
            throw HTTPClientError.socket(errno: e)
        }
    }

    // MARK: - Connecting

    private static func connect(host: String, port: Int, timeoutSeconds: Double) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0 else {
            throw HTTPClientError.connectFailed(host: host, port: port, errno: EINVAL)
        }
        defer { freeaddrinfo(list) }
        var lastError: Int32 = ECONNREFUSED
        var entry = list
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                lastError = errno
                continue
            }
            // Non-blocking connect so the timeout applies, then back to blocking with socket timeouts.
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            var rc = Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
            if rc < 0 && errno == EINPROGRESS {
                var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                rc = poll(&pfd, 1, Int32(max(1, timeoutSeconds * 1000)))
                if rc == 1 {
                    var soError: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
                    rc = soError == 0 ? 0 : -1
                    if soError != 0 { errno = soError }
                } else {
                    if rc == 0 { errno = ETIMEDOUT }
                    rc = -1
                }
            }
            guard rc == 0 else {
                lastError = errno
                _ = Glibc.close(fd)
                continue
            }
            _ = fcntl(fd, F_SETFL, flags)
            setTimeouts(fd, timeoutSeconds)
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            return fd
        }
        throw HTTPClientError.connectFailed(host: host, port: port, errno: lastError)
    }

    private static func setTimeouts(_ fd: Int32, _ seconds: Double) {
        let s = max(0.001, seconds)
        var tv = timeval(tv_sec: Int(s), tv_usec: Int((s - s.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        var s = self[...]
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
