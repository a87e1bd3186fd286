import Store

/// Reviews, replies and moderation; scorecards live in `supplier_scorecards` (CoreSchema).
public enum RatingSchema {
    public static let migrations: [Migration] = []
}
