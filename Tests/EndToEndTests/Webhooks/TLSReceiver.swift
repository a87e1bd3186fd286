import COpenSSL
import Foundation
import Glibc
import Synchronization

/// An HTTPS receiver on loopback for the TLS path of webhook delivery: OpenSSL server side, one
/// connection at a time, answers 204 to every request and records the request bytes.
///
/// The certificates below are TEST FIXTURES ONLY (a throwaway CA and a `localhost` server certificate,
/// P-256, valid for 100 years), generated with the openssl CLI:
///   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 -subj "/CN=Marketplace Test CA" ...
///   openssl x509 -req ... -extfile <(echo subjectAltName=DNS:localhost; echo extendedKeyUsage=serverAuth)
final class TLSReceiver: @unchecked Sendable {
    static let caPEM = """
    -----BEGIN CERTIFICATE-----
    MIIBojCCAUmgAwIBAgIUONyfmjVk/9UC038+0UmXD/KP5nEwCgYIKoZIzj0EAwIw
    HjEcMBoGA1UEAwwTTWFya2V0cGxhY2UgVGVzdCBDQTAgFw0yNjExMjIxMTEwMDRa
    GA8yMTI2MTAyOTExMTAwNFowHjEcMBoGA1UEAwwTTWFya2V0cGxhY2UgVGVzdCBD
    QTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABJzG3VWZOBGKyPIaxsOrnqU2eBls
    7//juRFYG2VVosYzsPvLvi8dS6Yxkjmy1Oj6RVJ/UxTDaBXB01RbQDGuqJejYzBh
    MB0GA1UdDgQWBBSIVo+isNjHh2RiwJxKGGBlU+8CNDAfBgNVHSMEGDAWgBSIVo+i
    sNjHh2RiwJxKGGBlU+8CNDAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIB
    BjAKBggqhkjOPQQDAgNHADBEAiAjK6OGQI/s2KZuJVauA5nGY4dID7rl007toJAN
    44ko7AIgdi3LmfatLHLlPashHJPInMTIGOuPPmaCwYcDPTG/fYs=
    -----END CERTIFICATE-----
    """

    static let certificatePEM = """
    -----BEGIN CERTIFICATE-----
    MIIBvDCCAWOgAwIBAgIUO38BPcmL0GyFJ0/PHARqhzcm5PUwCgYIKoZIzj0EAwIw
    HjEcMBoGA1UEAwwTTWFya2V0cGxhY2UgVGVzdCBDQTAgFw0yNjExMjIxMTEwMDRa
    GA8yMTI2MTAyOTExMTAwNFowFDESMBAGA1UEAwwJbG9jYWxob3N0MFkwEwYHKoZI
    zj0CAQYIKoZIzj0DAQcDQgAEF1kOBvd9QnSdoe64qQULBaGzaPFnSHrD5ZTpmji7
    5oeTzYkxDOgWgMMICng3MYxAXdcg1tA7P6Q+1N5f76hxt6OBhjCBgzAUBgNVHREE
    DTALgglsb2NhbGhvc3QwCQYDVR0TBAIwADALBgNVHQ8EBAMCB4AwEwYDVR0lBAww
    CgYIKwYBBQUHAwEwHQYDVR0OBBYEFO1vwHscsIKblZCZh6CTRt2cTTPxMB8GA1Ud
    IwQYMBaAFIhWj6Kw2MeHZGLAnEoYYGVT7wI0MAoGCCqGSM49BAMCA0cAMEQCIBAQ
    B4zmmZPBfMlANPpOCj9J+b2StfN+IhFIh7lAisGaAiBEEb/t2IQSkfG3RIERiR8c
    aW/V7Wz53PqVF2TwSKaWlw==
    -----END CERTIFICATE-----
    """

    static let keyPEM = """
    -----BEGIN PRIVATE KEY-----
    MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQga53aaULasFYOfzet
    lMeD4fS0ypxh0/FpN5kkeBD5Rc2hRANCAAQXWQ4G931CdJ2h7ripBQsFobNo8WdI
    esPllOmaOLvmh5PNiTEM6BaAwwgKeDcxjEBd1yDW0Ds/pD7U3l/vqHG3
    -----END PRIVATE KEY-----
    """

    let directory: URL
    var caFile: String { directory.appendingPathComponent("ca.pem").path }
    private(set) var port = 0
    private let listener: Int32
    private let context: OpaquePointer
    private let requests = Mutex<[[UInt8]]>([])
    private let stopping = Mutex(false)
    private let done = DispatchSemaphore(value: 0)

    var received: [[UInt8]] { requests.withLock { $0 } }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in [("ca.pem", Self.caPEM), ("server.pem", Self.certificatePEM), ("server.key", Self.keyPEM)] {
            try (text + "\n").write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        guard let context = SSL_CTX_new(TLS_server_method()),
            SSL_CTX_use_certificate_file(context, directory.appendingPathComponent("server.pem").path, SSL_FILETYPE_PEM) == 1,
            SSL_CTX_use_PrivateKey_file(context, directory.appendingPathComponent("server.key").path, SSL_FILETYPE_PEM) == 1
        else { throw CocoaError(.fileReadCorruptFile) }
        self.context = context

        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        guard bound == 0, listen(listener, 16) == 0 else { throw CocoaError(.fileWriteUnknown) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in
            serve()
            done.signal()
        }
        thread.start()
    }

    func stop() {
        stopping.withLock { $0 = true }
        shutdown(listener, Int32(SHUT_RDWR))
        _ = done.wait(timeout: .now() + 5)
        close(listener)
        SSL_CTX_free(context)
        try? FileManager.default.removeItem(at: directory)
    }

    private func serve() {
        while !stopping.withLock({ $0 }) {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            if let ssl = SSL_new(context) {
                SSL_set_fd(ssl, client)
                if SSL_accept(ssl) == 1 {
                    var request: [UInt8] = []
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    while !Self.isComplete(request) {
                        let n = buffer.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
                        if n <= 0 { break }
                        request.append(contentsOf: buffer[0..<Int(n)])
                    }
                    requests.withLock { $0.append(request) }
                    let response = Array("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".utf8)
                    _ = response.withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
                    SSL_shutdown(ssl)
                }
                SSL_free(ssl)
            }
            close(client)
        }
    }

    /// Head received and as many body bytes as Content-Length says.
    private static func isComplete(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<end.lowerBound].lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return text.utf8.count - text.utf8.distance(from: text.startIndex, to: end.upperBound) >= length
    }
}
