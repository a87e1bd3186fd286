import HTTPServer
import Web

/// The one authorization check: authenticates the caller, then demands the route's organization kind
/// and roles. Wrong kind or role is 403; no credential is 401.
struct AccessControl: Middleware {
    let access: Access
    let authenticator: Authenticator

    func handle(_ request: Request, context: inout MarketContext, next: Handler<MarketContext>) throws -> HTTPResponse {
        switch access {
        case .anyone:
            context.principal = try? authenticator.principal(for: request)
        case .signedIn:
            guard let principal = try authenticator.principal(for: request) else { throw APIError.unauthorized() }
            context.principal = principal
        case .members(let kind, let roles):
            guard let principal = try authenticator.principal(for: request) else { throw APIError.unauthorized() }
            guard principal.organizationKind == kind else {
                throw APIError.forbidden(LocalizedText(
                    en: "This route is for \(kind.rawValue) organizations.", ko: "이 경로는 \(kind.rawValue) 조직 전용입니다."))
            }
            guard roles.isEmpty || principal.has(anyOf: roles) else {
                let names = roles.sorted().map(\.rawValue).joined(separator: ", ")
                throw APIError.forbidden(LocalizedText(en: "This needs one of the roles: \(names).", ko: "다음 역할 중 하나가 필요합니다: \(names)."))
            }
            context.principal = principal
        }
        // A suspended organization keeps read access (its orders, statements, payouts) but changes nothing.
        if let principal = context.principal, principal.organizationStatus == .suspended,
            request.method != .get, request.method != .head, request.path != "/v1/auth/tokens/current"
        {
            throw APIError(
                .forbidden, code: "organization_suspended",
                detail: LocalizedText(
                    en: "Your organization is suspended; it can read but not change anything. Contact the operator.",
                    ko: "조직이 정지되어 조회만 가능합니다. 운영자에게 문의하세요."))
        }
        return try next(request, &context)
    }
}
