import MarketCore
import Store
import Synchronization
import Web

/// An in-memory copy of `listing_index` (the columns search filters, sorts and counts facets on), as
/// arrays indexed by doc, exact for one `listing_generation`.
///
/// Why: a broad query at a million listings has thousands of matches, and joining each to
/// `listing_index` is a B-tree seek of about 0.6 µs (measured; a sequential read costs 0.05 µs a row),
/// so facets over 10,000 matches, or a price sort over 50,000, cost 6–30 ms of CPU in SQLite. Here the
/// same test is an array read: the text search stays in FTS5, which hands over only rowids.
///
/// Exactness: `listing_generation` changes in the same transaction as every change to `listing_index`
/// (CatalogSchema triggers), so two snapshots at one generation hold the same `listing_index`; a copy
/// is used only by a search whose own read transaction sees the copy's generation. Newer snapshots
/// bring the copy forward by re-reading the docs `listing_index_changes` names since its generation
/// (the whole table when the log no longer reaches back that far); an older snapshot (another reader
/// already moved the copy on) gets nil and searches with SQL alone.
final class ListingProjection: Sendable {
    static let shared = ListingProjection()

    /// One generation's columns. Copies share storage until changed (Swift arrays), so a search keeps
    /// reading its copy while a newer one is made.
    struct Columns: Sendable {
        static let listed: UInt8 = 1
        static let restricted: UInt8 = 2
        static let inStock: UInt8 = 4
        /// Set on a doc that has a `listing_index` row.
        static let present: UInt8 = 8

        var generation: Int64
        var flags: [UInt8] = []
        var categoryKey: [Int64] = []
        var rating: [Int64] = []
        /// Index into `currencies`.
        var currency: [UInt8] = []
        var priceMicros: [Int64] = []
        var currencies: [String] = []

        func has(_ doc: Int64) -> Bool { doc >= 0 && doc < Int64(flags.count) && flags[Int(doc)] & Self.present != 0 }
    }

    /// Docs beyond this are not kept in memory (the search then runs in SQL alone): the arrays take
    /// 26 bytes a doc (26 MB at a million listings), so this bounds them at about 420 MB.
    static let maxDoc: Int64 = 16_000_000
    /// More changes than this since a copy's generation: read the table again instead.
    static let maxChanges = 50_000

    private struct State {
        var copies: [String: Columns] = [:]
        /// Databases whose copy a search is bringing forward.
        var updating: Set<String> = []
    }

    private let copies = Mutex(State())
    /// Off: every search runs in SQL alone (tests compare the two).
    private let isEnabled = Atomic<Bool>(true)

    /// Turns the in-memory copies on or off (tests; the atomic itself stays inside this module).
    func setEnabled(_ enabled: Bool) { isEnabled.store(enabled, ordering: .relaxed) }

    /// The columns at `generation` — the generation the caller's read transaction sees — or nil when
    /// they cannot be had (the copy is already newer than this snapshot; docs beyond `maxDoc`).
    func columns(_ db: Connection, database: String, generation: Int64) throws -> Columns? {
        guard isEnabled.load(ordering: .relaxed) else { return nil }
        // One search at a time brings a database's copy forward; the others meanwhile search in SQL
        // alone rather than each reading the changes (or the whole table) and copying the arrays.
        let (known, claimed) = copies.withLock { state -> (Columns?, Bool) in
            let known = state.copies[database]
            if let known, known.generation >= generation { return (known, false) }
            return (known, state.updating.insert(database).inserted)
        }
        if let known, known.generation == generation { return known }
        guard claimed else { return nil }
        defer { copies.withLock { _ = $0.updating.remove(database) } }
        return try update(db, database: database, generation: generation, from: known)
    }

