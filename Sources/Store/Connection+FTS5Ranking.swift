import CSQLite
import Foundation

// MARK: - bm25 with document frequencies supplied by the caller

/// The FTS5 auxiliary function `bm25_with_counts`, registered on every connection:
///
///     bm25_with_counts(fts_table, scored, w_1, …, w_columns, n_1, …, n_phrases)
///
/// is FTS5's own `bm25(fts_table, w_1, …)` (https://sqlite.org/fts5.html §5.1.1, same k1 = 1.2, b = 0.75,
/// same IDF floor, more negative = better) except for two things:
/// - `n_i`, the number of rows containing phrase i, comes from the caller. bm25 counts it on its first
///   call in every statement by walking the phrase's whole doclist (`xQueryPhrase`): for a Korean bigram
///   phrase found in 50,000 of a million rows that walk is ~15 ms, more than finding and ranking the
///   query's matches. Document frequencies move slowly, so a caller can count each phrase once and keep
///   it (as Lucene keeps them in its term dictionary); a NULL or missing `n_i` is counted here as bm25
///   counts it.
/// - `scored` rows get a score per statement, later ones NULL (negative: all of them). With
///   `ORDER BY rowid DESC LIMIT …`, which FTS5 answers in rowid order without a sorter, that ranks the
///   most recent matches in the same pass that lists them, instead of a second evaluation of the query.
///
/// The per-row work is bm25's: the phrase instances (`xInst`) and the row's token count (`xColumnSize`).
extension Connection {
    static let rankFunctionName = "bm25_with_counts"

    /// Registers `bm25_with_counts` with this connection's FTS5 (each connection has its own registry).
    func registerFTS5Ranking() throws {
        guard let api = try fts5API() else {
            throw StoreError.misuse("this SQLite has no FTS5 (https://sqlite.org/fts5.html §2)")
        }
        let code = api.pointee.xCreateFunction(api, Self.rankFunctionName, nil, bm25WithCounts, nil)
        guard code == SQLITE_OK else {
            throw StoreError(code: code, message: "registering \(Self.rankFunctionName) failed")
        }
    }

    /// FTS5's registration API: `SELECT fts5(?1)` with a pointer bound under the type "fts5_api_ptr"
    /// (https://sqlite.org/fts5.html §7.1). The type string is compared when the statement runs, after
    /// the bind returned, so it must outlive the call: a static string.
    private func fts5API() throws -> UnsafeMutablePointer<fts5_api>? {
        var statement: OpaquePointer?
        var code = sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            if code == SQLITE_ERROR { return nil }  // "no such function: fts5"
            throw StoreError(code: code, connection: handle, sql: "SELECT fts5(?1)")
        }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        code = withUnsafeMutablePointer(to: &api) { slot in
            sqlite3_bind_pointer(statement, 1, slot, Self.fts5APIPointerType.utf8Start, nil)
            return sqlite3_step(statement)
        }
        guard code == SQLITE_ROW || code == SQLITE_DONE else {
            throw StoreError(code: code, connection: handle, sql: "SELECT fts5(?1)")
        }
        return api
    }

    private static let fts5APIPointerType: StaticString = "fts5_api_ptr"
}

/// bm25's constants (fts5_aux.c).
private let k1 = 1.2
private let b = 0.75

/// Per-statement state, kept with `xSetAuxdata` and freed by FTS5 when the statement ends: one malloc'd
/// block of Doubles — rows scored so far, average row length, then an IDF and a frequency slot per phrase.
private enum Slot {
    static let scoredRows = 0
    static let averageLength = 1
    static let phrases = 2
}

