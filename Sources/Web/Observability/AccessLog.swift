import Foundation
import Synchronization

/// One JSON line per request on standard error. Lines are buffered and written by a background thread
/// at most every 200 ms (or when 64 KiB are pending), so logging never blocks a request on a slow
/// terminal or pipe.
public final class AccessLog: Sendable {
    private let pending = Mutex<[UInt8]>([])
    private let enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
        guard enabled else { return }
        let thread = Thread { [weak self] in
            while let self {
                Thread.sleep(forTimeInterval: 0.2)
                self.flush()
            }
        }
        thread.name = "access-log"
        thread.start()
    }

    public struct Entry {
        public var requestID: String
        public var method: String
        public var path: String
        public var route: String
        public var status: Int
        public var durationMicros: UInt64
        public var bytesIn: Int
        public var remote: String
        public var principal: String?
    }

    public func log(_ entry: Entry) {
        guard enabled else { return }
        var line: [UInt8] = []
        line.reserveCapacity(200)
        var object: JSONObject = [
            "ts": .string(ISO8601DateFormatter.string(from: Date(), timeZone: .gmt, formatOptions: [.withInternetDateTime, .withFractionalSeconds])),
            "request_id": .string(entry.requestID),
            "method": .string(entry.method),
            "path": .string(entry.path),
            "route": .string(entry.route),
            "status": .int(entry.status),
            "duration_us": .int(entry.durationMicros),
            "bytes_in": .int(entry.bytesIn),
            "remote": .string(entry.remote),
        ]
        if let principal = entry.principal { object["principal"] = .string(principal) }
        JSONSerializer.write(.object(object), into: &line)
        line.append(0x0A)
        let shouldFlush = pending.withLock { buffer in
            buffer.append(contentsOf: line)
            return buffer.count > 64 * 1024
        }
        if shouldFlush { flush() }
    }

    public func flush() {
        let bytes = pending.withLock { buffer -> [UInt8] in
            let out = buffer
            buffer.removeAll(keepingCapacity: true)
            return out
        }
        guard !bytes.isEmpty else { return }
        FileHandle.standardError.write(Data(bytes))
    }
}