    private func update(_ db: Connection, database: String, generation: Int64, from known: Columns?) throws -> Columns? {
        var columns: Columns
        if let known, let changed = try Self.changedDocs(db, after: known.generation, through: generation) {
            columns = known
            columns.generation = generation
            for doc in changed where doc >= 0 && doc < Int64(columns.flags.count) { columns.flags[Int(doc)] = 0 }
            guard try Self.read(db, into: &columns, docs: changed) else { return nil }
        } else {
            columns = Columns(generation: generation)
            guard try Self.read(db, into: &columns, docs: nil) else { return nil }
        }
        copies.withLock { state in
            if (state.copies[database]?.generation ?? Int64.min) < columns.generation { state.copies[database] = columns }
        }
        return columns
    }

    /// The docs changed after generation `after` up to `through`, or nil when the log does not reach
    /// back that far or holds too many.
    private static func changedDocs(_ db: Connection, after: Int64, through: Int64) throws -> [Int64]? {
        guard through - after <= Int64(maxChanges),
            try db.scalar("SELECT 1 FROM listing_index_changes WHERE generation = ?", [.integer(after + 1)]).int64Value == 1
        else { return nil }
        var docs: [Int64] = []
        try db.forEach(
            "SELECT DISTINCT doc FROM listing_index_changes WHERE generation > ? AND generation <= ?",
            [.integer(after), .integer(through)]
        ) { row in
            if let doc = row.int64(0) { docs.append(doc) }
        }
        return docs
    }

    /// Reads `docs` (all rows when nil) from `listing_index` into `columns`; false past `maxDoc` or 256
    /// currencies.
    private static func read(_ db: Connection, into columns: inout Columns, docs: [Int64]?) throws -> Bool {
        var sql = "SELECT doc, category_key, listed, restricted, in_stock, seller_rating, currency, price_micros FROM listing_index"
        var arguments: [SQLValue] = []
        if let docs {
            guard !docs.isEmpty else { return true }
            sql += " WHERE doc IN (SELECT value FROM json_each(?))"
            arguments.append(.text(JSONSerializer.string(.array(docs.map { .int($0) }))))
        } else {
            let last = try db.scalar("SELECT max(doc) FROM listing_index").int64Value ?? 0
            guard last <= maxDoc else { return false }
            columns.reserve(upTo: last)
        }
        var fits = true
        try db.forEach(sql, arguments) { row in
            guard fits, let doc = row.int64(0) else { return }
            guard doc >= 0, doc <= maxDoc else {
                fits = false
                return
            }
            columns.reserve(upTo: doc)
            let index = Int(doc)
            var flags = Columns.present
            if row.int64(2) == 1 { flags |= Columns.listed }
            if row.int64(3) == 1 { flags |= Columns.restricted }
            if row.int64(4) == 1 { flags |= Columns.inStock }
            columns.flags[index] = flags
            columns.categoryKey[index] = row.int64(1) ?? 0
            columns.rating[index] = row.int64(5) ?? -1
            guard let currency = columns.currencyIndex(row.string(6) ?? "") else {
                fits = false
                return
            }
            columns.currency[index] = currency
            columns.priceMicros[index] = row.int64(7) ?? 0
        }
        return fits
    }
}

extension ListingProjection.Columns {
    /// Grows the arrays to hold `doc`, with room to spare.
    mutating func reserve(upTo doc: Int64) {
        guard doc >= Int64(flags.count) else { return }
        let count = Int(doc) + 1 + Int(doc) / 8
        let extra = count - flags.count
        flags += repeatElement(0, count: extra)
        categoryKey += repeatElement(0, count: extra)
        rating += repeatElement(-1, count: extra)
        currency += repeatElement(0, count: extra)
        priceMicros += repeatElement(0, count: extra)
    }

    /// The index of a currency code in `currencies`, added on first sight; nil past 256 codes.
    mutating func currencyIndex(_ code: String) -> UInt8? {
        if let index = currencies.firstIndex(of: code) { return UInt8(index) }
        guard currencies.count < 256 else { return nil }
        currencies.append(code)
        return UInt8(currencies.count - 1)
    }
}
