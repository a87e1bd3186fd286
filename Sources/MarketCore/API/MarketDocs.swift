import Synchronization
import Web

/// Component schemas contributed by role modules (registered at start, before the document is built).
public enum MarketDocs {
    private static let registered = Mutex<[(String, JSON)]>([])

    public static func addComponent(_ name: String, _ schema: JSON) {
        registered.withLock { all in
            if !all.contains(where: { $0.0 == name }) { all.append((name, schema)) }
        }
    }

    public static var components: [(String, JSON)] { registered.withLock { $0 } }
}
