import HTTPServer
import Store
import Web

/// `POST /v1/buyer/quick-order`: a pasted CSV of `sku,quantity[,seller_id]` turned into checkout lines.
///
/// The file: RFC 4180 (`CSVReader`), UTF-8 with or without BOM, blank lines ignored. A first row with a
/// cell `sku` is a header naming the columns (`sku`, `quantity`, optional `seller_id`, any order);
/// without one the columns are positional: `sku,quantity[,seller_id]`. Cells are trimmed.
///
/// Each line resolves to the one listing with that SKU the buyer can order now (active, of an active
/// supplier, visible to it); with `seller_id`, to that supplier's. Every line that does not resolve is
/// reported — unknown SKU, a SKU several suppliers sell without `seller_id`, a bad quantity, a listing
/// named twice — with its line number in the file, and nothing is ordered. Lines that resolve then go
/// through `Checkout` like a cart, whose problems (minimum order quantity, stock, credit) are reported
/// by line number the same way.
public struct QuickOrder {
    public struct Line: Sendable, Equatable {
        /// 1-based line in the file.
        public var line: Int
        public var sku: String
        public var quantity: Int64
        public var sellerID: String?
    }

    public struct Problem: Sendable, Equatable {
        public var line: Int?
        public var field: String
        public var message: LocalizedText
    }

    public static let maxLines = PurchaseLine.maxLines

    public private(set) var lines: [Line] = []
    public private(set) var problems: [Problem] = []

