import HTTPServer

extension APIError {
    /// RFC 9457 problem details in the caller's language.
    public func problemJSON(language: Language, instance: String? = nil) -> JSON {
        var object: JSONObject = [
            "type": .string("/problems/\(code)"),
            "title": .string(title.text(language)),
            "status": .int(status.code),
            "detail": .string((detail ?? title).text(language)),
        ]
        if let instance { object["instance"] = .string(instance) }
        if !errors.isEmpty {
            object["errors"] = .array(
                errors.map { ["field": .string($0.field), "message": .string($0.message.text(language))] })
        }
        for member in extensions { object[member.key] = member.value }
        return .object(object)
    }

    public func response(language: Language, requestID: String? = nil) -> HTTPResponse {
        var headers = self.headers
        headers.set("Content-Type", "application/problem+json")
        headers.set("Content-Language", language.rawValue)
        return HTTPResponse(
            status: status, headers: headers,
            body: JSONSerializer.serialize(problemJSON(language: language, instance: requestID.map { "urn:request:\($0)" })))
    }
}
