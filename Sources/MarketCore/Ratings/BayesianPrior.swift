/// What a supplier's rating is pulled towards before it has many reviews: the Bayesian average
/// `(C·m + Σ ratings) / (C + n)` behaves as if every supplier started with `weight` (C) reviews of
/// `meanMilli` (m).
///
/// The marketplace uses a FIXED prior, m = 3.5 stars and C = 10 reviews, rather than the marketplace-wide
/// mean: a moving m would change every supplier's rating (and re-index every listing) whenever anyone is
/// reviewed, and would let a burst of reviews elsewhere reorder a supplier's rank. 3.5 sits below the
/// usual mean of marketplace reviews (~4.3), so sparse praise is discounted: three 5-star reviews give
/// (35 + 15) / 13 = 3.846, while three hundred reviews averaging 4.8 give (35 + 1440) / 310 = 4.758.
public struct BayesianPrior: Sendable, Hashable {
    /// m, in thousandths of a star.
    public let meanMilli: Int64
    /// C, in reviews.
    public let weight: Int64

    public init(meanMilli: Int64, weight: Int64) {
        self.meanMilli = meanMilli
        self.weight = weight
    }

    public static let marketplace = BayesianPrior(meanMilli: 3500, weight: 10)
}
