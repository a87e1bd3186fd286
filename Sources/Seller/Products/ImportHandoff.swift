import Dispatch
import Synchronization

/// Batches of prepared rows passed from the thread that reads an import file to the one that writes it,
/// at most `capacity` batches ahead, so a file never sits in memory parsed.
final class ImportHandoff: Sendable {
    private struct State {
        var batches: [[PreparedRow]] = []
        var cancelled = false
    }

    private let state = Mutex(State())
    /// One signal per batch put, and one for the end.
    private let filled = DispatchSemaphore(value: 0)
    private let room: DispatchSemaphore

    init(capacity: Int) { room = DispatchSemaphore(value: capacity) }

    /// Reader: hands over a batch, waiting for room; false when the writer has stopped.
    func put(_ batch: [PreparedRow]) -> Bool {
        room.wait()
        let accepted = state.withLock { state -> Bool in
            guard !state.cancelled else { return false }
            state.batches.append(batch)
            return true
        }
        if accepted { filled.signal() }
        return accepted
    }

    /// Reader: no more batches.
    func finish() { filled.signal() }

    /// Writer: the next batch, or nil once the reader has finished.
    func take() -> [PreparedRow]? {
        filled.wait()
        let batch = state.withLock { state -> [PreparedRow]? in
            state.batches.isEmpty ? nil : state.batches.removeFirst()
        }
        if batch != nil { room.signal() }
        return batch
    }

    /// Writer: stop the reader (after a failure, or at the end).
    func cancel() {
        state.withLock { $0.cancelled = true }
        room.signal()
    }
}
