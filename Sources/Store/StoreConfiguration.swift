/// How a `Database` opens and tunes its connections.
public struct StoreConfiguration: Sendable {
    /// `PRAGMA synchronous` (https://www.sqlite.org/pragma.html#pragma_synchronous).
    public enum Synchronous: String, Sendable, CaseIterable {
        /// No fsync: a power loss may lose or corrupt recent commits. Never for money.
        case off
        /// In WAL mode, a crash of the process loses nothing but a power loss may roll back recent commits.
        case normal
        /// Every commit syncs the WAL: committed is durable even across power loss.
        case full
        /// FULL, plus syncing the directory after a journal is unlinked.
        case extra
    }

    /// The database file. `":memory:"` is not supported: the readers must see the writer's file.
    public var path: String
    /// The most reader connections, each serving one `read` at a time. One is opened at start, the others
    /// when concurrent reads need them.
    public var readerCount: Int = 4
    /// How long SQLite waits on a lock held by another process, and how long `read`/`write` wait for a
    /// free connection of this pool, before failing with `StoreError.isBusy`.
    public var busyTimeoutMilliseconds: Int32 = 5000
    /// FULL by default: a reported commit must survive power loss, not only a crash of the process.
    public var synchronous: Synchronous = .full
    /// Page cache per connection (SQLite's default is about 2 MiB).
    public var cacheSizeKiB: Int = 8192
    /// Memory-mapped reads (https://www.sqlite.org/mmap.html); 0 turns them off. Up to this size, pages
    /// are read straight from the OS page cache, shared by every connection, instead of being copied into
    /// each connection's own cache; it is address space, not memory, and SQLite caps it (2 GiB here).
    /// Measured on a 1.2 GB catalog: searches cost the same at 2 GiB, 256 MiB or none (within noise),
    /// checkouts ran 6% faster than at 256 MiB and 14% faster than without. The price under constant
    /// writes: a read that finds the WAL changed remaps the file (pagerBeginReadTransaction), 2–4% of CPU.
    public var mmapSizeBytes: Int64 = 2 * 1024 * 1024 * 1024
    /// The size a WAL file is truncated to after a checkpoint.
    public var journalSizeLimitBytes: Int64 = 64 * 1024 * 1024
    /// Prepared statements kept per connection; beyond this the least recently used idle one is finalized.
    public var statementCacheCapacity: Int = 256

    public init(path: String) {
        self.path = path
    }
}

/// `StoreConfiguration.Synchronous`, also reachable at the top level.
public typealias Synchronous = StoreConfiguration.Synchronous
