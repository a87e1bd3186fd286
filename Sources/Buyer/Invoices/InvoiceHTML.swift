import MarketCore
import Web

/// The printable invoice (`Accept: text/html`): one self-contained page, Korean and English side by side
/// (Korean first, as the buyer's accounts department in Korea files it; English for everyone else), no
/// scripts, no external resources. Built from the same JSON the API answers, so the two never disagree.
enum InvoiceHTML {
    static func render(_ invoice: JSON) -> String {
        func text(_ value: JSON?) -> String { HTMLText.escape(plain(value)) }
        func money(_ value: JSON?) -> String {
            HTMLText.escape("\(value?["amount"]?.stringValue ?? "") \(value?["currency"]?.stringValue ?? "")")
        }
        func label(_ ko: String, _ en: String) -> String {
            "<span lang=\"ko\">\(HTMLText.escape(ko))</span> <span class=\"en\" lang=\"en\">\(HTMLText.escape(en))</span>"
        }
        let status = invoice["status"]?.stringValue ?? ""
        let statusLabel = statusNames[status] ?? (status, status)
        let terms = invoice["payment_terms"]?.stringValue ?? ""
        let termsLabel = termNames[terms] ?? (terms, terms)

        var rows = ""
        for line in invoice["lines"]?.arrayValue ?? [] {
            let returned = Int64(plain(line["returned_quantity"])) ?? 0
            let returnedNote = returned > 0
                ? "<div class=\"note\">\(label("반품", "Returned")): \(HTMLText.escape(String(returned)))</div>" : ""
            rows += """
                <tr><td>\(text(line["position"]))</td><td>\(text(line["sku"]))</td>\
                <td><div lang="ko">\(text(line["title"]?["ko"]))</div><div class="en" lang="en">\(text(line["title"]?["en"]))</div>\(returnedNote)</td>\
                <td class="num">\(text(line["quantity"]))</td><td>\(text(line["unit"]))</td>\
                <td class="num">\(money(line["unit_price"]))</td><td class="num">\(money(line["line_total"]))</td></tr>

                """
        }
        let address = invoice["shipping_address"]
        let addressLines = ["recipient", "company", "line1", "line2", "city", "region", "postal_code", "country"]
            .compactMap { address?[$0]?.stringValue }.filter { !$0.isEmpty }.map(HTMLText.escape).joined(separator: "<br>")

        return """
            <!DOCTYPE html>
            <html lang="ko">
            <head>
            <meta charset="utf-8">
            <title>청구서 Invoice \(text(invoice["number"]))</title>
            <style>
            body { font-family: "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", Arial, sans-serif; margin: 2em; color: #111; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; } .en { color: #555; font-size: 0.9em; }
            table { border-collapse: collapse; width: 100%; margin-top: 1em; } th, td { border: 1px solid #bbb; padding: 0.4em; vertical-align: top; }
            th { background: #f2f2f2; text-align: left; } .num { text-align: right; white-space: nowrap; }
            .parties { display: flex; gap: 2em; margin-top: 1em; } .parties div { flex: 1; } .note { color: #a00; font-size: 0.85em; }
            .totals td { border: none; } .due td { font-weight: bold; font-size: 1.1em; }
            @media print { body { margin: 0; } }
            </style>
            </head>
            <body>
            <h1>청구서 <span class="en" lang="en">Invoice</span> \(text(invoice["number"]))</h1>
            <table>
            <tr><th>\(label("발행일", "Issue date"))</th><td>\(text(invoice["issued_at"]))</td>\
            <th>\(label("지급 기한", "Due date"))</th><td>\(text(invoice["due_at"]))</td></tr>
            <tr><th>\(label("결제 조건", "Payment terms"))</th><td>\(label(termsLabel.ko, termsLabel.en))</td>\
            <th>\(label("상태", "Status"))</th><td>\(label(statusLabel.ko, statusLabel.en))</td></tr>
            <tr><th>\(label("주문 번호", "Order"))</th><td>\(text(invoice["order_id"]))</td>\
            <th>\(label("구매 주문 번호", "PO number"))</th><td>\(text(invoice["po_number"]))</td></tr>
            </table>
            <div class="parties">
            <div><h3>\(label("공급자", "Seller"))</h3>\(text(invoice["seller"]?["name"]))<br>\(text(invoice["seller"]?["country"]))</div>
            <div><h3>\(label("청구 대상", "Bill to"))</h3>\(text(invoice["buyer"]?["name"]))<br>\(text(invoice["buyer"]?["country"]))</div>
            <div><h3>\(label("배송지", "Ship to"))</h3>\(addressLines)</div>
            </div>
            <table>
            <tr><th>#</th><th>SKU</th><th>\(label("품목", "Item"))</th><th>\(label("수량", "Qty"))</th><th>\(label("단위", "Unit"))</th>\
            <th>\(label("단가", "Unit price"))</th><th>\(label("금액", "Amount"))</th></tr>
            \(rows)</table>
            <table class="totals">
            <tr><td class="num">\(label("소계", "Subtotal"))</td><td class="num">\(money(invoice["subtotal"]))</td></tr>
            <tr><td class="num">\(label("배송비", "Shipping"))</td><td class="num">\(money(invoice["shipping"]))</td></tr>
            <tr><td class="num">\(label("합계", "Total"))</td><td class="num">\(money(invoice["amount"]))</td></tr>
            <tr><td class="num">\(label("반품 공제", "Credited for returns"))</td><td class="num">\(money(invoice["credited"]))</td></tr>
            <tr><td class="num">\(label("결제 금액", "Paid"))</td><td class="num">\(money(invoice["paid"]))</td></tr>
            <tr class="due"><td class="num">\(label("미결제 금액", "Amount due"))</td><td class="num">\(money(invoice["amount_due"]))</td></tr>
            </table>
            </body>
            </html>

            """
    }

    /// A scalar as plain text (strings unquoted, numbers as written); anything else is empty.
    static func plain(_ value: JSON?) -> String {
        switch value {
        case .string(let text)?: text
        case .number(let text)?: text
        case .bool(let flag)?: flag ? "true" : "false"
        default: ""
        }
    }

    static let statusNames: [String: (ko: String, en: String)] = [
        "open": ("미결제", "Open"), "partially_paid": ("부분 결제", "Partially paid"), "paid": ("결제 완료", "Paid"),
        "overdue": ("연체", "Overdue"),
    ]

    static let termNames: [String: (ko: String, en: String)] = [
        "net_30": ("납품 후 30일 이내 지급", "Net 30 days from delivery"), "net_60": ("납품 후 60일 이내 지급", "Net 60 days from delivery"),
        "prepaid": ("선결제", "Prepaid"),
    ]
}
