import Web

/// Reading the API's money shapes from request bodies, with errors that name the field.
extension FieldReader {
    /// An ISO 4217 code.
    public func currency(_ key: String, required: Bool = false) -> Currency? {
        guard let code = string(key, required: required, maxLength: 3) else { return nil }
        guard let currency = Currency(code: code) else {
            fail(key, "must be an ISO 4217 currency code such as USD, EUR, KRW", ko: "ISO 4217 통화 코드여야 합니다 (예: USD, EUR, KRW)")
            return nil
        }
        return currency
    }

    /// `{"amount":"1234.50","currency":"USD"}` with at most the currency's minor-unit digits.
    public func money(_ key: String, required: Bool = false, allowNegative: Bool = false) -> Money? {
        guard let object = object(key, required: required) else { return nil }
        guard let amountText = object.string("amount", required: true, maxLength: 40),
            let currency = object.currency("currency", required: true)
        else { return nil }
        do {
            let money = try Money.parse(amount: amountText, currency: currency)
            if money.isNegative && !allowNegative {
                object.fail("amount", "must not be negative", ko: "음수일 수 없습니다")
                return nil
            }
            return money
        } catch {
            object.fail("amount", "must be a decimal string with at most \(currency.minorUnits) decimals for \(currency.code) (\(error))",
                        ko: "\(currency.code)는 소수점 이하 \(currency.minorUnits)자리까지의 10진수 문자열이어야 합니다")
            return nil
        }
    }

    /// A decimal string such as a unit price ("8.10", up to `maxScale` decimals) or a percent ("8.5").
    public func decimal(_ key: String, required: Bool = false, maxScale: Int = 6, min: ExactDecimal? = nil, max: ExactDecimal? = nil) -> ExactDecimal? {
        guard let value = raw(key) else {
            if required { fail(key, "is required", ko: "필수 항목입니다") }
            return nil
        }
        let text: String
        switch value {
        case .string(let s): text = s
        default:
            fail(key, "must be a decimal string such as \"12.50\"", ko: "\"12.50\" 같은 10진수 문자열이어야 합니다")
            return nil
        }
        guard let decimal = try? ExactDecimal.parse(text, maxScale: maxScale) else {
            fail(key, "must be a decimal string with at most \(maxScale) decimals", ko: "소수점 이하 \(maxScale)자리까지의 10진수 문자열이어야 합니다")
            return nil
        }
        if let min, decimal < min {
            fail(key, "must be at least \(min)", ko: "\(min) 이상이어야 합니다")
            return nil
        }
        if let max, decimal > max {
            fail(key, "must be at most \(max)", ko: "\(max) 이하여야 합니다")
            return nil
        }
        return decimal
    }

    /// An RFC 3339 timestamp (or a date when `allowDateOnly`).
    public func timestamp(_ key: String, required: Bool = false, allowDateOnly: Bool = false) -> Date? {
        guard let text = string(key, required: required, maxLength: 40) else { return nil }
        guard let date = Timestamp.parse(text, allowDateOnly: allowDateOnly) else {
            fail(key, "must be an RFC 3339 date-time such as 2026-11-30T00:00:00Z", ko: "RFC 3339 날짜-시간이어야 합니다 (예: 2026-11-30T00:00:00Z)")
            return nil
        }
        return date
    }
}

import Foundation

extension Money {
    /// The API's money object.
    public var json: JSON { ["amount": .string(amountString), "currency": .string(currency.code)] }
}
