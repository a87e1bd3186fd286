import COpenSSL

/// Why a TLS handshake, read or write failed. `isTimeout` separates a peer that is merely slow (the
/// socket's timeout expired) from one that spoke bad TLS or failed certificate verification.
public struct TLSError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let isTimeout: Bool

    public init(_ message: String, isTimeout: Bool = false) {
        self.message = message
        self.isTimeout = isTimeout
    }

    public var description: String { message }

    /// The operation's name followed by OpenSSL's queued error reasons (the queue is drained, so errors
    /// from one connection never show up on the next one handled by this thread).
    static func fromQueue(_ operation: String) -> TLSError {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return TLSError(reasons.isEmpty ? operation : "\(operation): \(reasons.joined(separator: "; "))")
    }
}
