import MarketCore
import Store
import Web

/// One bulk upsert by SKU (`POST /v1/seller/products/import`), run inside ONE write transaction.
///
/// Validation and writing happen in a single pass over the file, row by row, as `ListingImportReader`
/// hands them over (parsed and checked on its own thread, a few batches ahead): memory holds those
/// batches, the SKUs seen so far and the problems found, never the parsed file. Once a row is bad, later
/// rows are still checked (the answer lists every bad row) but no longer written, and the caller throws
/// so the transaction rolls back: all or nothing (API.md).
struct ListingImport {
    enum Format {
        case csv
        case ndjson
    }

    /// The most problems listed in a 422; the answer says how many there were in all.
    static let maxListedProblems = 1000

    struct Problem {
        var line: Int
        var field: String
        var message: LocalizedText
    }

    let db: Connection
    let sellerID: String
    let defaultCurrency: Currency
    let now: String
    let makeID: () -> String
    let references: ListingReferences

    private(set) var created = 0
    private(set) var updated = 0
    private(set) var unchanged = 0
    private(set) var problems: [Problem] = []
    private(set) var problemCount = 0
    /// SKU to the line that first named it: a file may not name one listing twice.
    private var seen: [String: Int] = [:]
    /// New index rows and FTS writes, held and written in runs (see `ListingIndexBatch`).
    private let indexBatch = ListingIndexBatch()
    /// False when the supplier had no listing at all when the import began (its first catalog): no SKU
    /// of the file can then exist but one written earlier in this file, which `seen` rejects, so rows
    /// skip the lookup by SKU. The import's write transaction keeps it true to the end.
    private var sellerHasListings = true

    init(db: Connection, sellerID: String, defaultCurrency: Currency, now: String, makeID: @escaping () -> String) {
        self.db = db
        self.sellerID = sellerID
        self.defaultCurrency = defaultCurrency
        self.now = now
        self.makeID = makeID
        self.references = ListingReferences(db)
    }

    mutating func run(_ format: Format, body: [UInt8]) throws {
        let handoff = ImportHandoff(capacity: 4)
        ListingImportReader.start(format, body: body, into: handoff)
        defer { handoff.cancel() }
        let source: ListingChanges.Source = format == .csv ? .csv : .json
        sellerHasListings = try db.scalar("SELECT EXISTS (SELECT 1 FROM products WHERE seller_id = ?)", [.text(sellerID)]).int64Value != 0
        while let batch = handoff.take() {
            for row in batch {
                switch row.content {
                case .problem(let field, let message):
                    report(line: row.line, field: field, message)
                case .listing(let changes, let errors, let columns):
                    let validation = Validation()
                    for error in errors { validation.add(error) }
                    try apply(changes, line: row.line, source: source, validation: validation, columns: columns)
                }
            }
        }
        // Rows after a bad one were not written; a rejected file is rolled back anyway.
        if problemCount == 0 { try indexBatch.flush(db) }
    }

    // MARK: - One row

    private mutating func apply(
        _ changes: ListingChanges, line: Int, source: ListingChanges.Source, validation: Validation, columns: ListingSearchColumns?
    ) throws {
        if let sku = changes.sku {
            if let first = seen[sku] {
                validation.add("sku", "SKU \(sku) is already on line \(first) of this file", ko: "SKU \(sku)가 이 파일의 \(first)번째 줄에 이미 있습니다")
            } else {
                seen[sku] = line
            }
        }
        try references.check(changes, validation: validation)
        var listing: Listing?
        var current: Listing?
        if let sku = changes.sku {
            // Checked even when a field is bad, so the answer names every problem of the row; a field
            // already reported (a bad price that then reads as missing) is named once.
            current = sellerHasListings ? try ListingStore.find(db, sellerID: sellerID, sku: sku) : nil
            let new = ListingChanges.NewListing(id: makeID(), sellerID: sellerID, defaultCurrency: defaultCurrency, now: now)
            listing = changes.applied(to: current, new: new, source: source, validation: validation)
        }
        guard validation.isValid, var listing else {
            var named = Set<String>()
            for error in validation.errors where named.insert(error.field).inserted {
                report(line: line, field: error.field, error.message)
            }
            return
        }
        // After the first bad row nothing is written: it would be rolled back anyway.
        guard problemCount == 0 else { return }
        if let current {
            if listing == current {
                unchanged += 1
                return
            }
            listing.version = current.version + 1
            listing.updatedAt = now
            try ListingStore.update(db, listing, previous: current, searchColumns: columns, indexBatch: indexBatch)
            if current.status == .archived { created += 1 } else { updated += 1 }
        } else {
            try ListingStore.insert(db, listing, searchColumns: columns, indexBatch: indexBatch)
            created += 1
        }
    }

    private mutating func report(line: Int, field: String, _ message: LocalizedText) {
        problemCount += 1
        if problems.count < Self.maxListedProblems {
            problems.append(Problem(line: line, field: field, message: message))
        }
    }

    /// The 422 for a file with bad rows: `errors` lists each as `{"line","field","message"}`.
    func failure(language: Language) -> APIError {
        let listed = problems.map { problem -> JSON in
            ["line": .int(problem.line), "field": .string(problem.field), "message": .string(problem.message.text(language))]
        }
        let truncated = problemCount > problems.count
        return APIError(
            .unprocessableContent, code: "import_rejected",
            detail: LocalizedText(
                en: "Nothing was imported: \(problemCount) problem\(problemCount == 1 ? "" : "s") found\(truncated ? " (the first \(problems.count) are listed)" : "").",
                ko: "가져오지 않았습니다: 문제 \(problemCount)건\(truncated ? " (처음 \(problems.count)건만 표시)" : "")."),
            extensions: ["errors": .array(listed), "error_count": .int(problemCount), "errors_truncated": .bool(truncated)])
    }
}
