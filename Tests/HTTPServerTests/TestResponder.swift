import Glibc
import HTTPServer

/// The routes the end-to-end tests talk to.
struct TestResponder: HTTPResponder {
    func plan(for head: HTTPRequestHead) -> HTTPHandlingPlan {
        switch head.path {
        case "/hello":
            return HTTPHandlingPlan(maxBodyBytes: 0, placement: .eventLoop) { _ in
                HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain"], body: Array("hello".utf8))
            }
        case "/echo":
            // Echoes method, query and body from the worker pool.
            return HTTPHandlingPlan(maxBodyBytes: 1024, placement: .workerPool) { request in
                var headers: HTTPHeaders = ["Content-Type": "application/octet-stream"]
                headers.add("X-Method", request.method.rawValue)
                headers.add("X-Query", request.query)
                return HTTPResponse(status: .ok, headers: headers, body: request.body)
            }
        case "/slow":
            return HTTPHandlingPlan(maxBodyBytes: 0, placement: .workerPool) { _ in
                usleep(600_000)
                return HTTPResponse(status: .ok, body: Array("slow done".utf8))
            }
        case "/stream":
            return HTTPHandlingPlan(maxBodyBytes: 0, placement: .eventLoop) { _ in
                HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain"]) { writer in
                    for i in 0..<5 { try writer.write(Array("line \(i)\n".utf8)) }
                }
            }
        case "/big-stream":
            // 4 MiB through a 256 KiB high-water mark: the producer must block on a slow reader.
            return HTTPHandlingPlan(maxBodyBytes: 0, placement: .workerPool) { _ in
                HTTPResponse(status: .ok) { writer in
                    let block = [UInt8](repeating: 0x61, count: 64 * 1024)
                    for _ in 0..<64 { try writer.write(block) }
                }
            }
        case "/close":
            return HTTPHandlingPlan(maxBodyBytes: 0, placement: .eventLoop) { _ in
                HTTPResponse(status: .ok, headers: ["Connection": "close"], body: Array("bye".utf8))
            }
        case "/no-content":
            return HTTPHandlingPlan(maxBodyBytes: 0, placement: .eventLoop) { _ in
                HTTPResponse(status: .noContent, body: Array("ignored".utf8))
            }
        default:
            return HTTPHandlingPlan(maxBodyBytes: 0, placement: .eventLoop) { _ in
                HTTPResponse(status: .notFound, body: Array("not found".utf8))
            }
        }
    }
}
