/// Whom a fee rule applies to. Raw values are the API's `scope` strings.
public enum FeeScope: String, Sendable, Hashable, CaseIterable, Codable {
    case `default` = "default"
    case category = "category"
    case seller = "seller"
    case sellerCategory = "seller_category"

    /// Specificity, higher wins: seller_category > seller > category > default (API.md, fee-rules).
    public var specificity: Int {
        switch self {
        case .default: 0
        case .category: 1
        case .seller: 2
        case .sellerCategory: 3
        }
    }
}
