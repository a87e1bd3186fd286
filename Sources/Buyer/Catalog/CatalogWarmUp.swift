import MarketCore

/// Loads the in-memory copy of `listing_index` (`ListingProjection`) before the first search needs it:
/// at a million listings that takes a second or two, which would otherwise fall on the first buyer who
/// searches after a start. Called by the server on a background thread once it is listening; searches
/// that arrive meanwhile run in SQL alone, as they do whenever the copy does not fit their snapshot.
public enum CatalogWarmUp {
    public static func run(_ services: MarketServices) throws {
        let database = services.database
        try database.read { db in
            _ = try ListingProjection.shared.columns(db, database: database.path, generation: try CatalogSchema.generation(db))
        }
    }
}
