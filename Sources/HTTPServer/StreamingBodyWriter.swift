/// The `HTTPBodyWriter` a streaming producer writes through, on a worker thread. Each chunk is posted to the
/// connection's event loop; `write` blocks while more than `highWater` bytes are queued or unsent, so a
/// producer can never run ahead of a slow client, and throws once the connection is gone.
final class StreamingBodyWriter: HTTPBodyWriter, @unchecked Sendable {
    struct ConnectionGone: Error {}

    private let inbox: EventLoopInbox
    private let fd: Int32
    private let id: UInt64
    private let highWater: Int

    // Guarded by `condition`; @unchecked Sendable is confined to these fields.
    private let condition = ThreadCondition()
    /// Bytes posted to the loop but not yet appended to the connection's output.
    private var queued = 0
    /// Bytes in the connection's output not yet accepted by the kernel.
    private var unsent = 0
    private var dead = false

    init(inbox: EventLoopInbox, fd: Int32, id: UInt64, highWater: Int) {
        self.inbox = inbox
        self.fd = fd
        self.id = id
        self.highWater = highWater
    }

    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        while !dead && queued + unsent > highWater { condition.wait() }
        if dead { throw ConnectionGone() }
        queued += bytes.count
        inbox.post(.streamChunk(fd: fd, id: id, bytes))
    }

    /// Called by the producer's job when it returns or throws.
    func finish(ok: Bool) {
        inbox.post(.streamEnd(fd: fd, id: id, ok: ok))
    }

    /// Loop thread: `appended` bytes moved into the output, of which `unsent` (in total) still wait.
    func update(appended: Int, unsent: Int) {
        condition.lock()
        queued -= appended
        self.unsent = unsent
        if queued + unsent <= highWater { condition.broadcast() }
        condition.unlock()
    }

    /// Loop thread: the connection closed; wake and fail the producer.
    func markDead() {
        condition.lock()
        dead = true
        condition.broadcast()
        condition.unlock()
    }
}
