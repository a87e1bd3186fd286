extension Money {
    /// `self × numerator / denominator`, rounded half-to-even to the minor unit: the share of a line's
    /// amount or commission that a partial return reverses (`numerator` returned of `denominator` ordered).
    public func prorated(numerator: Int64, denominator: Int64) throws(MoneyError) -> Money {
        guard denominator != 0 else { throw .divisionByZero }
        guard let minor = WideArithmetic.multiplyDivide(Int128(minorUnits), Int128(numerator), Int128(denominator),
                                                        rule: .halfEven),
              let units = Int64(exactly: minor) else { throw .overflow }
        return Money(minorUnits: units, currency: currency)
    }

    /// Splits this amount into parts proportional to `weights` that sum to it exactly (largest remainder
    /// method): each part gets its share rounded toward zero, then the leftover minor units go one each to the
    /// parts with the largest remainders, earlier parts first on ties. No part exceeds its exact share by a
    /// whole unit, and a part with weight 0 gets 0.
    public func allocated(proportionalTo weights: [Int64]) throws(MoneyError) -> [Money] {
        guard !weights.isEmpty, weights.allSatisfy({ $0 >= 0 }) else { throw .invalidWeights }
        var totalWeight: Int128 = 0
        for weight in weights { totalWeight += Int128(weight) }   // ≤ 2^63 × Int.max: fits Int128
        guard totalWeight > 0 else { throw .invalidWeights }

        let total = Int128(minorUnits)
        let magnitude = total.magnitude
        var parts = [Int128]()
        var remainders = [(index: Int, remainder: Int128)]()
        var assigned: Int128 = 0
        for (index, weight) in weights.enumerated() {
            // |total| × weight < 2^63 × 2^63: exact in Int128.
            let product = Int128(magnitude) * Int128(weight)
            let share = product / totalWeight
            parts.append(share)
            remainders.append((index, product % totalWeight))
            assigned += share
        }
        var leftover = Int128(magnitude) - assigned   // < weights.count
        let order = remainders.sorted { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        var cursor = 0
        while leftover > 0, cursor < order.count {
            parts[order[cursor].index] += 1
            leftover -= 1
            cursor += 1
        }
        return parts.map { part in
            // Every part is at most |total| ≤ 2^63, and negating a value of a negative total restores its sign.
            let signed = total < 0 ? -part : part
            return Money(minorUnits: Int64(truncatingIfNeeded: signed), currency: currency)
        }
    }
}
