import Glibc

/// Milliseconds of a monotonic clock. The coarse clock (a few ms resolution) is read from the vDSO without
/// a syscall, and timeouts measured in seconds need no more.
enum MonotonicClock {
    @inline(__always)
    static func milliseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &t)
        return UInt64(t.tv_sec) &* 1000 &+ UInt64(t.tv_nsec / 1_000_000)
    }

    static func after(seconds: Double, from now: UInt64) -> UInt64 {
        guard seconds.isFinite, seconds > 0 else { return now }
        return now &+ UInt64(min(seconds, 1e9) * 1000)
    }
}
