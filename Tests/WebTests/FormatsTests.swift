import XCTest

@testable import Web

/// CSVReader: RFC 4180 edge cases, line numbers, errors, and a 100,000-row stream.
final class CSVReaderTests: XCTestCase {
    private func read(_ text: String, chunkSize: Int = .max) throws -> [CSVRecord] {
        try read(Array(text.utf8), chunkSize: chunkSize)
    }

    private func read(_ bytes: [UInt8], chunkSize: Int = .max) throws -> [CSVRecord] {
        var reader = CSVReader()
        var records: [CSVRecord] = []
        var start = 0
        while start < bytes.count {
            let end = start + min(chunkSize, bytes.count - start)
            records += try reader.feed(bytes[start..<end])
            start = end
        }
        if let last = try reader.finish() { records.append(last) }
        return records
    }

    private func readError(_ text: String) -> CSVError? {
        readError(Array(text.utf8))
    }

    private func readError(_ bytes: [UInt8]) -> CSVError? {
        do {
            _ = try read(bytes)
            return nil
        } catch let error as CSVError {
            return error
        } catch {
            XCTFail("unexpected error \(error)")
            return nil
        }
    }

    // MARK: - Records and line ends

    func testLFRecords() throws {
        let records = try read("sku,title_en\nA-1,Hex bolt\nA-2,Nut\n")
        XCTAssertEqual(
            records,
            [
                CSVRecord(line: 1, fields: ["sku", "title_en"]),
                CSVRecord(line: 2, fields: ["A-1", "Hex bolt"]),
                CSVRecord(line: 3, fields: ["A-2", "Nut"]),
            ])
    }

