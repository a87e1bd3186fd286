import Dispatch
import MarketCore
import Web

/// One row of an import file, read and checked on its own: the changes it asks for with the problems
/// found in it alone, or a problem with the file itself; plus the row's FTS text, made ahead.
struct PreparedRow: Sendable {
    enum Content: Sendable {
        case listing(ListingChanges, errors: [FieldError], columns: ListingSearchColumns?)
        case problem(field: String, message: LocalizedText)
    }

    let line: Int
    let content: Content
}

/// Reads an import file on a thread of its own, ahead of the writer: parsing, the checks a row needs
/// no database for, and the FTS text (most of the CPU an import spends outside SQLite) run while the
/// writer stores the rows before. On a machine with more than one core the writer, the one part that
/// cannot be shared, is then most of an import's time.
enum ListingImportReader {
    static let batchSize = 256
    /// Bytes handed to the parser at a time.
    static let chunkSize = 64 * 1024

    static func start(_ format: ListingImport.Format, body: [UInt8], into handoff: ImportHandoff) {
        DispatchQueue.global(qos: .userInitiated).async {
            var emitter = Emitter(handoff: handoff)
            switch format {
            case .csv: readCSV(body, &emitter)
            case .ndjson: readNDJSON(body, &emitter)
            }
            emitter.flush()
            handoff.finish()
        }
    }

    struct Emitter {
        let handoff: ImportHandoff
        var batch: [PreparedRow] = []
        var stopped = false

        /// False once the writer has stopped listening.
        mutating func emit(_ row: PreparedRow) -> Bool {
            guard !stopped else { return false }
            batch.append(row)
            if batch.count >= ListingImportReader.batchSize { flush() }
            return !stopped
        }

        mutating func problem(_ line: Int, _ field: String, _ message: LocalizedText) -> Bool {
            emit(PreparedRow(line: line, content: .problem(field: field, message: message)))
        }

        mutating func flush() {
            guard !batch.isEmpty, !stopped else { return }
            stopped = !handoff.put(batch)
            batch = []
        }
    }

    // MARK: - CSV

    private static func readCSV(_ body: [UInt8], _ emitter: inout Emitter) {
        var reader = CSVReader()
        var header: ListingCSV.Header?
        var sawRecord = false
        func record(_ record: CSVRecord) -> Bool {
            sawRecord = true
            guard let columns = header else {
                let validation = Validation()
                header = ListingCSV.header(record.fields, validation: validation)
                for error in validation.errors where !emitter.problem(record.line, error.field, error.message) { return false }
                return header != nil
            }
            let validation = Validation()
            let changes = ListingCSV.changes(record.fields, header: columns, validation: validation)
            return emitter.emit(prepared(changes, line: record.line, errors: validation.errors))
        }
        do {
            var offset = 0
            while offset < body.count {
                let end = min(offset + chunkSize, body.count)
                for parsed in try reader.feed(body[offset..<end]) where !record(parsed) { return }
                offset = end
            }
            if let last = try reader.finish(), !record(last) { return }
        } catch {
            _ = emitter.problem(error.line, "row", LocalizedText(en: error.description, ko: "CSV를 읽을 수 없습니다: \(error.description)"))
            return
        }
        if !sawRecord {
            _ = emitter.problem(1, "header", LocalizedText(en: "the file is empty: a header row is required", ko: "빈 파일입니다: 헤더 행이 필요합니다"))
        }
    }

    // MARK: - NDJSON

    private static func readNDJSON(_ body: [UInt8], _ emitter: inout Emitter) {
        var splitter = NDJSONLineSplitter()
        func line(_ line: NDJSONLine) -> Bool {
            let object: JSONObject
            do {
                guard case .object(let parsed) = try JSONParser.parse(line.bytes) else {
                    return emitter.problem(line.line, "row", LocalizedText(en: "each line must be one JSON object", ko: "각 줄은 JSON 객체 하나여야 합니다"))
                }
                object = parsed
            } catch {
                return emitter.problem(line.line, "row", LocalizedText(en: "not valid JSON: \(error.description)", ko: "올바른 JSON이 아닙니다: \(error.description)"))
            }
            let validation = Validation()
            let changes = ListingChanges(json: validation.reader(object))
            if changes.sku == nil && object["sku"] == nil { validation.add("sku", "is required", ko: "필수 항목입니다") }
            return emitter.emit(prepared(changes, line: line.line, errors: validation.errors))
        }
        do {
            var offset = 0
            while offset < body.count {
                let end = min(offset + chunkSize, body.count)
                for parsed in try splitter.feed(body[offset..<end]) where !line(parsed) { return }
                offset = end
            }
            if let last = try splitter.finish() { _ = line(last) }
        } catch {
            _ = emitter.problem(error.line, "row", LocalizedText(en: error.description, ko: "줄이 너무 깁니다: \(error.description)"))
        }
    }

    /// The row with its FTS text made from the texts it names (what a new listing will have; the
    /// writer checks it still fits an updated one).
    private static func prepared(_ changes: ListingChanges, line: Int, errors: [FieldError]) -> PreparedRow {
        var columns: ListingSearchColumns?
        if errors.isEmpty, let sku = changes.sku {
            func text(_ change: FieldChange<String>) -> String? {
                if case .set(let value) = change { return value }
                return nil
            }
            columns = ListingSearchColumns(
                title: LocalizedPair(en: text(changes.titleEN), ko: text(changes.titleKO)),
                description: LocalizedPair(en: text(changes.descriptionEN), ko: text(changes.descriptionKO)),
                sku: sku, attributes: changes.attributes ?? JSONObject())
        }
        return PreparedRow(line: line, content: .listing(changes, errors: errors, columns: columns))
    }
}
