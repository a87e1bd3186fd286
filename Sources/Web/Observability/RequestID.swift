import Synchronization

/// Request ids: the client's `X-Request-Id` when it is a sane token (so ids follow a request across
/// systems), otherwise a process-unique one: a random per-process prefix plus a counter, which costs
/// nothing per request and never repeats within a run.
public enum RequestID {
    private static let prefix: String = {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<8).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }()
    private static let counter = Atomic<UInt64>(0)

    public static func make(incoming: String?) -> String {
        if let incoming, incoming.utf8.count <= 64, !incoming.isEmpty,
            incoming.utf8.allSatisfy({ isTokenByte($0) })
        {
            return incoming
        }
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return "\(prefix)-\(String(n, radix: 36))"
    }

    private static func isTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
    }
}
