import Glibc

/// An IPv4 or IPv6 address as bytes, and whether it is publicly routable. Used to refuse subscriber
/// URLs that would make the server call into its own network (SSRF), both when a subscription is
/// created and for every address a host name resolves to at delivery time.
struct NetworkAddress: Sendable, Equatable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    let bytes: [UInt8]

    init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Strict dotted-quad only (inet_pton): "127.1" or "0x7f.0.0.1" are not addresses here.
    init?(ipv4 text: String) {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        bytes = withUnsafeBytes(of: address.s_addr) { Array($0) }
    }

    init?(ipv6 text: String) {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        bytes = withUnsafeBytes(of: address) { Array($0) }
    }

    var description: String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var address = in6_addr()
        withUnsafeMutableBytes(of: &address) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        guard inet_ntop(AF_INET6, &address, &text, socklen_t(text.count)) != nil else { return "?" }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// False for every special-purpose range of the IANA registries (RFC 6890 and successors) that is
    /// not globally reachable: this host, loopback, RFC 1918, CGNAT (RFC 6598), link-local, IETF protocol
    /// assignments, documentation, benchmarking (RFC 2544), multicast, reserved, broadcast; for IPv6 also
    /// unspecified, unique local (RFC 4193), link-local, site-local, multicast, documentation, discard,
    /// and IPv4 embedded in IPv4-mapped, IPv4-compatible, NAT64 (RFC 6052) and 6to4 addresses.
    var isPublic: Bool {
        if bytes.count == 4 { return Self.isPublicIPv4(bytes[0], bytes[1], bytes[2], bytes[3]) }
        let b = bytes
        let firstTen = b[0..<10].allSatisfy { $0 == 0 }
        // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated) carry an IPv4 address.
        if firstTen && b[10] == 0xFF && b[11] == 0xFF { return Self.isPublicIPv4(b[12], b[13], b[14], b[15]) }
        if firstTen && b[10] == 0 && b[11] == 0 { return false }  // ::, ::1 and IPv4-compatible
        // 64:ff9b::/96 and 64:ff9b:1::/48: NAT64 translates to the embedded IPv4 address.
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B { return Self.isPublicIPv4(b[12], b[13], b[14], b[15]) }
        // 2002::/16 (6to4) embeds an IPv4 address in bytes 2–5.
        if b[0] == 0x20 && b[1] == 0x02 { return Self.isPublicIPv4(b[2], b[3], b[4], b[5]) }
        if b[0] & 0xFE == 0xFC { return false }  // fc00::/7 unique local
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return false }  // fe80::/10 link-local
        if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return false }  // fec0::/10 site-local (deprecated)
        if b[0] == 0xFF { return false }  // multicast
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return false }  // 2001:db8::/32 documentation
        if b[0] == 0x01 && b[1] == 0x00 && b[2...7].allSatisfy({ $0 == 0 }) { return false }  // 100::/64 discard
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] & 0xFE == 0x00 { return false }  // 2001::/23 IETF protocol
        // Only 2000::/3 is allocated as global unicast.
        return b[0] & 0xE0 == 0x20
    }

    static func isPublicIPv4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Bool {
        switch (a, b, c) {
        case (0, _, _), (10, _, _), (127, _, _): return false
        case (100, 64...127, _): return false  // CGNAT
        case (169, 254, _): return false  // link-local (cloud metadata lives here)
        case (172, 16...31, _): return false
        case (192, 0, 0), (192, 0, 2): return false  // IETF protocol assignments, TEST-NET-1
        case (192, 88, 99): return false  // 6to4 relay anycast (deprecated)
        case (192, 168, _): return false
        case (198, 18...19, _): return false  // benchmarking
        case (198, 51, 100), (203, 0, 113): return false  // TEST-NET-2, TEST-NET-3
        case (224...255, _, _): return false  // multicast, reserved, broadcast
        default: return true
        }
    }
}
