import HTTPServer

/// A registered route: what the router needs at run time and what the OpenAPI document describes.
public struct Route<Context: RequestContext>: Sendable {
    public let method: HTTPMethod
    /// "/v1/seller/products/{id}"
    public let pattern: String
    public let options: RouteOptions
    public let documentation: OpenAPIOperation?
    /// The handler with its group's middleware already folded in.
    let handler: Handler<Context>
}
