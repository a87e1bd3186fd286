// MARK: - Transactions and savepoints
//
// The one transaction helper of the store: `Database.read`, `Database.write` and the migrator all use it.
// Rollback never masks the error that caused it.

extension Connection {
    enum TransactionKind: String {
        /// Takes the read snapshot at the first read (https://www.sqlite.org/lang_transaction.html).
        case deferred = "DEFERRED"
        /// Takes the write lock at BEGIN, so SQLITE_BUSY can only happen there, where busy_timeout waits
        /// for it, and never in the middle of the work.
        case immediate = "IMMEDIATE"
    }

    /// BEGIN … COMMIT around `body`; on a throw, ROLLBACK and rethrow the first error.
    func transaction<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T {
        try execute("BEGIN \(kind.rawValue) TRANSACTION")
        let result: T
        do {
            result = try body()
        } catch {
            rollbackIgnoringErrors()
            throw error
        }
        // The body swallowed an error after which SQLite rolled back on its own (e.g. ON CONFLICT ROLLBACK,
        // SQLITE_FULL), or it ran COMMIT/ROLLBACK itself: either way its work is not what it believes.
        guard isInTransaction else {
            throw StoreError(
                code: ResultCode.abort,
                message: "the transaction ended before the end of its body (rolled back by SQLite or by the body)")
        }
        do {
            try execute("COMMIT TRANSACTION")
        } catch {
            // A failed COMMIT (deferred foreign key, busy, I/O) can leave the transaction open.
            rollbackIgnoringErrors()
            throw error
        }
        return result
    }

    /// A nested transaction: SAVEPOINT … RELEASE around `body`; on a throw, ROLLBACK TO (undoing only
    /// this level's work) and RELEASE, then rethrow. Outside a transaction it starts one
    /// (https://www.sqlite.org/lang_savepoint.html).
    ///
    /// One name serves every level: ROLLBACK TO and RELEASE act on the most recent savepoint with that name.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        let startsTransaction = !isInTransaction
        try execute("SAVEPOINT store_savepoint")
        do {
            let result = try body()
            // Releasing the outermost savepoint commits, and can fail like COMMIT.
            try execute("RELEASE SAVEPOINT store_savepoint")
            return result
        } catch {
            if startsTransaction {
                rollbackIgnoringErrors()
            } else {
                // Fails harmlessly if SQLite already rolled back the whole transaction.
                try? execute("ROLLBACK TO SAVEPOINT store_savepoint")
                try? execute("RELEASE SAVEPOINT store_savepoint")
            }
            throw error
        }
    }

    /// Rolls back if a transaction is open; a failing rollback must not replace the error being handled.
    func rollbackIgnoringErrors() {
        guard isInTransaction else { return }
        try? execute("ROLLBACK TRANSACTION")
    }

    /// Runs `body` refusing every statement that writes (see `withStatement`), for a read served by the
    /// writer connection.
    func queryOnly<T>(_ body: () throws -> T) throws -> T {
        if isQueryOnly { return try body() }
        isQueryOnly = true
        defer { isQueryOnly = false }
        return try body()
    }
}