    /// Reads the file; `problems` holds what is wrong with it.
    public init(csv bytes: [UInt8]) {
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(in: bytes, maxRecordBytes: 64 * 1024)
        } catch {
            problems.append(Problem(line: error.line, field: "row", message: LocalizedText(en: error.description, ko: "CSV를 읽을 수 없습니다: \(error.description)")))
            return
        }
        var columns = (sku: 0, quantity: 1, seller: Optional(2))
        var body = records[...]
        if let first = records.first, first.fields.contains(where: { Self.clean($0).lowercased() == "sku" }) {
            body = records.dropFirst()
            let names = first.fields.map { Self.clean($0).lowercased() }
            for (index, name) in names.enumerated() where !["sku", "quantity", "seller_id"].contains(name) || names.firstIndex(of: name) != index {
                problems.append(Problem(line: first.line, field: "header",
                                        message: LocalizedText(en: "unknown or repeated column \(name); the columns are sku, quantity and seller_id",
                                                               ko: "알 수 없거나 반복된 열입니다: \(name) (sku, quantity, seller_id)")))
            }
            guard let quantity = names.firstIndex(of: "quantity") else {
                problems.append(Problem(line: first.line, field: "header", message: LocalizedText(en: "a quantity column is required", ko: "quantity 열이 필요합니다")))
                return
            }
            columns = (names.firstIndex(of: "sku") ?? 0, quantity, names.firstIndex(of: "seller_id"))
        }
        if body.isEmpty {
            problems.append(Problem(line: nil, field: "csv", message: LocalizedText(en: "no lines to order", ko: "주문할 줄이 없습니다")))
        }
        if body.count > Self.maxLines {
            problems.append(Problem(line: nil, field: "csv", message: LocalizedText(en: "at most \(Self.maxLines) lines per quick order",
                                                                                  ko: "빠른 주문은 최대 \(Self.maxLines)줄입니다")))
            return
        }
        for record in body { read(record, columns: columns) }
    }

    private mutating func read(_ record: CSVRecord, columns: (sku: Int, quantity: Int, seller: Int?)) {
        let cells = record.fields.map(Self.clean)
        let width = max(columns.sku, columns.quantity, columns.seller ?? 0) + 1
        if cells.count > width || cells.count < max(columns.sku, columns.quantity) + 1 {
            fail(record.line, "row", "expected the cells sku,quantity[,seller_id], found \(cells.count)", "sku,quantity[,seller_id] 형식이어야 합니다")
            return
        }
        let sku = cells[columns.sku]
        var ok = true
        if sku.isEmpty || sku.count > ListingRules.maxSKULength {
            fail(record.line, "sku", "must be 1 to \(ListingRules.maxSKULength) characters", "SKU는 1~\(ListingRules.maxSKULength)자여야 합니다")
            ok = false
        }
        let quantity = Int64(cells[columns.quantity])
        if quantity == nil || !(1...ListingRules.maxQuantity).contains(quantity ?? 0) {
            fail(record.line, "quantity", "must be a whole number from 1 to \(ListingRules.maxQuantity), not \"\(cells[columns.quantity].prefix(40))\"",
                 "1부터 \(ListingRules.maxQuantity) 사이의 정수여야 합니다")
            ok = false
        }
        var seller: String?
        if let index = columns.seller, index < cells.count, !cells[index].isEmpty {
            seller = cells[index]
            if cells[index].count > 64 {
                fail(record.line, "seller_id", "is too long", "너무 깁니다")
                ok = false
            }
        }
        if ok, let quantity { lines.append(Line(line: record.line, sku: sku, quantity: quantity, sellerID: seller)) }
    }

    private mutating func fail(_ line: Int?, _ field: String, _ en: String, _ ko: String) {
        problems.append(Problem(line: line, field: field, message: LocalizedText(en: en, ko: ko)))
    }

    private static func clean(_ cell: String) -> String { cell.trimmingCharacters(in: .whitespaces) }

    // MARK: - Resolving SKUs

    /// The checkout lines, each named `csv:LINE` so checkout's problems map back to file lines; records a
    /// problem for every line that does not resolve to exactly one listing the buyer can order.
    public mutating func resolve(_ db: Connection, buyerID: String) throws -> [CheckoutLine] {
        var result: [CheckoutLine] = []
        var seen: [String: Int] = [:]
        for line in lines {
            var sql = """
                SELECT p.id, p.seller_id, p.visible_to FROM products p JOIN organizations o ON o.id = p.seller_id
                WHERE p.sku = ? AND p.status = 'active' AND o.kind = 'supplier' AND o.status = 'active'
                """
            var arguments: [SQLValue] = [.text(line.sku)]
            if let seller = line.sellerID {
                sql += " AND p.seller_id = ?"
                arguments.append(.text(seller))
            }
            let matches = try db.query(sql + " ORDER BY p.seller_id LIMIT 20", arguments).filter {
                CheckoutLookup.isVisible($0.string("visible_to"), to: buyerID)
            }
            guard let match = matches.first, let productID = match.string("id") else {
                let from = line.sellerID.map { " from supplier \($0)" } ?? ""
                fail(line.line, "sku", "no listing with SKU \(line.sku)\(from) is available to you", "주문할 수 있는 SKU \(line.sku) 상품이 없습니다")
                continue
            }
            if matches.count > 1 {
                let sellers = matches.compactMap { $0.string("seller_id") }.joined(separator: ", ")
                fail(line.line, "sku", "SKU \(line.sku) is sold by several suppliers (\(sellers)); add a seller_id column",
                     "SKU \(line.sku)를 여러 공급사가 판매합니다 (\(sellers)). seller_id 열을 추가하세요")
                continue
            }
            if let first = seen[productID] {
                fail(line.line, "sku", "names the same listing as line \(first); combine the quantities in one line",
                     "\(first)번째 줄과 같은 상품입니다. 수량을 한 줄로 합치세요")
                continue
            }
            seen[productID] = line.line
            result.append(.listing(productID, quantity: line.quantity, field: "csv:\(line.line)"))
        }
        return result
    }

    // MARK: - Answers

    /// The 422 naming every problem of the file: `errors: [{"line","field","message"}]`, as the listing
    /// import answers.
    public func failure(language: Language) -> APIError {
        let problems = problems.enumerated().sorted { a, b in
            (a.element.line ?? 0, a.offset) < (b.element.line ?? 0, b.offset)
        }.map(\.element)
        return Self.problem(
            status: .unprocessableContent, code: "quick_order_rejected",
            detail: LocalizedText(
                en: "Nothing was ordered: \(problems.count) line\(problems.count == 1 ? "" : "s") could not be resolved.",
                ko: "주문하지 않았습니다: 처리할 수 없는 줄이 \(problems.count)개 있습니다."),
            problems: problems, language: language)
    }

    /// A checkout's problem with its `csv:LINE` field paths turned into file lines
    /// (`csv:3.quantity` → line 3, field quantity; `product_id` is reported as `sku`).
    public static func mapped(_ error: APIError, language: Language) -> APIError {
        guard !error.errors.isEmpty else { return error }
        let problems = error.errors.map { fieldError -> Problem in
            let field = fieldError.field
            guard field.hasPrefix("csv:") else { return Problem(line: nil, field: field, message: fieldError.message) }
            let rest = field.dropFirst(4)
            let number = rest.prefix { $0.isNumber }
            var name = String(rest.dropFirst(number.count).drop { $0 == "." })
            if name.isEmpty { name = "row" }
            if name == "product_id" { name = "sku" }
            return Problem(line: Int(number), field: name, message: fieldError.message)
        }
        var mapped = problem(status: error.status, code: error.code, detail: error.detail ?? error.title, problems: problems, language: language)
        mapped.headers = error.headers
        return mapped
    }

    private static func problem(status: HTTPStatus, code: String, detail: LocalizedText, problems: [Problem], language: Language) -> APIError {
        let listed = problems.map { problem -> JSON in
            var object: JSONObject = [:]
            if let line = problem.line { object["line"] = .int(Int64(line)) }
            object["field"] = .string(problem.field)
            object["message"] = .string(problem.message.text(language))
            return .object(object)
        }
        return APIError(status, code: code, detail: detail, extensions: ["errors": .array(listed)])
    }
}
