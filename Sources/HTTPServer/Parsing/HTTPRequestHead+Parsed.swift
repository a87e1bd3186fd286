extension HTTPRequestHead {
    /// Builds a head from parts the parser already split, so no second scan for `?` is needed.
    init(
        method: HTTPMethod, target: String, path: String, query: String, version: HTTPVersion,
        headers: HTTPHeaders
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
        self.remoteAddress = ""
    }
}
