import Foundation
import HTTPServer
import MarketCore
import Store
import Web

/// /healthz, /readyz, /metrics and /openapi.json.
enum SystemRoutes {
    static func register(router: Router<MarketContext>, services: MarketServices, metrics: Metrics, stats: ServerStatsSource) {
        let system = router.group("")
        let healthBody = JSONSerializer.serialize(["status": "ok"])

        // Process up: answered on the event loop, no database.
        system.get("/healthz", options: .inline, doc: OpenAPIOperation(
            summary: "Liveness: the process answers", tags: ["System"],
            responses: [OpenAPIResponse(200, "Up", schema: Schema.object([("status", Schema.string())]))])
        ) { _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: healthBody)
        }

        system.get("/readyz", doc: OpenAPIOperation(
            summary: "Readiness: the database answers", tags: ["System"],
            responses: [
                OpenAPIResponse(200, "Ready", schema: Schema.object([("status", Schema.string())])),
                OpenAPIResponse(503, "Database unavailable", contentType: "application/problem+json", schema: Schema.ref("Problem")),
            ])
        ) { _, _ in
            do {
                _ = try services.database.read { db in try db.scalar("SELECT count(*) FROM schema_migrations") }
            } catch {
                throw APIError(.serviceUnavailable, code: "not_ready", detail: "The database does not answer.", headers: ["Retry-After": "1"])
            }
            return .json(["status": "ready"])
        }

        system.get("/metrics", options: .inline, doc: OpenAPIOperation(
            summary: "Prometheus metrics", tags: ["System"],
            responses: [OpenAPIResponse(200, "Text exposition format", contentType: "text/plain", schema: Schema.string())])
        ) { _, _ in
            let store = services.database.writeStatistics
            let storeGauges: [(name: String, help: String, value: Int)] = [
                ("store_writes_committed_total", "Write transactions committed since start.", store.writes),
                ("store_commits_total", "COMMITs that stored them: fewer under load, as concurrent writes share one (group commit).", store.commits),
                ("store_writes_waiting", "Writes waiting for the single writer now.", store.waiting),
                ("store_readers_open", "Reader connections open (they open on demand).", services.database.openReaderCount),
            ]
            return .text(metrics.render(gauges: stats.gauges + storeGauges), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }

        system.get("/openapi.json", options: .inline, doc: OpenAPIOperation(
            summary: "This API's OpenAPI 3.1 description", tags: ["System"],
            responses: [OpenAPIResponse(200, "The document", schema: Schema.anyObject)])
        ) { _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: APIDescription.bytes(router))
        }
    }
}
