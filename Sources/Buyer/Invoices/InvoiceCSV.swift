import HTTPServer
import MarketCore
import Web

/// Invoices as `text/csv` (RFC 4180, UTF-8 with a byte order mark so spreadsheet programs show Korean
/// titles): the list (one row per invoice) and one invoice (one row per line, amounts as decimal strings).
///
/// Text typed by other companies (titles, SKUs, names) is defused against spreadsheet formula injection
/// (OWASP "CSV injection"): a field starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`.
enum InvoiceCSV {
    static let listColumns = [
        "number", "invoice_id", "order_id", "po_number", "seller", "issued_at", "due_at", "status", "days_overdue", "currency",
        "amount", "credited", "paid", "amount_due",
    ]

    static let lineColumns = [
        "number", "issued_at", "due_at", "position", "sku", "title_en", "title_ko", "quantity", "returned_quantity", "unit",
        "unit_price", "line_total", "currency",
    ]

    static func list(_ invoices: [JSON]) -> HTTPResponse {
        var writer = CSVWriter(byteOrderMark: true)
        writer.writeRow(listColumns)
        for invoice in invoices {
            writer.writeRow([
                plain(invoice["number"]), plain(invoice["id"]), plain(invoice["order_id"]), safe(invoice["po_number"]),
                safe(invoice["seller"]?["name"]), plain(invoice["issued_at"]), plain(invoice["due_at"]), plain(invoice["status"]),
                plain(invoice["days_overdue"]), plain(invoice["currency"]), plain(invoice["amount"]?["amount"]),
                plain(invoice["credited"]?["amount"]), plain(invoice["paid"]?["amount"]), plain(invoice["amount_due"]?["amount"]),
            ])
        }
        return response(writer.drain(), filename: "invoices.csv")
    }

    static func lines(_ invoice: JSON) -> HTTPResponse {
        var writer = CSVWriter(byteOrderMark: true)
        writer.writeRow(lineColumns)
        for line in invoice["lines"]?.arrayValue ?? [] {
            writer.writeRow([
                plain(invoice["number"]), plain(invoice["issued_at"]), plain(invoice["due_at"]), plain(line["position"]),
                safe(line["sku"]), safe(line["title"]?["en"]), safe(line["title"]?["ko"]), plain(line["quantity"]),
                plain(line["returned_quantity"]), safe(line["unit"]), plain(line["unit_price"]?["amount"]),
                plain(line["line_total"]?["amount"]), plain(invoice["currency"]),
            ])
        }
        let number = plain(invoice["number"]).filter { $0.isLetter || $0.isNumber || $0 == "-" }
        return response(writer.drain(), filename: "invoice-\(number).csv")
    }

    static func response(_ body: [UInt8], filename: String) -> HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": "text/csv; charset=utf-8",
                                            "Content-Disposition": "attachment; filename=\"\(filename)\""], body: body)
    }

    static func plain(_ value: JSON?) -> String { InvoiceHTML.plain(value) }

    static func safe(_ value: JSON?) -> String {
        let text = plain(value)
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }
}