    func testCRLFRecords() throws {
        let records = try read("a,b\r\nc,d\r\n")
        XCTAssertEqual(records, [CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 2, fields: ["c", "d"])])
    }

    func testLoneCREndsALine() throws {
        let records = try read("a,b\rc,d\r")
        XCTAssertEqual(records, [CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 2, fields: ["c", "d"])])
    }

    func testLastRecordWithoutLineEndComesFromFinish() throws {
        var reader = CSVReader()
        XCTAssertEqual(try reader.feed(Array("a,b\nc,d".utf8)), [CSVRecord(line: 1, fields: ["a", "b"])])
        XCTAssertEqual(try reader.finish(), CSVRecord(line: 2, fields: ["c", "d"]))
    }

    func testTrailingLineEndMakesNoEmptyRecord() throws {
        XCTAssertEqual(try read("a\n").count, 1)
        XCTAssertEqual(try read("a\r\n").count, 1)
        XCTAssertEqual(try read("").count, 0)
        XCTAssertEqual(try read("\n").count, 0)
    }

    func testBlankLinesAreSkippedButCounted() throws {
        let records = try read("a\n\r\n\nb\n\n")
        XCTAssertEqual(records, [CSVRecord(line: 1, fields: ["a"]), CSVRecord(line: 4, fields: ["b"])])
    }

    // MARK: - Byte order mark

    func testByteOrderMarkIsDropped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("sku,title_ko\nB-1,육각볼트\n".utf8)
        for chunkSize in [1, 2, 3, 4, 1000] {
            let records = try read(bytes, chunkSize: chunkSize)
            XCTAssertEqual(records.first?.fields, ["sku", "title_ko"], "chunk \(chunkSize)")
            XCTAssertEqual(records.last, CSVRecord(line: 2, fields: ["B-1", "육각볼트"]))
        }
    }

    func testStartThatLooksLikeAByteOrderMarkIsData() throws {
        // EF BB 80 is U+FEC0, a real character: the two held-back bytes must be replayed as data.
        let bytes: [UInt8] = [0xEF, 0xBB, 0x80, UInt8(ascii: ","), UInt8(ascii: "x")]
        for chunkSize in [1, 2, 5] {
            XCTAssertEqual(try read(bytes, chunkSize: chunkSize).first?.fields, ["\u{FEC0}", "x"])
        }
        // A file that is only the start of a mark: the bytes are data, and invalid UTF-8.
        XCTAssertEqual(readError([0xEF, 0xBB]), CSVError(line: 1, reason: .invalidUTF8))
    }

    // MARK: - Quoting

    func testQuotedFieldsWithCommasQuotesAndNewlines() throws {
        let text = "id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"crlf\r\ninside\"\r\n5,end\n"
        let records = try read(text)
        XCTAssertEqual(
            records,
            [
                CSVRecord(line: 1, fields: ["id", "note"]),
                CSVRecord(line: 2, fields: ["1", "a, b"]),
                CSVRecord(line: 3, fields: ["2", "say \"hi\""]),
                CSVRecord(line: 4, fields: ["3", "two\nlines"]),
                CSVRecord(line: 6, fields: ["4", "crlf\r\ninside"]),
                CSVRecord(line: 8, fields: ["5", "end"]),
            ])
    }

    func testEmptyFields() throws {
        XCTAssertEqual(try read(",,\n").first?.fields, ["", "", ""])
        XCTAssertEqual(try read("a,\n").first?.fields, ["a", ""])
        XCTAssertEqual(try read("a,").first?.fields, ["a", ""])
        XCTAssertEqual(try read(",a\n").first?.fields, ["", "a"])
        XCTAssertEqual(try read("\"\"\n").first?.fields, [""])
        XCTAssertEqual(try read("\"\",\"\"").first?.fields, ["", ""])
    }

    func testSpacesAreKept() throws {
        XCTAssertEqual(try read(" a , b \n").first?.fields, [" a ", " b "])
    }

    func testEveryChunkingGivesTheSameRecords() throws {
        let text = "\u{FEFF}h1,h2\r\n\"x\r\ny\",\"q\"\"\"\r\n\r\n,볼트\r\n\"\",z"
        let whole = try read(text)
        XCTAssertEqual(whole.count, 4)
        XCTAssertEqual(whole[1], CSVRecord(line: 2, fields: ["x\r\ny", "q\""]))
        XCTAssertEqual(whole[2], CSVRecord(line: 5, fields: ["", "볼트"]))
        XCTAssertEqual(whole[3], CSVRecord(line: 6, fields: ["", "z"]))
        for chunkSize in 1...8 {
            XCTAssertEqual(try read(text, chunkSize: chunkSize), whole, "chunk \(chunkSize)")
        }
    }

    func testRecordsInMemory() throws {
        XCTAssertEqual(try CSVReader.records(in: Array("a,b\nc".utf8)).map(\.fields), [["a", "b"], ["c"]])
    }

    // MARK: - Errors

    func testUnterminatedQuoteNamesTheLineWhereItOpens() {
        XCTAssertEqual(
            readError("a,b\nc,\"open\nmore\nstill\n"), CSVError(line: 2, reason: .unterminatedQuote))
    }

    func testQuoteInUnquotedField() {
        XCTAssertEqual(readError("a,b\nM8 5\" bolt,c\n"), CSVError(line: 2, reason: .quoteInUnquotedField))
    }

    func testTextAfterClosingQuote() {
        XCTAssertEqual(readError("\"a\nb\"c,d\n"), CSVError(line: 2, reason: .textAfterClosingQuote))
    }

    func testInvalidUTF8NamesTheFieldsLine() {
        var bytes = Array("a\n\"x\ny\",".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\n".utf8)
        XCTAssertEqual(readError(bytes), CSVError(line: 3, reason: .invalidUTF8))
        // A multi-byte character cut by a chunk boundary is still valid.
        XCTAssertEqual(try read(Array("볼트,너트".utf8), chunkSize: 1).first?.fields, ["볼트", "너트"])
    }

    func testRecordTooLong() {
        var reader = CSVReader(maxRecordBytes: 10)
        XCTAssertNoThrow(try reader.feed(Array("a,b\n012345678\n".utf8)))
        XCTAssertThrowsError(try reader.feed(Array("\"01234\n56789 and more".utf8))) { error in
            XCTAssertEqual(error as? CSVError, CSVError(line: 3, reason: .recordTooLong(limit: 10)))
        }
    }

    func testErrorsAreSticky() {
        var reader = CSVReader()
        XCTAssertThrowsError(try reader.feed(Array("a\"b\n".utf8)))
        XCTAssertThrowsError(try reader.feed(Array("fine\n".utf8))) { error in
            XCTAssertEqual(error as? CSVError, CSVError(line: 1, reason: .quoteInUnquotedField))
        }
        XCTAssertThrowsError(try reader.finish())
    }

    func testErrorDescriptionNamesTheLine() {
        XCTAssertTrue(CSVError(line: 7, reason: .unterminatedQuote).description.hasPrefix("line 7:"))
    }

    // MARK: - Streaming a large file

    /// 100,000 rows (about 5.4 MB) written by CSVWriter and read back in 4 KiB chunks: neither side ever
    /// holds more than a chunk and a record.
    func testHundredThousandRowsInFourKiBChunks() throws {
        let rowCount = 100_000
        let chunkSize = 4096
        var writer = CSVWriter()
        var reader = CSVReader()
        var pending: [UInt8] = []
        var count = 0
        var largestBatch = 0
        var largestPending = 0
        var spot: [Int: [String]] = [:]
        let spotLines: Set<Int> = [1, 2, 50_002, 100_001]

        func consume(_ records: [CSVRecord]) {
            largestBatch = max(largestBatch, records.count)
            for record in records {
                count += 1
                if spotLines.contains(record.line) { spot[record.line] = record.fields }
            }
        }

        writer.writeRow(["sku", "title_en", "title_ko", "unit_price", "stock"])
        for index in 0..<rowCount {
            let title = index % 10 == 0 ? "Hex bolt M\(index % 30), \"zinc\"" : "Washer \(index)"
            writer.writeRow(["SKU-\(index)", title, "육각볼트 M\(index % 30)", "\(index).50", "\(index % 1000)"])
            if writer.bufferedByteCount >= chunkSize {
                pending += writer.drain()
                while pending.count >= chunkSize {
                    consume(try reader.feed(pending[0..<chunkSize]))
                    pending.removeFirst(chunkSize)
                }
                largestPending = max(largestPending, pending.count)
            }
        }
        pending += writer.drain()
        consume(try reader.feed(pending))
        if let last = try reader.finish() { consume([last]) }

        XCTAssertEqual(count, rowCount + 1)
        XCTAssertLessThan(largestBatch, 200, "a 4 KiB chunk completes at most a few dozen records")
        XCTAssertLessThan(largestPending, 2 * chunkSize)
        XCTAssertEqual(spot[1], ["sku", "title_en", "title_ko", "unit_price", "stock"])
        XCTAssertEqual(spot[2], ["SKU-0", "Hex bolt M0, \"zinc\"", "육각볼트 M0", "0.50", "0"])
        XCTAssertEqual(spot[50_002], ["SKU-50000", "Hex bolt M20, \"zinc\"", "육각볼트 M20", "50000.50", "0"])
        XCTAssertEqual(spot[100_001], ["SKU-99999", "Washer 99999", "육각볼트 M9", "99999.50", "999"])
    }
}
