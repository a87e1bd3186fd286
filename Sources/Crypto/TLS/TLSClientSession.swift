import COpenSSL
import Glibc

/// One TLS client session over a connected, blocking socket the caller owns. The socket's
/// `SO_RCVTIMEO`/`SO_SNDTIMEO` bound each handshake step, read and write; an expired timeout surfaces as
/// `TLSError.isTimeout`. Not thread-safe: one owner at a time.
public final class TLSClientSession {
    private let ssl: OpaquePointer

    /// Performs the handshake and verifies the peer's certificate chain and its name: the DNS name
    /// (also sent as SNI, RFC 6066 §3) or, for an IP literal, the IP address (which SNI must not carry).
    public init(context: TLSClientContext, socket: Int32, serverName: String, isIPAddress: Bool) throws(TLSError) {
        guard let ssl = SSL_new(context.handle) else { throw TLSError.fromQueue("SSL_new") }
        self.ssl = ssl
        guard SSL_set_fd(ssl, socket) == 1 else { throw TLSError.fromQueue("SSL_set_fd") }
        if isIPAddress {
            guard X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), serverName) == 1 else {
                throw TLSError.fromQueue("setting the expected IP address")
            }
        } else {
            guard SSL_set1_host(ssl, serverName) == 1, copenssl_set_sni(ssl, serverName) == 1 else {
                throw TLSError.fromQueue("setting the expected host name")
            }
        }
        let result = SSL_connect(ssl)
        guard result == 1 else {
            let verify = SSL_get_verify_result(ssl)
            if verify != Int(X509_V_OK) {
                _ = TLSError.fromQueue("")  // drain
                let reason = String(cString: X509_verify_cert_error_string(verify))
                throw TLSError("certificate verification failed: \(reason)")
            }
            throw Self.failure(ssl, result, "TLS handshake")
        }
    }

    deinit { SSL_free(ssl) }

    /// Writes every byte or throws.
    public func write(_ bytes: [UInt8]) throws(TLSError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw -> Int32 in
                guard let base = raw.baseAddress else { return 0 }
                return SSL_write(ssl, base + offset, Int32(min(bytes.count - offset, Int(Int32.max))))
            }
            guard written > 0 else { throw Self.failure(ssl, written, "TLS write") }
            offset += Int(written)
        }
    }

    /// Reads into `buffer`; 0 means the peer closed the stream (close_notify, or an unclean TCP close,
    /// which HTTP/1.1 framing makes harmless because message lengths are explicit).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(TLSError) -> Int {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        errno = 0
        let count = SSL_read(ssl, base, Int32(min(buffer.count, Int(Int32.max))))
        if count > 0 { return Int(count) }
        let code = SSL_get_error(ssl, count)
        if code == SSL_ERROR_ZERO_RETURN { return 0 }
        if code == SSL_ERROR_SYSCALL && ERR_peek_error() == 0 && errno == 0 { return 0 }
        throw Self.failure(ssl, count, "TLS read")
    }

    /// Sends close_notify without waiting for the peer's (RFC 8446 §6.1 allows closing after sending it).
    public func close() { _ = SSL_shutdown(ssl) }

    private static func failure(_ ssl: OpaquePointer, _ result: Int32, _ operation: String) -> TLSError {
        let code = SSL_get_error(ssl, result)
        // The socket is blocking with timeouts, so "want read/write" only happens when a timeout expired.
        if code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE {
            _ = fromQueueDiscarding()
            return TLSError("\(operation) timed out", isTimeout: true)
        }
        if code == SSL_ERROR_SYSCALL {
            let number = errno
            if number == EAGAIN || number == EWOULDBLOCK {
                _ = fromQueueDiscarding()
                return TLSError("\(operation) timed out", isTimeout: true)
            }
            if ERR_peek_error() == 0 {
                return TLSError(number == 0 ? "\(operation): connection closed by peer" : "\(operation): \(String(cString: strerror(number)))")
            }
        }
        return TLSError.fromQueue(operation)
    }

    private static func fromQueueDiscarding() -> TLSError { TLSError.fromQueue("") }
}
