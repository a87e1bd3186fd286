import Foundation
import Store
import Web

/// A buyer company's approval threshold: an order whose total, converted to `minTotal`'s currency at the
/// rate in force, is at or above `minTotal` waits in `pending_approval` for a user with `approverRole`
/// (or an admin).
public struct ApprovalRule: Sendable, Hashable {
    public let minTotal: Money
    /// `approver` or `admin`.
    public let approverRole: Role

    public init(minTotal: Money, approverRole: Role) {
        self.minTotal = minTotal
        self.approverRole = approverRole
    }

    public var json: JSON { ["min_total": minTotal.json, "approver_role": .string(approverRole.rawValue)] }

    /// The roles a rule may name.
    public static let approverRoles: [Role] = [.approver, .admin]
}

/// Decides whether an order needs approval. Pure.
public enum ApprovalPolicy {
    /// The role that must approve an order of `total`, or nil when no rule applies. When several rules
    /// apply, `admin` wins over `approver` (the stricter). A rule whose currency cannot be reached from
    /// the order currency counts as applying: without a rate the safe answer is to ask for approval.
    public static func requiredRole(total: Money, rules: [ApprovalRule], fx: FXRateTable, at instant: Date) -> Role? {
        var required: Role?
        for rule in rules {
            let applies: Bool
            if let (converted, _) = fx.convert(total, to: rule.minTotal.currency, at: instant) {
                applies = converted.minorUnits >= rule.minTotal.minorUnits
            } else {
                applies = true
            }
            guard applies else { continue }
            if rule.approverRole == .admin || required == nil { required = rule.approverRole }
        }
        return required
    }
}

/// The `approval_rules` rows of one buyer.
public enum ApprovalRuleStore {
    public static func load(_ db: Connection, buyerID: String) throws -> [ApprovalRule] {
        var rules = [ApprovalRule]()
        try db.forEach(
            "SELECT min_total_minor, currency, approver_role FROM approval_rules WHERE buyer_id = ? ORDER BY position",
            [.text(buyerID)]
        ) { row in
            guard let minor = row.int64("min_total_minor"), let currency = row.string("currency").flatMap(Currency.init(code:)),
                  let role = row.string("approver_role").flatMap(Role.init(rawValue:)) else { return }
            rules.append(ApprovalRule(minTotal: Money(minorUnits: minor, currency: currency), approverRole: role))
        }
        return rules
    }

    /// Replaces the buyer's rules (PUT semantics), in the caller's transaction.
    public static func replace(_ db: Connection, buyerID: String, rules: [ApprovalRule], by userID: String, at now: String) throws {
        try db.execute("DELETE FROM approval_rules WHERE buyer_id = ?", [.text(buyerID)])
        for (position, rule) in rules.enumerated() {
            try db.execute(
                """
                INSERT INTO approval_rules (id, buyer_id, position, min_total_minor, currency, approver_role, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(ID.make("apr")), .text(buyerID), .integer(Int64(position)), .integer(rule.minTotal.minorUnits),
                 .text(rule.minTotal.currency.code), .text(rule.approverRole.rawValue), .text(now), .text(userID)])
        }
    }
}
