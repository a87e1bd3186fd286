/// `application/x-www-form-urlencoded` query parameters (WHATWG URL §5.1): `+` is a space, percent
/// escapes are decoded, the first occurrence of a name wins for `[]` single lookups.
/// An empty value (`?status=`) reads as absent, as a JSON `null` does in bodies (`FieldReader`): forms and
/// query builders send empty fields for "no filter", and one rule for every parameter keeps the API
/// predictable (the OpenAPI document says so with `allowEmptyValue` on every optional query parameter).
public struct QueryParameters: Sendable {
    public let pairs: [(name: String, value: String)]

    public init(_ query: String) {
        guard !query.isEmpty else {
            pairs = []
            return
        }
        pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { part in
            if let eq = part.firstIndex(of: "=") {
                return (PercentDecoding.decode(part[..<eq], plusAsSpace: true) ?? "",
                        PercentDecoding.decode(part[part.index(after: eq)...], plusAsSpace: true) ?? "")
            }
            return (PercentDecoding.decode(part, plusAsSpace: true) ?? "", "")
        }
    }

    public subscript(name: String) -> String? {
        for pair in pairs where pair.name == name { return pair.value.isEmpty ? nil : pair.value }
        return nil
    }

    public func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    public var names: [String] { pairs.map(\.name) }
}

public enum PercentDecoding {
    /// Decodes `%XX` escapes; nil for a broken escape or bytes that are not UTF-8.
    public static func decode<S: StringProtocol>(_ text: S, plusAsSpace: Bool = false) -> String? {
        let utf8 = Array(text.utf8)
        if !utf8.contains(UInt8(ascii: "%")) && !(plusAsSpace && utf8.contains(UInt8(ascii: "+"))) {
            return String(text)
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            if byte == UInt8(ascii: "%") {
                guard i + 2 < utf8.count, let high = hexValue(utf8[i + 1]), let low = hexValue(utf8[i + 2]) else {
                    return nil
                }
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(plusAsSpace && byte == UInt8(ascii: "+") ? 0x20 : byte)
                i += 1
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}
