import COpenSSL

/// Client-side TLS settings shared by every outgoing connection: TLS 1.2 or later, peer certificates
/// verified against the system trust store (or one CA file, for private deployments and tests).
///
/// An `SSL_CTX` may be shared by threads once it is configured; only the per-connection `SSL` objects
/// must not be (https://docs.openssl.org/3.0/man7/openssl-threads/). This wrapper is configured in `init`
/// and never changed afterwards, which is what makes `@unchecked Sendable` true here.
public final class TLSClientContext: @unchecked Sendable {
    let handle: OpaquePointer

    /// - Parameter caFile: a PEM bundle to trust instead of the system's default paths.
    public init(caFile: String? = nil) throws(TLSError) {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw TLSError.fromQueue("SSL_CTX_new") }
        // RFC 8996 deprecates TLS 1.0 and 1.1.
        guard copenssl_ctx_set_min_tls12(context) == 1 else {
            SSL_CTX_free(context)
            throw TLSError.fromQueue("SSL_CTX_set_min_proto_version")
        }
        let loaded: Int32
        if let caFile {
            loaded = SSL_CTX_load_verify_locations(context, caFile, nil)
        } else {
            loaded = SSL_CTX_set_default_verify_paths(context)
        }
        guard loaded == 1 else {
            SSL_CTX_free(context)
            throw TLSError.fromQueue("loading trusted certificates")
        }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        handle = context
    }

    deinit { SSL_CTX_free(handle) }
}
