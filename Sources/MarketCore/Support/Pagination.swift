import Crypto
import Web

/// `?limit=` (default 50, max 200) and an opaque `?cursor=`. The cursor is the base64url of the last
/// row's sort key, so pages stay stable while rows are added.
public struct Pagination: Sendable {
    public static let defaultLimit = 50
    public static let maxLimit = 200

    public let limit: Int
    /// The decoded sort key to continue after, or nil for the first page.
    public let after: String?

    public init(limit: Int = Pagination.defaultLimit, after: String? = nil) {
        self.limit = limit
        self.after = after
    }

    public init(_ query: QueryParameters) throws(APIError) {
        let validation = Validation()
        var limit = Pagination.defaultLimit
        if let text = query["limit"] {
            if let n = Int(text), (1...Pagination.maxLimit).contains(n) {
                limit = n
            } else {
                validation.add("limit", "must be a whole number from 1 to \(Pagination.maxLimit)", ko: "1부터 \(Pagination.maxLimit) 사이의 정수여야 합니다")
            }
        }
        var after: String? = nil
        if let cursor = query["cursor"], !cursor.isEmpty {
            if let bytes = Base64URL.decode(cursor), let key = String(validating: bytes, as: UTF8.self) {
                after = key
            } else {
                validation.add("cursor", "is not a cursor this API issued", ko: "올바른 커서가 아닙니다")
            }
        }
        try validation.check()
        self.limit = limit
        self.after = after
    }

    public static func cursor(for key: String) -> String { Base64URL.encode(Array(key.utf8)) }

    /// Given `limit + 1` fetched rows, the page and the cursor for the next one.
    public func page<T>(_ rows: [T], key: (T) -> String) -> (items: [T], nextCursor: String?) {
        guard rows.count > limit else { return (rows, nil) }
        let items = Array(rows.prefix(limit))
        return (items, items.last.map { Pagination.cursor(for: key($0)) })
    }
}
