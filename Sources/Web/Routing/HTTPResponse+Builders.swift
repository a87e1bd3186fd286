import HTTPServer

extension HTTPResponse {
    public static func json(_ value: JSON, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", "application/json")
        return HTTPResponse(status: status, headers: headers, body: JSONSerializer.serialize(value))
    }

    public static func noContent(headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        HTTPResponse(status: .noContent, headers: headers)
    }

    public static func text(_ text: String, contentType: String = "text/plain; charset=utf-8", status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }

    /// A list page in the API's shape `{"data":[...],"next_cursor":...}`.
    public static func page(_ items: [JSON], nextCursor: String?, extra: JSONObject = JSONObject()) -> HTTPResponse {
        var object: JSONObject = ["data": .array(items), "next_cursor": .optional(nextCursor)]
        for member in extra { object[member.key] = member.value }
        return json(.object(object))
    }

    /// Adds a strong ETag (RFC 9110 §8.8.3), quoting the given version tag.
    public func withETag(_ tag: String) -> HTTPResponse {
        var copy = self
        copy.headers.set("ETag", "\"\(tag)\"")
        return copy
    }
}
