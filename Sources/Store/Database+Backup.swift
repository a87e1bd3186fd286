// MARK: - Online backup

extension Database {
    /// Writes a consistent copy of the database to `path` while the database keeps serving: the copy is
    /// taken from a reader connection's snapshot, so the writer is never blocked. `path` is replaced
    /// atomically when the copy is complete.
    public func backup(to path: String) throws {
        try read { connection in
            try connection.backup(to: path)
        }
    }
}
