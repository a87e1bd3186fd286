import CLinux
import Glibc

extension EventLoop {
    /// Accepts every pending connection (the listener is edge-triggered, so it must be drained).
    ///
    /// Beyond `maxConnections` a connection is accepted and closed at once rather than left in the backlog:
    /// the client learns immediately instead of timing out, and the kernel queue never fills with
    /// connections we will not serve. When descriptors run out (EMFILE), accepting pauses until the next
    /// timer tick instead of spinning.
    func acceptConnections() {
        guard listenFD >= 0 else { return }
        acceptPaused = false
        let limit = shared.configuration.maxConnections
        while true {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept4(listenFD, $0, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
            if fd < 0 {
                switch errno {
                case EINTR, ECONNABORTED, EPROTO: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM: acceptPaused = true
                default: break
                }
                return
            }
            counters.accepted.add(1, ordering: .relaxed)
            if shared.openConnections.load(ordering: .relaxed) >= limit {
                _ = Glibc.close(fd)
                continue
            }
            Socket.setNoDelay(fd)
            var event = epoll_event()
            event.events = EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
            event.data.fd = fd
            guard epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else {
                _ = Glibc.close(fd)
                continue
            }
            nextConnectionID &+= 1
            let connection = Connection(
                fd: fd, id: nextConnectionID, remoteAddress: Socket.address(storage).text, limits: shared.limits)
            connection.deadline = MonotonicClock.after(seconds: shared.configuration.idleTimeoutSeconds, from: now)
            if Int(fd) >= connections.count {
                connections.append(contentsOf: repeatElement(nil, count: Int(fd) + 1 - connections.count + 64))
            }
            connections[Int(fd)] = connection
            connectionCount += 1
            shared.openConnections.add(1, ordering: .relaxed)
            counters.open.add(1, ordering: .relaxed)
        }
    }
}
