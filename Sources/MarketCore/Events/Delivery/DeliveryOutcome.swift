/// What one HTTP attempt produced: a status code, or an error saying why there was none.
struct DeliveryOutcome: Sendable {
    var statusCode: Int?
    var error: String?
    /// The first bytes of the response body, for the delivery log.
    var responseExcerpt: String?
    var durationMilliseconds: Int

    /// Any 2xx is success; a redirect is not followed (its target was never validated) and counts as failure.
    var isSuccess: Bool { statusCode.map { (200...299).contains($0) } ?? false }

    /// The log's one-line reason for a failure.
    var failureReason: String {
        if let error { return error }
        if let statusCode { return "HTTP \(statusCode)" }
        return "no response"
    }
}
