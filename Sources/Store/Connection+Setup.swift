import CSQLite

// MARK: - Connection setup, in one place

extension Connection {
    /// Every connection goes through here, writer and readers alike, so no connection can miss a setting.
    func configure(_ configuration: StoreConfiguration) throws {
        sqlite3_extended_result_codes(handle, 1)
        try check(sqlite3_busy_timeout(handle, configuration.busyTimeoutMilliseconds), "busy_timeout")

        // Double-quoted string literals are a misfeature: a misspelled "column" silently becomes a string.
        // https://www.sqlite.org/quirks.html#dblquote
        try check(csqlite_enable_dqs(handle, 0), "SQLITE_DBCONFIG_DQS")
        // Defensive mode forbids writable_schema and other ways to corrupt the file from SQL.
        try check(csqlite_enable_defensive(handle, 1), "SQLITE_DBCONFIG_DEFENSIVE")

        // Foreign keys are off by default for compatibility (https://www.sqlite.org/foreignkeys.html#fk_enable);
        // the pragma is a no-op when SQLite lacks them, so the effect is read back.
        try pragma("PRAGMA foreign_keys = ON")
        guard try pragma("PRAGMA foreign_keys").intValue == 1 else {
            throw StoreError.misuse("SQLite refused PRAGMA foreign_keys = ON")
        }

        switch role {
        case .writer:
            // WAL lets readers keep reading while the writer writes (https://www.sqlite.org/wal.html).
            // The pragma answers the mode now in effect, which is not WAL on e.g. some network filesystems.
            let mode = try pragma("PRAGMA journal_mode = WAL").stringValue?.lowercased()
            guard mode == "wal" else {
                throw StoreError.misuse("journal_mode=WAL did not take effect (got \(mode ?? "nothing")) for \(path)")
            }
            // Caps the WAL file left behind after a checkpoint.
            try pragma("PRAGMA journal_size_limit = \(configuration.journalSizeLimitBytes)")
        case .reader:
            let mode = try pragma("PRAGMA journal_mode").stringValue?.lowercased()
            guard mode == "wal" else {
                throw StoreError.misuse("a reader found journal_mode \(mode ?? "nothing"), not WAL, for \(path)")
            }
            try pragma("PRAGMA query_only = ON")
            isQueryOnly = true
        }

        // FULL syncs the WAL at every commit: a committed transaction survives power loss, not only a
        // crash of the process (https://www.sqlite.org/pragma.html#pragma_synchronous).
        try pragma("PRAGMA synchronous = \(configuration.synchronous.rawValue.uppercased())")
        // A negative cache_size is in KiB (https://www.sqlite.org/pragma.html#pragma_cache_size).
        try pragma("PRAGMA cache_size = -\(max(configuration.cacheSizeKiB, 0))")
        try pragma("PRAGMA mmap_size = \(max(configuration.mmapSizeBytes, 0))")
        try pragma("PRAGMA temp_store = MEMORY")
        try registerFTS5Ranking()
    }

    /// Runs a setup pragma uncached (they run once per connection) and returns its first value.
    @discardableResult
    func pragma(_ sql: String) throws -> SQLValue {
        try withStatement(sql, cached: false) { statement in
            var first = SQLValue.null
            if try statement.step() { first = statement.value(at: 0) }
            while try statement.step() {}
            return first
        }
    }

    private func check(_ code: Int32, _ what: String) throws {
        guard code == SQLITE_OK else {
            throw StoreError(code: code, message: "\(what) failed: \(String(cString: sqlite3_errstr(code)))")
        }
    }
}
