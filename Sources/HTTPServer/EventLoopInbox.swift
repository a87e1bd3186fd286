import CLinux
import Glibc
import Synchronization

/// The only way other threads talk to an event loop: tasks appended under a lock, and an eventfd written
/// once per batch to wake the loop from `epoll_wait`.
final class EventLoopInbox: Sendable {
    enum Task: Sendable {
        /// A worker-pool handler finished.
        case response(fd: Int32, id: UInt64, HTTPResponse)
        /// A streaming producer wrote a chunk.
        case streamChunk(fd: Int32, id: UInt64, [UInt8])
        /// A streaming producer returned (`ok`) or threw.
        case streamEnd(fd: Int32, id: UInt64, ok: Bool)
    }

    private struct State {
        var tasks: [Task] = []
        /// The eventfd was written and the loop has not taken the tasks yet: later posts need no syscall.
        var signalled = false
        var closed = false
    }

    let eventFD: Int32
    private let state = Mutex(State())

    init() throws {
        let fd = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard fd >= 0 else { throw HTTPServerError("eventfd", errno: errno) }
        eventFD = fd
    }

    func post(_ task: Task) {
        state.withLock { s in
            // Writing under the lock means `close()` can never race a write onto a reused descriptor.
            guard !s.closed else { return }
            s.tasks.append(task)
            if !s.signalled {
                s.signalled = true
                Self.signal(eventFD)
            }
        }
    }

    /// Wakes the loop without a task (shutdown).
    func wake() {
        state.withLock { s in
            guard !s.closed else { return }
            Self.signal(eventFD)
        }
    }

    /// Moves the pending tasks into `buffer` (which must be empty), reusing its storage.
    func take(into buffer: inout [Task]) {
        var counter: UInt64 = 0
        _ = read(eventFD, &counter, 8)
        state.withLock { s in
            s.signalled = false
            swap(&s.tasks, &buffer)
        }
    }

    func close() {
        state.withLock { s in
            guard !s.closed else { return }
            s.closed = true
            s.tasks = []
            _ = Glibc.close(eventFD)
        }
    }

    private static func signal(_ fd: Int32) {
        var one: UInt64 = 1
        _ = write(fd, &one, 8)
    }
}
