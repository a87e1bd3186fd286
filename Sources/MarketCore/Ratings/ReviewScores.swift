import Web

/// A review's four scores, each a whole number of stars from 1 to 5: the overall rating, and how the
/// supplier did on quality, delivery and communication.
public struct ReviewScores: Sendable, Hashable {
    public static let range: ClosedRange<Int64> = 1...5
    public static let fields = ["rating", "quality", "delivery", "communication"]

    public let rating: Int64
    public let quality: Int64
    public let delivery: Int64
    public let communication: Int64

    public init(rating: Int64, quality: Int64, delivery: Int64, communication: Int64) {
        self.rating = rating
        self.quality = quality
        self.delivery = delivery
        self.communication = communication
    }

    /// Reads the four scores, recording a field error for each missing or out-of-range one (a fraction
    /// such as 4.5 is refused: stars are whole).
    public init?(reading body: FieldReader) {
        let values = Self.fields.map { body.integer($0, required: true, min: Self.range.lowerBound, max: Self.range.upperBound) }
        guard let rating = values[0], let quality = values[1], let delivery = values[2], let communication = values[3] else {
            return nil
        }
        self.init(rating: rating, quality: quality, delivery: delivery, communication: communication)
    }
}
