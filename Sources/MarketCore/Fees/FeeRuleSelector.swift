import Foundation

/// Picks the commission rule for one order line (API.md, fee-rules): only rules with `effectiveFrom <= at`
/// count; the most specific wins, seller_category > seller > category > default; within seller_category
/// and category the rule for the nearest category in the line's path wins; then the latest `effectiveFrom`,
/// then the latest `createdAt`, then the greatest `id` (so the choice never depends on input order).
public enum FeeRuleSelector {
    /// - Parameter categoryPath: the line's category first, then its ancestors, nearest first.
    public static func select(rules: [FeeRule], sellerID: String, categoryPath: [String], at instant: Date)
        -> FeeRule? {
        var depthOf = [String: Int]()
        for (depth, category) in categoryPath.enumerated() where depthOf[category] == nil {
            depthOf[category] = depth
        }
        var best: (rule: FeeRule, depth: Int)?
        for rule in rules where rule.effectiveFrom <= instant {
            guard let depth = matchDepth(rule, sellerID: sellerID, depthOf: depthOf) else { continue }
            if let current = best, !isPreferred(rule, depth: depth, over: current.rule, depth: current.depth) {
                continue
            }
            best = (rule, depth)
        }
        return best?.rule
    }

    /// nil when the rule does not apply; else the category depth it matched (0 for scopes without category).
    private static func matchDepth(_ rule: FeeRule, sellerID: String, depthOf: [String: Int]) -> Int? {
        switch rule.scope {
        case .default:
            return 0
        case .seller:
            return rule.sellerID == sellerID ? 0 : nil
        case .category:
            guard let category = rule.categoryID else { return nil }
            return depthOf[category]
        case .sellerCategory:
            guard rule.sellerID == sellerID, let category = rule.categoryID else { return nil }
            return depthOf[category]
        }
    }

    private static func isPreferred(_ a: FeeRule, depth da: Int, over b: FeeRule, depth db: Int) -> Bool {
        if a.scope.specificity != b.scope.specificity { return a.scope.specificity > b.scope.specificity }
        if da != db { return da < db }
        if a.effectiveFrom != b.effectiveFrom { return a.effectiveFrom > b.effectiveFrom }
        if a.createdAt != b.createdAt { return a.createdAt > b.createdAt }
        return a.id > b.id
    }
}
