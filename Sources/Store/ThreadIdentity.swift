import Foundation

/// The calling thread, to recognize a thread that already holds a connection (reentrant calls).
///
/// The bodies run synchronously, so a call cannot hop threads between acquiring and releasing a
/// connection, and a thread releases what it holds before it can exit: an identifier is never stale.
struct ThreadIdentity: Hashable, Sendable {
    private let raw: UInt

    static var current: ThreadIdentity {
        #if canImport(Darwin)
            ThreadIdentity(raw: UInt(bitPattern: pthread_self()))
        #else
            ThreadIdentity(raw: UInt(pthread_self()))
        #endif
    }
}
