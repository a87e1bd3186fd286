import Store

/// Catalog tables beyond `products` (which lives in CoreSchema because orders and RFQs read it).
public enum CatalogSchema {
    public static let migrations: [Migration] = []
}
