import HTTPServer

/// The one error type that becomes an HTTP answer: an RFC 9457 problem. Anything else thrown by a
/// handler is a bug and is answered with a 500 whose detail reveals nothing.
public struct APIError: Error, Sendable {
    public var status: HTTPStatus
    /// A short, stable, machine-readable code; becomes the problem `type` (`/problems/<code>`).
    public var code: String
    public var title: LocalizedText
    public var detail: LocalizedText?
    public var errors: [FieldError]
    /// Extra response headers such as `Retry-After` or `WWW-Authenticate`.
    public var headers: HTTPHeaders
    /// Extra members of the problem object.
    public var extensions: JSONObject

    public init(
        _ status: HTTPStatus, code: String, title: LocalizedText? = nil, detail: LocalizedText? = nil,
        errors: [FieldError] = [], headers: HTTPHeaders = HTTPHeaders(), extensions: JSONObject = JSONObject()
    ) {
        self.status = status
        self.code = code
        self.title = title ?? APIError.standardTitle(status)
        self.detail = detail
        self.errors = errors
        self.headers = headers
        self.extensions = extensions
    }

    // MARK: - The common cases

    public static func badRequest(_ detail: LocalizedText, code: String = "bad_request") -> APIError {
        APIError(.badRequest, code: code, detail: detail)
    }

    public static func malformedJSON(_ reason: String) -> APIError {
        APIError(
            .badRequest, code: "malformed_json",
            detail: LocalizedText(en: "The body is not valid JSON: \(reason).", ko: "본문이 올바른 JSON이 아닙니다: \(reason)."))
    }

    public static func validation(_ errors: [FieldError]) -> APIError {
        APIError(
            .unprocessableContent, code: "validation_failed",
            detail: LocalizedText(en: "Some fields are invalid.", ko: "일부 필드가 올바르지 않습니다."), errors: errors)
    }

    public static func validation(field: String, _ message: String, ko: String? = nil) -> APIError {
        validation([FieldError(field, message, ko: ko)])
    }

    public static func unauthorized(_ detail: LocalizedText = LocalizedText(
        en: "Authentication is required.", ko: "인증이 필요합니다.")) -> APIError
    {
        APIError(.unauthorized, code: "unauthorized", detail: detail, headers: ["WWW-Authenticate": "Bearer"])
    }

    public static func forbidden(_ detail: LocalizedText = LocalizedText(
        en: "Your role does not allow this.", ko: "이 작업을 할 권한이 없습니다.")) -> APIError
    {
        APIError(.forbidden, code: "forbidden", detail: detail)
    }

    public static func notFound(_ what: String = "resource") -> APIError {
        APIError(
            .notFound, code: "not_found",
            detail: LocalizedText(en: "No such \(what).", ko: "해당 \(what)을(를) 찾을 수 없습니다."))
    }

    public static func conflict(_ detail: LocalizedText, code: String = "conflict") -> APIError {
        APIError(.conflict, code: code, detail: detail)
    }

    public static func preconditionFailed() -> APIError {
        APIError(
            .preconditionFailed, code: "stale_etag",
            detail: LocalizedText(
                en: "The resource changed since you read it (If-Match does not match the current ETag).",
                ko: "읽은 뒤에 리소스가 변경되었습니다 (If-Match가 현재 ETag와 다릅니다)."))
    }

    public static func unsupportedMediaType(expected: String) -> APIError {
        APIError(
            .unsupportedMediaType, code: "unsupported_media_type",
            detail: LocalizedText(en: "Send the body as \(expected).", ko: "본문을 \(expected) 형식으로 보내세요."))
    }

    public static func tooManyRequests(retryAfterSeconds: Int) -> APIError {
        APIError(
            .tooManyRequests, code: "rate_limited",
            detail: LocalizedText(en: "Too many attempts; try again later.", ko: "시도가 너무 많습니다. 잠시 후 다시 시도하세요."),
            headers: ["Retry-After": String(max(1, retryAfterSeconds))])
    }

    public static func serviceUnavailable(retryAfterSeconds: Int = 1) -> APIError {
        APIError(
            .serviceUnavailable, code: "busy",
            detail: LocalizedText(en: "The service is busy; retry shortly.", ko: "서비스가 바쁩니다. 잠시 후 다시 시도하세요."),
            headers: ["Retry-After": String(retryAfterSeconds)])
    }

    public static func `internal`() -> APIError {
        APIError(
            .internalServerError, code: "internal",
            detail: LocalizedText(en: "An unexpected error occurred; it has been logged.", ko: "예기치 않은 오류가 발생했습니다."))
    }

    static func standardTitle(_ status: HTTPStatus) -> LocalizedText {
        let ko: String? =
            switch status.code {
            case 400: "잘못된 요청"
            case 401: "인증 필요"
            case 403: "권한 없음"
            case 404: "찾을 수 없음"
            case 405: "허용되지 않는 메서드"
            case 406: "허용되지 않는 형식"
            case 409: "상태 충돌"
            case 412: "사전 조건 실패"
            case 413: "본문이 너무 큼"
            case 415: "지원하지 않는 미디어 형식"
            case 422: "처리할 수 없는 내용"
            case 428: "사전 조건 필요"
            case 429: "요청이 너무 많음"
            case 500: "서버 오류"
            case 503: "서비스 사용 불가"
            default: nil
            }
        return LocalizedText(en: status.reason, ko: ko)
    }
}
