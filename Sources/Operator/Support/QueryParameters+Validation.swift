import Foundation
import MarketCore
import Web

/// Query-string filters of the admin lists, validated like body fields (`query.<name>` in `errors[]`).
extension QueryParameters {
    /// An RFC 3339 instant such as `?at=2026-11-30T00:00:00Z`.
    func timestamp(_ name: String, _ validation: Validation) -> Date? {
        guard let text = self[name], !text.isEmpty else { return nil }
        guard let date = Timestamp.parse(text, allowDateOnly: true) else {
            validation.add("query.\(name)", "must be an RFC 3339 date-time such as 2026-11-30T00:00:00Z",
                           ko: "RFC 3339 날짜-시간이어야 합니다 (예: 2026-11-30T00:00:00Z)")
            return nil
        }
        return date
    }

    /// A value from a closed set.
    func oneOf(_ name: String, _ allowed: [String], _ validation: Validation) -> String? {
        guard let text = self[name], !text.isEmpty else { return nil }
        guard allowed.contains(text) else {
            let list = allowed.joined(separator: ", ")
            validation.add("query.\(name)", "must be one of: \(list)", ko: "다음 중 하나여야 합니다: \(list)")
            return nil
        }
        return text
    }

    /// An ISO 4217 code.
    func currency(_ name: String, _ validation: Validation, required: Bool = false) -> Currency? {
        guard let text = self[name], !text.isEmpty else {
            if required { validation.add("query.\(name)", "is required", ko: "필수 항목입니다") }
            return nil
        }
        guard let currency = Currency(code: text) else {
            validation.add("query.\(name)", "must be an ISO 4217 currency code such as USD, EUR, KRW",
                           ko: "ISO 4217 통화 코드여야 합니다 (예: USD, EUR, KRW)")
            return nil
        }
        return currency
    }

    /// A plain string filter (an id), bounded so junk never reaches SQL as a huge value.
    func text(_ name: String, _ validation: Validation, maxLength: Int = 100) -> String? {
        guard let text = self[name], !text.isEmpty else { return nil }
        guard text.utf8.count <= maxLength else {
            validation.add("query.\(name)", "must be at most \(maxLength) characters", ko: "최대 \(maxLength)자까지 가능합니다")
            return nil
        }
        return text
    }
}
