import MarketCore

/// Where the next search page starts, inside the opaque `cursor` (Pagination base64url-encodes it).
///
/// Keyset cursors hold the last hit's sort key and `doc` (the listing's catalog number, unique and
/// increasing as listings enter the catalog: newest first is doc order), so a page continues exactly
/// after the last hit even while listings are added. Relevance holds an offset:
/// bm25 scores depend on the whole index and change with it, so a score is no steadier a key.
/// The sort (and, for price sorts, the currency the key is in) is part of the cursor; a cursor sent
/// with another sort is refused.
enum CatalogCursor: Equatable, Sendable {
    case offset(Int)
    case newest(doc: Int64)
    case rating(Int64, doc: Int64)
    /// The sort key in the request currency (see `CatalogSearch.priceKey`), exact as a Double's bits.
    case price(key: Double, doc: Int64)

    init?(decoding text: String, sort: CatalogSearchRequest.Sort, keyCurrency: Currency) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.first == sort.rawValue else { return nil }
        switch sort {
        case .relevance:
            guard parts.count == 2, let offset = Int(parts[1]), (0...CatalogSearchRequest.maxRelevanceOffset).contains(offset)
            else { return nil }
            self = .offset(offset)
        case .newest:
            guard parts.count == 2, let doc = Int64(parts[1]) else { return nil }
            self = .newest(doc: doc)
        case .rating:
            guard parts.count == 3, let rating = Int64(parts[1]), let doc = Int64(parts[2]) else { return nil }
            self = .rating(rating, doc: doc)
        case .priceAscending, .priceDescending:
            guard parts.count == 4, parts[1] == keyCurrency.code,
                let bits = UInt64(parts[2], radix: 16), let doc = Int64(parts[3])
            else { return nil }
            let key = Double(bitPattern: bits)
            guard key.isFinite else { return nil }
            self = .price(key: key, doc: doc)
        }
    }

    func encoded(sort: CatalogSearchRequest.Sort, keyCurrency: Currency) -> String {
        switch self {
        case .offset(let offset): "\(sort.rawValue)|\(offset)"
        case .newest(let doc): "\(sort.rawValue)|\(doc)"
        case .rating(let rating, let doc): "\(sort.rawValue)|\(rating)|\(doc)"
        case .price(let key, let doc):
            "\(sort.rawValue)|\(keyCurrency.code)|\(String(key.bitPattern, radix: 16))|\(doc)"
        }
    }
}
