import Web

/// A listing's two FTS5 columns (see CatalogSchema): titles and SKU in `title`, descriptions and
/// attribute values in `body`, each as `SearchText.indexDocument` output. Pure, so an import can make
/// them on another thread while the writer stores earlier rows; `fits` checks they were made from the
/// texts the listing ends up with (an update may keep texts the file did not name).
public struct ListingSearchColumns: Sendable, Equatable {
    public let title: String
    public let body: String
    /// The texts they were made from: each column's texts joined with a space.
    let source: [String]

    public init(title: LocalizedPair, description: LocalizedPair, sku: String, attributes: JSONObject) {
        let source = Self.source(title: title, description: description, sku: sku, attributes: attributes)
        // Each column is analysed as one text: the output is the same as text by text (no gram spans
        // white space), for one Unicode normalization per column instead of one per text, which is
        // most of what SearchText costs an import.
        self.title = SearchText.indexDocument([source[0]])
        self.body = SearchText.indexDocument([source[1]])
        self.source = source
    }

    public init(_ listing: Listing) {
        self.init(title: listing.title, description: listing.description, sku: listing.sku, attributes: listing.attributes)
    }

    /// Whether these are the columns of `listing` (made from the same texts).
    public func fits(_ listing: Listing) -> Bool {
        source == Self.source(title: listing.title, description: listing.description, sku: listing.sku, attributes: listing.attributes)
    }

    private static func source(title: LocalizedPair, description: LocalizedPair, sku: String, attributes: JSONObject) -> [String] {
        var bodyTexts = [description.en, description.ko].compactMap { $0 }
        for member in attributes {
            if let text = member.value.stringValue {
                bodyTexts.append(text)
            } else if case .number(let number) = member.value {
                bodyTexts.append(number)
            }
        }
        return [[title.en, title.ko, sku].compactMap { $0 }.joined(separator: " "), bodyTexts.joined(separator: " ")]
    }
}
