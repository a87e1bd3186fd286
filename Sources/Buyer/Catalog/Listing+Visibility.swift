import MarketCore

extension Listing {
    /// Unrestricted, or restricted to a list that names `buyerID` (the same rule as checkout's).
    func isVisible(to buyerID: String?) -> Bool {
        guard let visibleTo else { return true }
        guard let buyerID else { return false }
        return visibleTo.contains(buyerID)
    }
}
