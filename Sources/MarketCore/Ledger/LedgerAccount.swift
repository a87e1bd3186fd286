/// One account: a kind, the organization it belongs to (nil for the marketplace's own), one currency.
///
/// Its `code` is its natural key and the name the API shows (`supplier_payable:org_…:EUR`,
/// `commission_revenue:USD`); accounts are created on first use by the posting that needs them.
public struct LedgerAccount: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let kind: LedgerAccountKind
    public let ownerID: String?
    public let currency: Currency

    /// Per-organization kinds need an owner, the marketplace's kinds must not have one.
    public init(kind: LedgerAccountKind, ownerID: String?, currency: Currency) throws(LedgerError) {
        guard kind.isPerOrganization == (ownerID != nil), ownerID?.contains(":") != true, ownerID?.isEmpty != true else {
            throw .invalidAccount(kind: kind.rawValue, ownerID: ownerID)
        }
        self.kind = kind
        self.ownerID = ownerID
        self.currency = currency
    }

    private init(unchecked kind: LedgerAccountKind, ownerID: String?, currency: Currency) {
        self.kind = kind
        self.ownerID = ownerID
        self.currency = currency
    }

    public var code: String {
        if let ownerID { return "\(kind.rawValue):\(ownerID):\(currency.code)" }
        return "\(kind.rawValue):\(currency.code)"
    }

    public var description: String { code }

    /// The account a code names; nil for anything else.
    public init?(code: String) {
        let parts = code.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let kind = parts.first.flatMap(LedgerAccountKind.init(rawValue:)), let last = parts.last,
              let currency = Currency(code: last) else { return nil }
        switch (kind.isPerOrganization, parts.count) {
        case (true, 3) where !parts[1].isEmpty: self.init(unchecked: kind, ownerID: parts[1], currency: currency)
        case (false, 2): self.init(unchecked: kind, ownerID: nil, currency: currency)
        default: return nil
        }
    }

    public static func < (lhs: LedgerAccount, rhs: LedgerAccount) -> Bool { lhs.code < rhs.code }

    // MARK: - The accounts the postings use

    public static func buyerReceivable(_ buyerID: String, _ currency: Currency) -> LedgerAccount {
        LedgerAccount(unchecked: .buyerReceivable, ownerID: Self.owner(buyerID), currency: currency)
    }
    public static func supplierPayable(_ supplierID: String, _ currency: Currency) -> LedgerAccount {
        LedgerAccount(unchecked: .supplierPayable, ownerID: Self.owner(supplierID), currency: currency)
    }
    public static func supplierReceivable(_ supplierID: String, _ currency: Currency) -> LedgerAccount {
        LedgerAccount(unchecked: .supplierReceivable, ownerID: Self.owner(supplierID), currency: currency)
    }
    public static func supplierPayoutDue(_ supplierID: String, _ currency: Currency) -> LedgerAccount {
        LedgerAccount(unchecked: .supplierPayoutDue, ownerID: Self.owner(supplierID), currency: currency)
    }
    public static func commissionRevenue(_ currency: Currency) -> LedgerAccount {
        LedgerAccount(unchecked: .commissionRevenue, ownerID: nil, currency: currency)
    }
    public static func commissionReversals(_ currency: Currency) -> LedgerAccount {
        LedgerAccount(unchecked: .commissionReversals, ownerID: nil, currency: currency)
    }
    public static func fxClearing(_ currency: Currency) -> LedgerAccount {
        LedgerAccount(unchecked: .fxClearing, ownerID: nil, currency: currency)
    }
    public static func cash(_ currency: Currency) -> LedgerAccount {
        LedgerAccount(unchecked: .cash, ownerID: nil, currency: currency)
    }

    /// Organization ids are ours (`org_…`) and never contain ':'; an empty or odd one still yields a
    /// distinct, parseable code rather than a crash.
    private static func owner(_ id: String) -> String {
        if id.isEmpty { return "-" }
        guard id.utf8.contains(UInt8(ascii: ":")) else { return id }
        return String(decoding: id.utf8.map { $0 == UInt8(ascii: ":") ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
    }
}
