
extension FeeRule {
    /// Everything wrong with this rule as the operator submitted it; empty when it may be stored.
    public func violations() -> [FeeRuleViolation] {
        var found = [FeeRuleViolation]()
        func add(_ field: String, _ message: String) { found.append(FeeRuleViolation(field: field, message: message)) }

        let needsCategory = scope == .category || scope == .sellerCategory
        let needsSeller = scope == .seller || scope == .sellerCategory
        if needsCategory, (categoryID ?? "").isEmpty { add("category_id", "is required for scope \(scope.rawValue)") }
        if !needsCategory, categoryID != nil { add("category_id", "is not allowed for scope \(scope.rawValue)") }
        if needsSeller, (sellerID ?? "").isEmpty { add("seller_id", "is required for scope \(scope.rawValue)") }
        if !needsSeller, sellerID != nil { add("seller_id", "is not allowed for scope \(scope.rawValue)") }

        if percent.isNegative || percent > .hundred { add("percent", "must be between 0 and 100") }

        let fees: [(String, Money?)] = [("fixed_fee", fixedFee), ("min_fee", minFee), ("max_fee", maxFee)]
        for case let (field, fee?) in fees where fee.isNegative {
            add(field, "must not be negative")
        }
        let currencies = Set(fees.compactMap { $0.1?.currency })
        if currencies.count > 1 {
            add("min_fee", "fixed_fee, min_fee and max_fee must be in one currency")
        } else if let minFee, let maxFee, minFee.minorUnits > maxFee.minorUnits {
            add("min_fee", "must not exceed max_fee")
        }
        return found
    }
}