private let bm25WithCounts: fts5_extension_function = { api, fts, context, count, values in
    guard let api = api?.pointee, let fts, let context else { return }
    let phraseCount = Int(api.xPhraseCount(fts))
    var state = api.xGetAuxdata(fts, 0)?.assumingMemoryBound(to: Double.self)
    if state == nil {
        switch rankingState(api, fts, phraseCount: phraseCount, count: Int(count), values: values) {
        case .success(let made): state = made
        case .failure(let code):
            sqlite3_result_error_code(context, code.code)
            return
        }
    }
    guard let state else { return }

    let limit = count > 0 ? sqlite3_value_int64(values![0]) : -1
    if limit >= 0 && state[Slot.scoredRows] >= Double(limit) {
        sqlite3_result_null(context)
        return
    }
    state[Slot.scoredRows] += 1

    let columnCount = Int(api.xColumnCount(fts))
    let frequencies = state + Slot.phrases + phraseCount
    for phrase in 0..<phraseCount { frequencies[phrase] = 0 }
    var instances: Int32 = 0
    var code = api.xInstCount(fts, &instances)
    var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
    var index: Int32 = 0
    while code == SQLITE_OK && index < instances {
        code = api.xInst(fts, index, &phrase, &column, &offset)
        let weightArgument = 1 + Int(column)
        let weight = Int(column) < columnCount && weightArgument < Int(count) ? sqlite3_value_double(values![weightArgument]) : 1.0
        frequencies[Int(phrase)] += weight
        index += 1
    }
    var tokens: Int32 = 0
    if code == SQLITE_OK { code = api.xColumnSize(fts, -1, &tokens) }
    guard code == SQLITE_OK else {
        sqlite3_result_error_code(context, code)
        return
    }
    let lengthFactor = k1 * (1 - b + b * Double(tokens) / state[Slot.averageLength])
    var score = 0.0
    for phrase in 0..<phraseCount {
        let frequency = frequencies[phrase]
        score += state[Slot.phrases + phrase] * (frequency * (k1 + 1)) / (frequency + lengthFactor)
    }
    sqlite3_result_double(context, -score)
}

/// The statement's state on its first call: average length and each phrase's IDF, from the supplied
/// counts or, where one is missing, counted as bm25 counts it.
private func rankingState(
    _ api: Fts5ExtensionApi, _ fts: OpaquePointer, phraseCount: Int, count: Int,
    values: UnsafeMutablePointer<OpaquePointer?>?
) -> Result<UnsafeMutablePointer<Double>, RankingError> {
    var rows: Int64 = 0, tokens: Int64 = 0
    var code = api.xRowCount(fts, &rows)
    if code == SQLITE_OK { code = api.xColumnTotalSize(fts, -1, &tokens) }
    guard code == SQLITE_OK else { return .failure(RankingError(code: code)) }
    guard let raw = malloc(MemoryLayout<Double>.stride * (Slot.phrases + 2 * phraseCount)) else {
        return .failure(RankingError(code: SQLITE_NOMEM))
    }
    let state = raw.bindMemory(to: Double.self, capacity: Slot.phrases + 2 * phraseCount)
    state[Slot.scoredRows] = 0
    state[Slot.averageLength] = rows > 0 && tokens > 0 ? Double(tokens) / Double(rows) : 1
    let firstCount = 1 + Int(api.xColumnCount(fts))
    for phrase in 0..<phraseCount {
        var hits: Int64 = 0
        let argument = firstCount + phrase
        if argument < count, let value = values?[argument], sqlite3_value_type(value) != SQLITE_NULL {
            hits = sqlite3_value_int64(value)
        } else {
            code = withUnsafeMutablePointer(to: &hits) { counter in
                api.xQueryPhrase(fts, Int32(phrase), counter) { _, _, counter in
                    counter?.assumingMemoryBound(to: Int64.self).pointee += 1
                    return SQLITE_OK
                }
            }
            guard code == SQLITE_OK else {
                free(raw)
                return .failure(RankingError(code: code))
            }
        }
        // bm25's IDF, floored as bm25 floors it so a phrase in most rows still counts a little.
        let idf = log((Double(rows) - Double(hits) + 0.5) / (Double(hits) + 0.5))
        state[Slot.phrases + phrase] = idf <= 0 ? 1e-6 : idf
    }
    code = api.xSetAuxdata(fts, raw, free)
    guard code == SQLITE_OK else { return .failure(RankingError(code: code)) }  // FTS5 freed it
    return .success(state)
}

private struct RankingError: Error {
    let code: Int32
}
