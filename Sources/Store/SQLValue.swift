// One value as SQLite stores it: the five storage classes of https://www.sqlite.org/datatype3.html.
// Money never travels as `.real`; callers store minor units as `.integer` or decimals as `.text`.

public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

// MARK: - Literals

extension SQLValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    /// SQLite has no boolean type: true and false are the integers 1 and 0.
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

// MARK: - Reading

extension SQLValue {
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var int64Value: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var intValue: Int? {
        guard let value = int64Value else { return nil }
        return Int(exactly: value)
    }

    /// 0 is false, any other integer is true; other storage classes are not booleans.
    public var boolValue: Bool? {
        guard let value = int64Value else { return nil }
        return value != 0
    }

    /// Integers widen to Double; text does not parse.
    public var doubleValue: Double? {
        switch self {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }

    public var stringValue: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    /// A blob's bytes, or a text's UTF-8 bytes.
    public var blobValue: [UInt8]? {
        switch self {
        case .blob(let bytes): return bytes
        case .text(let string): return Array(string.utf8)
        default: return nil
        }
    }
}

// MARK: - Description

extension SQLValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .null: return "NULL"
        case .integer(let value): return String(value)
        case .real(let value): return String(value)
        case .text(let value): return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let bytes):
            return "x'"
                + bytes.map { byte in
                    let hex = String(byte, radix: 16, uppercase: true)
                    return byte < 16 ? "0" + hex : hex
                }.joined() + "'"
        }
    }
}
