import Web

/// Cursors of the append-only admin lists: the rowid of the last row seen (insertion order, which ids —
/// ordered only to the millisecond — cannot guarantee). Opaque to clients like every cursor.
enum RowCursor {
    static func decode(_ key: String?) throws(APIError) -> Int64 {
        guard let key else { return 0 }
        guard let value = Int64(key), value >= 0 else {
            throw APIError.validation(field: "query.cursor", "is not a cursor this API issued", ko: "올바른 커서가 아닙니다")
        }
        return value
    }
}
