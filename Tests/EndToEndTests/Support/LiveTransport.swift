import HTTPServer
import Web

/// Sends test requests over a real TCP connection to a server on loopback.
struct LiveTransport: TestTransport {
    let host: String
    let port: Int

    func send(_ head: HTTPRequestHead, body: [UInt8]) throws -> TestResponse {
        let response = try HTTPClient.send(
            method: head.method, host: host, port: port, path: head.target, headers: head.headers, body: body,
            timeoutSeconds: 30)
        return TestResponse(status: response.status, headers: response.headers, body: response.body)
    }
}
