import Foundation
import Web

/// How a buyer pays an order: up front, or on an invoice due 30 or 60 days after delivery.
public enum PaymentTerms: String, Sendable, Hashable, CaseIterable {
    case prepaid
    case net30 = "net_30"
    case net60 = "net_60"

    /// Days from delivery (the invoice date) to the due date; 0 for prepaid.
    public var netDays: Int {
        switch self {
        case .prepaid: 0
        case .net30: 30
        case .net60: 60
        }
    }

    /// Net terms are credit the operator extends: they count against the buyer's credit limit.
    public var isCredit: Bool { self != .prepaid }

    /// The terms the operator allows a buyer, from `organizations.payment_terms`: a JSON array
    /// (`["prepaid","net_30"]`) or a comma-separated list. Unknown names are ignored; `prepaid` is always
    /// allowed (the default for every buyer).
    public static func allowed(storage: String?) -> Set<PaymentTerms> {
        var result: Set<PaymentTerms> = [.prepaid]
        guard let storage, !storage.isEmpty else { return result }
        let names: [String]
        if storage.hasPrefix("["), let items = (try? JSONParser.parse(storage))?.arrayValue {
            names = items.compactMap(\.stringValue)
        } else {
            // Split by hand: this runs on every checkout, and Foundation's trimming is costly here.
            names = storage.split(separator: ",").map { String($0.filter { $0 != " " }) }
        }
        for name in names { if let terms = PaymentTerms(rawValue: name) { result.insert(terms) } }
        return result
    }
}
