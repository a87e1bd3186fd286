import Foundation
import HTTPServer

/// Turns routes into an `HTTPResponder`: finds the route for a request head, then runs its handler
/// and turns whatever it throws into a problem+json answer. Also the single place that adds the
/// request id, records metrics and writes the access log.
public final class WebApplication<Context: RequestContext>: HTTPResponder {
    public let router: Router<Context>
    public let metrics: Metrics
    let accessLog: AccessLog
    let fallback: StaticFiles?
    /// Maps errors from lower layers (e.g. the store's "database busy") to API errors; nil means "a bug".
    let translateError: @Sendable (any Error) -> APIError?
    /// Called for errors that became a 500, so they are logged with their request id.
    let reportBug: @Sendable (any Error, Request) -> Void
    /// Identifies the caller in the access log, when the context knows it.
    let describePrincipal: @Sendable (Context) -> String?
    let defaultMaxBodyBytes: Int

    public init(
        router: Router<Context>, metrics: Metrics = Metrics(), accessLog: AccessLog = AccessLog(enabled: false),
        staticFiles: StaticFiles? = nil, defaultMaxBodyBytes: Int = 1 << 20,
        translateError: @escaping @Sendable (any Error) -> APIError? = { _ in nil },
        reportBug: @escaping @Sendable (any Error, Request) -> Void = { error, request in
            FileHandle.standardError.write(Data("[bug] \(request.requestID) \(request.method) \(request.path): \(error)\n".utf8))
        },
        describePrincipal: @escaping @Sendable (Context) -> String? = { _ in nil }
    ) {
        router.freeze()
        self.router = router
        self.metrics = metrics
        self.accessLog = accessLog
        self.fallback = staticFiles
        self.defaultMaxBodyBytes = defaultMaxBodyBytes
        self.translateError = translateError
        self.reportBug = reportBug
        self.describePrincipal = describePrincipal
    }

    public func plan(for head: HTTPRequestHead) -> HTTPHandlingPlan {
        let language = Language.preferred(acceptLanguage: head.headers["Accept-Language"])
        let requestID = RequestID.make(incoming: head.headers["X-Request-Id"])
        switch router.trie.match(method: head.method, path: head.path) {
        case .found(let route, let parameters):
            return HTTPHandlingPlan(maxBodyBytes: route.options.maxBodyBytes, placement: route.options.placement) { http in
                let request = Request(
                    http: http, parameters: parameters, language: language, requestID: requestID,
                    routePattern: route.pattern)
                return self.run(route.handler, request)
            }
        case .methodNotAllowed(let allowed):
            return errorPlan(
                APIError(
                    .methodNotAllowed, code: "method_not_allowed",
                    detail: LocalizedText(en: "\(head.method) is not allowed here.", ko: "여기서는 \(head.method) 메서드를 쓸 수 없습니다."),
                    headers: ["Allow": allowed.map(\.rawValue).joined(separator: ", ")]),
                head: head, language: language, requestID: requestID)
        case .notFound:
            if let fallback, head.method == .get || head.method == .head {
                return HTTPHandlingPlan(maxBodyBytes: 0, placement: .eventLoop) { http in
                    let request = Request(http: http, language: language, requestID: requestID, routePattern: "static")
                    return self.run({ request, _ in try fallback.serve(request) }, request)
                }
            }
            return errorPlan(APIError.notFound("route"), head: head, language: language, requestID: requestID)
        }
    }

    private func errorPlan(_ error: APIError, head: HTTPRequestHead, language: Language, requestID: String) -> HTTPHandlingPlan {
        HTTPHandlingPlan(maxBodyBytes: defaultMaxBodyBytes, placement: .eventLoop) { http in
            let request = Request(http: http, language: language, requestID: requestID, routePattern: "unmatched")
            return self.run({ _, _ in throw error }, request)
        }
    }

    /// Runs a handler with the one error path and the bookkeeping every request gets.
    func run(_ handler: Handler<Context>, _ request: Request) -> HTTPResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        var context = Context()
        var response: HTTPResponse
        do {
            response = try handler(request, &context)
        } catch let error as APIError {
            response = error.response(language: request.language, requestID: request.requestID)
        } catch {
            if let translated = translateError(error) {
                response = translated.response(language: request.language, requestID: request.requestID)
            } else {
                reportBug(error, request)
                response = APIError.internal().response(language: request.language, requestID: request.requestID)
            }
        }
        response.headers.set("X-Request-Id", request.requestID)
        let micros = (DispatchTime.now().uptimeNanoseconds &- started) / 1000
        metrics.record(method: request.method.rawValue, route: request.routePattern, status: response.status.code, durationMicros: micros)
        accessLog.log(
            AccessLog.Entry(
                requestID: request.requestID, method: request.method.rawValue, path: request.path,
                route: request.routePattern, status: response.status.code, durationMicros: micros,
                bytesIn: request.body.count, remote: request.remoteAddress, principal: describePrincipal(context)))
        return response
    }
}
