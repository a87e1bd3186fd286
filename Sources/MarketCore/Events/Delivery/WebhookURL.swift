import Glibc

/// A subscriber's endpoint, parsed strictly: `http` or `https`, a host, an optional port, a path and
/// query. Refused: other schemes, user info (`user:pass@` — credentials belong in the signature, and
/// URLs end up in logs), fragments, whitespace and control characters, non-ASCII (send punycode), URLs
/// longer than 2,048 bytes.
///
/// Private addresses (SSRF): unless `WebhookSettings.allowPrivateAddresses`, a URL whose host is a
/// non-public IP literal or an obviously internal name (`localhost`, `*.local`, `*.internal`, single
/// labels, ...) is refused when the subscription is created. That check is a courtesy; the real one is
/// done by `DeliveryClient` on every attempt, against the addresses the name resolves to at that
/// moment, which also defeats DNS rebinding.
public struct WebhookURL: Sendable, Equatable {
    public static let maxLength = 2048

    public let scheme: String
    /// Lowercased; an IPv6 literal without its brackets.
    public let host: String
    public let port: Int
    /// Path and query, at least "/".
    public let target: String
    public let isIPLiteral: Bool

    public var isTLS: Bool { scheme == "https" }

    /// The normalized text stored and shown back.
    public var text: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let defaultPort = isTLS ? 443 : 80
        return "\(scheme)://\(hostPart)\(port == defaultPort ? "" : ":\(port)")\(target)"
    }

    /// The `Host` header value (RFC 9110 §7.2).
    var hostHeader: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return port == (isTLS ? 443 : 80) ? hostPart : "\(hostPart):\(port)"
    }

    public enum Problem: Error, Sendable, Equatable {
        case tooLong, invalidCharacters, scheme, credentials, fragment, host, port, privateAddress

        public var message: String {
            switch self {
            case .tooLong: "must be at most \(WebhookURL.maxLength) characters"
            case .invalidCharacters: "must not contain spaces, control or non-ASCII characters"
            case .scheme: "must start with http:// or https://"
            case .credentials: "must not contain a user name or password"
            case .fragment: "must not contain a fragment (#...)"
            case .host: "must name a valid host"
            case .port: "has an invalid port"
            case .privateAddress: "must point to a public internet address, not a private, loopback or internal one"
            }
        }

        public var messageKO: String {
            switch self {
            case .tooLong: "\(WebhookURL.maxLength)자 이하여야 합니다"
            case .invalidCharacters: "공백, 제어 문자 또는 ASCII가 아닌 문자를 포함할 수 없습니다"
            case .scheme: "http:// 또는 https://로 시작해야 합니다"
            case .credentials: "사용자 이름이나 비밀번호를 포함할 수 없습니다"
            case .fragment: "프래그먼트(#...)를 포함할 수 없습니다"
            case .host: "올바른 호스트여야 합니다"
            case .port: "포트가 올바르지 않습니다"
            case .privateAddress: "사설, 루프백 또는 내부 주소가 아닌 공개 인터넷 주소여야 합니다"
            }
        }
    }

    /// Parses and checks a URL; `allowPrivate` skips the internal-host check.
    public static func parse(_ text: String, allowPrivate: Bool) -> Result<WebhookURL, Problem> {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxLength else { return .failure(.tooLong) }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return .failure(.invalidCharacters) }
        let lower = text.lowercased()
        let scheme: String
        if lower.hasPrefix("https://") {
            scheme = "https"
        } else if lower.hasPrefix("http://") {
            scheme = "http"
        } else {
            return .failure(.scheme)
        }
        let rest = text.dropFirst(scheme.count + 3)
        if rest.contains("#") { return .failure(.fragment) }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var target = String(rest[authorityEnd...])
        if target.hasPrefix("?") { target = "/" + target }
        if target.isEmpty { target = "/" }
        if authority.contains("@") { return .failure(.credentials) }

        var hostText: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return .failure(.host) }
            hostText = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return .failure(.host) }
                portText = after.dropFirst()
            }
        } else if let colon = authority.firstIndex(of: ":") {
            hostText = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            hostText = authority
        }
        let defaultPort = scheme == "https" ? 443 : 80
        var port = defaultPort
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit), let value = Int(portText),
                (1...65535).contains(value)
            else { return .failure(.port) }
            port = value
        }
        let host = hostText.lowercased()
        guard !host.isEmpty else { return .failure(.host) }

        let isIPLiteral: Bool
        if authority.hasPrefix("[") {
            guard let address = NetworkAddress(ipv6: host) else { return .failure(.host) }
            if !allowPrivate && !address.isPublic { return .failure(.privateAddress) }
            isIPLiteral = true
        } else if let address = NetworkAddress(ipv4: host) {
            if !allowPrivate && !address.isPublic { return .failure(.privateAddress) }
            isIPLiteral = true
        } else {
            guard isValidHostName(host) else { return .failure(.host) }
            if !allowPrivate && isInternalName(host) { return .failure(.privateAddress) }
            isIPLiteral = false
        }
        return .success(WebhookURL(scheme: scheme, host: host, port: port, target: target, isIPLiteral: isIPLiteral))
    }

    /// RFC 1123 host names: dot-separated labels of letters, digits and hyphens, 1–63 each, 253 in all.
    /// A last label that looks numeric ("10.1", "0x7f") is refused: resolvers read such names as IPv4
    /// in shorthand forms, a classic way around address filters.
    static func isValidHostName(_ host: String) -> Bool {
        guard host.utf8.count <= 253, !host.hasSuffix(".") else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-",
                label.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
            else { return false }
        }
        guard let last = labels.last else { return false }
        if last.allSatisfy(\.isASCIIDigit) || (last.hasPrefix("0x") && last.dropFirst(2).allSatisfy(\.isHexDigit)) {
            return false
        }
        return true
    }

    /// Names that only resolve inside a network: single labels, `localhost` (RFC 6761 §6.3), mDNS
    /// `.local` (RFC 6762), `.home.arpa` (RFC 8375), `.internal`, `.localdomain`.
    static func isInternalName(_ host: String) -> Bool {
        if !host.contains(".") { return true }
        let suffixes = [".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".lan", ".intranet", ".corp"]
        return host == "localhost" || suffixes.contains { host.hasSuffix($0) }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
