import Web

/// OpenAPI descriptions of the identity routes.
enum IdentityDocs {
    static let tag = ["Identity"]

    static let signUp = OpenAPIOperation(
        summary: "Sign up an organization with its first admin",
        description: "Suppliers start `pending` until the operator approves them; buyers start `active`.",
        tags: tag,
        requestBody: OpenAPIRequestBody(
            Schema.object(
                [
                    ("kind", Schema.string(enum: ["buyer", "supplier"])), ("name", Schema.string(minLength: 1, maxLength: 200)),
                    ("country", Schema.string(pattern: "^[A-Z]{2}$")), ("default_currency", Schema.string(pattern: "^[A-Z]{3}$")),
                    ("admin", Schema.object(
                        [("email", Schema.string(format: "email", maxLength: 254)), ("password", Schema.string(minLength: 10, maxLength: 256)),
                         ("name", Schema.string(minLength: 1, maxLength: 200))], required: ["email", "password", "name"])),
                ], required: ["kind", "name", "country", "default_currency", "admin"]),
            example: ["kind": "buyer", "name": "Hanil Construction", "country": "KR", "default_currency": "KRW",
                      "admin": ["email": "kim@hanil.example", "password": "correct horse battery", "name": "Kim Minji"]]),
        responses: [
            OpenAPIResponse(201, "Created", schema: Schema.object([("organization", Schema.ref("Organization")), ("user", Schema.ref("User"))])),
            OpenAPIResponse(409, "Email already registered", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static let login = OpenAPIOperation(
        summary: "Log in: exchange email and password for a bearer token",
        description: "Wrong email and wrong password give the same 401. Repeated failures per account or address give 429 with Retry-After.",
        tags: tag,
        requestBody: OpenAPIRequestBody(
            Schema.object([("email", Schema.string(maxLength: 254)), ("password", Schema.string(maxLength: 256))], required: ["email", "password"])),
        responses: [
            OpenAPIResponse(201, "Token issued", schema: Schema.object(
                [("token", Schema.string()), ("expires_at", Schema.dateTime), ("user", Schema.ref("User")), ("organization", Schema.ref("Organization"))],
                required: ["token", "expires_at", "user", "organization"])),
            OpenAPIResponse(401, "Wrong credentials", contentType: "application/problem+json", schema: Schema.ref("Problem")),
            OpenAPIResponse(429, "Too many failures", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static let logout = OpenAPIOperation(
        summary: "Revoke the token in use", tags: tag, responses: [OpenAPIResponse(204, "Revoked")])

    static let me = OpenAPIOperation(
        summary: "The caller: user, organization and roles", tags: tag,
        responses: [OpenAPIResponse(200, "The caller", schema: Schema.object(
            [("user", Schema.ref("User")), ("organization", Schema.ref("Organization")), ("roles", Schema.array(Schema.string())),
             ("credential", Schema.string(enum: ["login", "api_key"]))]))])

    static let addUser = OpenAPIOperation(
        summary: "Add a user to your organization (admin)", tags: tag,
        parameters: [OpenAPIParameter("id", in: .path), CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(Schema.object(
            [("email", Schema.string(format: "email", maxLength: 254)), ("name", Schema.string(minLength: 1, maxLength: 200)),
             ("password", Schema.string(minLength: 10, maxLength: 256)),
             ("roles", Schema.array(Schema.string(enum: Role.allCases.map(\.rawValue)), minItems: 1, maxItems: 6))],
            required: ["email", "name", "password", "roles"])),
        responses: [
            OpenAPIResponse(201, "Created", schema: Schema.ref("User")),
            OpenAPIResponse(404, "Not your organization", contentType: "application/problem+json", schema: Schema.ref("Problem")),
            OpenAPIResponse(409, "Email already registered", contentType: "application/problem+json", schema: Schema.ref("Problem")),
        ])

    static let apiKey = Schema.object(
        [("id", Schema.string()), ("name", Schema.string()), ("roles", Schema.array(Schema.string())),
         ("created_at", Schema.dateTime), ("expires_at", Schema.dateTime), ("revoked_at", Schema.nullable(Schema.dateTime))])

    static let createKey = OpenAPIOperation(
        summary: "Create an API key (admin); the key is shown once", tags: tag,
        parameters: [CommonSchemas.idempotencyKey],
        requestBody: OpenAPIRequestBody(Schema.object(
            [("name", Schema.string(minLength: 1, maxLength: 100)),
             ("roles", Schema.array(Schema.string(enum: Role.allCases.map(\.rawValue)), minItems: 1, maxItems: 6)),
             ("expires_in_days", Schema.integer(minimum: 1, maximum: 3650))], required: ["name", "roles"])),
        responses: [OpenAPIResponse(201, "Created; `key` is the secret, shown only now", schema: Schema.object(
            [("id", Schema.string()), ("name", Schema.string()), ("key", Schema.string()), ("roles", Schema.array(Schema.string())),
             ("expires_at", Schema.dateTime), ("created_at", Schema.dateTime)]))])

    static let listKeys = OpenAPIOperation(
        summary: "List your organization's API keys (admin)", tags: tag, parameters: CommonSchemas.pageParameters,
        responses: [OpenAPIResponse(200, "Keys, without secrets", schema: Schema.page(apiKey))])

    static let revokeKey = OpenAPIOperation(
        summary: "Revoke an API key (admin)", tags: tag, parameters: [OpenAPIParameter("id", in: .path)],
        responses: [OpenAPIResponse(204, "Revoked"), OpenAPIResponse(404, "No such key in your organization", contentType: "application/problem+json", schema: Schema.ref("Problem"))])
}
