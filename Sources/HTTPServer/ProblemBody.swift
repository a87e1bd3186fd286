/// The RFC 9457 problem document the server itself answers with when a request never reached a handler
/// (parse errors, limits, timeouts). Built by hand: the module has no JSON coder and the shape is fixed.
enum ProblemBody {
    static func json(status: HTTPStatus, detail: String) -> [UInt8] {
        var s = #"{"type":"about:blank","title":"#
        s += quoted(status.reason)
        s += #","status":"#
        s += String(status.code)
        s += #","detail":"#
        s += quoted(detail)
        s += "}"
        return Array(s.utf8)
    }

    /// A JSON string literal (RFC 8259 §7).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func response(_ error: HTTPParseError) -> HTTPResponse {
        HTTPResponse(
            status: error.status, headers: ["Content-Type": "application/problem+json"],
            body: json(status: error.status, detail: error.detail))
    }
}
