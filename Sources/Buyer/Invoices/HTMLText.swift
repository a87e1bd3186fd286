/// Escaping for text placed in HTML element content or in a quoted attribute value (HTML Living
/// Standard §13.1.4; OWASP XSS prevention rule 1): the five characters that can end text, start a tag,
/// start a character reference or close an attribute. Every interpolated string of the printable invoice
/// goes through here — names, titles, addresses and SKUs are typed by other companies.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
