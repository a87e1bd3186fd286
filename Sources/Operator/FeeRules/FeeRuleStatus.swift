import Foundation
import MarketCore

/// Where a rule stands at an instant among the rules for the same target (same scope, seller and category):
/// not yet effective, the one in force, or superseded by a newer one. Rules are never edited, so this is
/// how the operator reads "which rule applies now" from the history.
enum FeeRuleStatus: String, Sendable {
    case scheduled
    case inForce = "in_force"
    case superseded

    private struct Target: Hashable {
        let scope: FeeScope
        let sellerID: String?
        let categoryID: String?
    }

    /// The status of every rule at `instant`, by id.
    static func statuses(of rules: [FeeRule], at instant: Date) -> [String: FeeRuleStatus] {
        let groups = Dictionary(grouping: rules) { Target(scope: $0.scope, sellerID: $0.sellerID, categoryID: $0.categoryID) }
        var result = [String: FeeRuleStatus]()
        for (target, group) in groups {
            // Within one target the selector orders by effective_from, then created_at, then id: the same
            // tie-breaking checkout uses.
            let winner = FeeRuleSelector.select(
                rules: group, sellerID: target.sellerID ?? "", categoryPath: target.categoryID.map { [$0] } ?? [],
                at: instant)
            for rule in group {
                result[rule.id] = rule.effectiveFrom > instant ? .scheduled : (rule.id == winner?.id ? .inForce : .superseded)
            }
        }
        return result
    }
}
