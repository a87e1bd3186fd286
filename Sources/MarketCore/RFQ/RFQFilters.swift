import Web

/// The list filters of both sides, validated like body fields.
public enum RFQFilters {
    /// `?status=open|closed|awarded|cancelled`; nil when absent.
    public static func status(_ query: QueryParameters) throws(APIError) -> RFQStatus? {
        guard let text = query["status"], !text.isEmpty else { return nil }
        guard let status = RFQStatus(rawValue: text) else {
            throw APIError.validation(field: "query.status", "must be one of: \(RFQStatus.allCases.map(\.rawValue).joined(separator: ", "))",
                                      ko: "open, closed, awarded, cancelled 중 하나여야 합니다")
        }
        return status
    }

    /// A supplier's `?response=pending|quoted|declined`; nil when absent.
    public static func response(_ query: QueryParameters) throws(APIError) -> String? {
        guard let text = query["response"], !text.isEmpty else { return nil }
        guard ["pending", "quoted", "declined"].contains(text) else {
            throw APIError.validation(field: "query.response", "must be one of: pending, quoted, declined",
                                      ko: "pending, quoted, declined 중 하나여야 합니다")
        }
        return text
    }
}
