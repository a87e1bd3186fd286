import Foundation
import HTTPServer
import MarketCore
import Web

/// `GET /v1/buyer/invoices[/{id}]` (API.md, Buyer: invoices) for the buyer's admins and approvers: JSON,
/// a printable bilingual HTML invoice (`Accept: text/html`) or CSV (`Accept: text/csv`).
enum InvoiceRoutes {
    static let access = Access.buyer(.admin, .approver)
    /// The CSV export of the list reads at most this many invoices (a decade of a busy buyer's invoices).
    static let csvLimit = 50_000

    static func register(_ routes: MarketRoutes) {
        let services = routes.services
        InvoiceDocs.registerComponents()

        routes.add(.get, "/v1/buyer/invoices", access: access, doc: InvoiceDocs.list) { request, context in
            let caller = try context.caller()
            let query = request.query
            let validation = Validation()
            var status: InvoiceStatus?
            if let text = query["status"], !text.isEmpty {
                status = InvoiceStatus(rawValue: text)
                if status == nil {
                    validation.add("query.status", "must be one of: \(InvoiceDocs.statuses.joined(separator: ", "))",
                                   ko: "다음 중 하나여야 합니다: \(InvoiceDocs.statuses.joined(separator: ", "))")
                }
            }
            try validation.check()
            let page = try Pagination(query)
            let now = services.now()
            if request.accepts("text/csv") {
                let rows = try services.database.read { db in
                    try InvoiceView.list(db, buyerID: caller.organizationID, status: status, now: now, after: nil, limit: csvLimit)
                }
                return InvoiceCSV.list(rows.map { InvoiceView.summary($0, now: now) })
            }
            let after: Int64?
            if let key = page.after {
                guard let sequence = Int64(key) else {
                    throw APIError.validation(field: "cursor", "is not a cursor this API issued", ko: "올바른 커서가 아닙니다")
                }
                after = sequence
            } else {
                after = nil
            }
            let rows = try services.database.read { db in
                try InvoiceView.list(db, buyerID: caller.organizationID, status: status, now: now, after: after, limit: page.limit + 1)
            }
            let (items, next) = page.page(rows) { String($0.int64("sequence") ?? 0) }
            return .page(items.map { InvoiceView.summary($0, now: now) }, nextCursor: next)
        }

        routes.add(.get, "/v1/buyer/invoices/{id}", access: access, doc: InvoiceDocs.detailOperation) { request, context in
            let caller = try context.caller()
            let now = services.now()
            let invoice = try services.database.read { db in
                try InvoiceView.detail(db, invoiceID: request.parameter("id"), buyerID: caller.organizationID, now: now)
            }
            guard let invoice else { throw APIError.notFound("invoice") }
            if request.accepts("text/html") {
                // Defence in depth beside the escaping: the page may load nothing and run nothing.
                return HTTPResponse(
                    status: .ok,
                    headers: ["Content-Type": "text/html; charset=utf-8",
                              "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"],
                    body: Array(InvoiceHTML.render(invoice).utf8))
            }
            if request.accepts("text/csv") { return InvoiceCSV.lines(invoice) }
            return .json(invoice)
        }
    }
}
