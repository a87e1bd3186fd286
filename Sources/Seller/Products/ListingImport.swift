import MarketCore
import Store
import Web

/// One bulk upsert by SKU (`POST /v1/seller/products/import`), run inside ONE write transaction.
///
/// Validation and writing happen in a single pass over the file, record by record, as the CSV reader or
/// NDJSON splitter hands them over: memory holds one record, the SKUs seen so far and the problems
/// found, never the parsed file. Once a row is bad, later rows are still checked (the answer lists
/// every bad row) but no longer written, and the caller throws so the transaction rolls back: all or
/// nothing (API.md).
struct ListingImport {
    enum Format {
        case csv
        case ndjson
    }

    /// The most problems listed in a 422; the answer says how many there were in all.
    static let maxListedProblems = 1000
    /// Bytes handed to the parser at a time.
    static let chunkSize = 64 * 1024

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

    init(db: Connection, sellerID: String, defaultCurrency: Currency, now: String, makeID: @escaping () -> String) {
        self.db = db
        self.sellerID = sellerID
        self.defaultCurrency = defaultCurrency
        self.now = now
        self.makeID = makeID
        self.references = ListingReferences(db)
    }

    mutating func run(_ format: Format, body: [UInt8]) throws {
        switch format {
        case .csv: try runCSV(body)
        case .ndjson: try runNDJSON(body)
        }
    }

    // MARK: - Formats

    private mutating func runCSV(_ body: [UInt8]) throws {
        var reader = CSVReader()
        var header: ListingCSV.Header?
        var offset = 0
        do {
            while offset < body.count {
                let end = min(offset + Self.chunkSize, body.count)
                for record in try reader.feed(body[offset..<end]) {
                    guard try csvRecord(record, header: &header) else { return }
                }
                offset = end
            }
            if let record = try reader.finish() {
                guard try csvRecord(record, header: &header) else { return }
            }
        } catch let error as CSVError {
            report(line: error.line, field: "row", LocalizedText(en: error.description, ko: "CSV를 읽을 수 없습니다: \(error.description)"))
            return
        }
        if header == nil {
            report(line: 1, field: "header", LocalizedText(en: "the file is empty: a header row is required", ko: "빈 파일입니다: 헤더 행이 필요합니다"))
        }
    }

    /// Handles one CSV record; false when the file cannot go on (a bad header).
    private mutating func csvRecord(_ record: CSVRecord, header: inout ListingCSV.Header?) throws -> Bool {
        guard let columns = header else {
            let validation = Validation()
            header = ListingCSV.header(record.fields, validation: validation)
            for error in validation.errors { report(line: record.line, field: error.field, error.message) }
            return header != nil
        }
        let validation = Validation()
        let changes = ListingCSV.changes(record.fields, header: columns, validation: validation)
        try apply(changes, line: record.line, source: .csv, validation: validation)
        return true
    }

    private mutating func runNDJSON(_ body: [UInt8]) throws {
        var splitter = NDJSONLineSplitter()
        var offset = 0
        do {
            while offset < body.count {
                let end = min(offset + Self.chunkSize, body.count)
                for line in try splitter.feed(body[offset..<end]) { try ndjsonLine(line) }
                offset = end
            }
            if let line = try splitter.finish() { try ndjsonLine(line) }
        } catch let error as NDJSONError {
            report(line: error.line, field: "row", LocalizedText(en: error.description, ko: "줄이 너무 깁니다: \(error.description)"))
        }
    }

    private mutating func ndjsonLine(_ line: NDJSONLine) throws {
        let object: JSONObject
        do {
            guard case .object(let parsed) = try JSONParser.parse(line.bytes) else {
                report(line: line.line, field: "row", LocalizedText(en: "each line must be one JSON object", ko: "각 줄은 JSON 객체 하나여야 합니다"))
                return
            }
            object = parsed
        } catch {
            report(line: line.line, field: "row", LocalizedText(en: "not valid JSON: \(error.description)", ko: "올바른 JSON이 아닙니다: \(error.description)"))
            return
        }
        let validation = Validation()
        let changes = ListingChanges(json: validation.reader(object))
        if changes.sku == nil && object["sku"] == nil { validation.add("sku", "is required", ko: "필수 항목입니다") }
        try apply(changes, line: line.line, source: .json, validation: validation)
    }

    // MARK: - One row

    private mutating func apply(_ changes: ListingChanges, line: Int, source: ListingChanges.Source, validation: Validation) throws {
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
            current = try ListingStore.find(db, sellerID: sellerID, sku: sku)
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
            try ListingStore.update(db, listing, previous: current)
            if current.status == .archived { created += 1 } else { updated += 1 }
        } else {
            try ListingStore.insert(db, listing)
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
