import MarketCore
import Web

extension FeeRule {
    /// The API's fee rule. `status` says whether it is the rule in force for its own target (scope, seller,
    /// category) at the instant the list was asked for.
    func json(status: FeeRuleStatus? = nil) -> JSON {
        var object: JSONObject = [
            "id": .string(id), "scope": .string(scope.rawValue),
            "category_id": .optional(categoryID), "seller_id": .optional(sellerID),
            "percent": .string(percent.description),
            "fixed_fee": fixedFee?.json ?? .null, "min_fee": minFee?.json ?? .null, "max_fee": maxFee?.json ?? .null,
            "effective_from": .string(Timestamp.format(effectiveFrom)),
            "created_at": .string(Timestamp.format(createdAt)),
        ]
        if let status { object["status"] = .string(status.rawValue) }
        return .object(object)
    }
}
