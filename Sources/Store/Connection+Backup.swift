import CSQLite
import Foundation

// MARK: - Online backup

extension Connection {
    /// Copies this connection's database into a new file at `path` with the online backup API
    /// (https://www.sqlite.org/backup.html), in one step, so the copy is the snapshot this connection
    /// reads. The copy is written beside `path` and renamed over it only when complete, so `path` never
    /// holds a half-written backup.
    func backup(to path: String) throws {
        let destinationURL = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        let sourceURL = URL(fileURLWithPath: self.path).standardizedFileURL.resolvingSymlinksInPath()
        guard destinationURL != sourceURL else {
            throw StoreError.misuse("a backup cannot overwrite the database it copies (\(path))")
        }
        let partialPath = path + ".partial-" + UUID().uuidString
        var openDestination: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let openCode = sqlite3_open_v2(partialPath, &openDestination, flags, nil)
        var isComplete = false
        defer {
            sqlite3_close_v2(openDestination)  // a no-op once closed below (NULL)
            if !isComplete { Self.removeDatabaseFiles(at: partialPath) }
        }
        guard openCode == SQLITE_OK, let destination = openDestination else {
            throw StoreError(code: openCode, connection: openDestination, sql: nil)
        }
        guard let backup = sqlite3_backup_init(destination, "main", handle, "main") else {
            throw StoreError(code: sqlite3_extended_errcode(destination), connection: destination, sql: nil)
        }
        // -1 copies every page in one call, under one read lock: a consistent copy even while the writer
        // keeps committing (a multi-step backup would restart whenever another connection writes).
        let stepCode = sqlite3_backup_step(backup, -1)
        let finishCode = sqlite3_backup_finish(backup)
        guard stepCode == SQLITE_DONE else {
            throw StoreError(code: stepCode, message: String(cString: sqlite3_errstr(stepCode)), sql: nil)
        }
        guard finishCode == SQLITE_OK else {
            throw StoreError(code: finishCode, connection: destination, sql: nil)
        }
        let closeCode = sqlite3_close_v2(destination)
        openDestination = nil
        guard closeCode == SQLITE_OK else {
            throw StoreError(code: closeCode, message: "closing the backup failed", sql: nil)
        }
        guard rename(partialPath, path) == 0 else {
            throw StoreError(
                code: SQLITE_CANTOPEN,
                message: "moving the backup into place failed: \(String(cString: strerror(errno)))")
        }
        isComplete = true
    }

    private static func removeDatabaseFiles(at path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
