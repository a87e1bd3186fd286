import HTTPServer
import MarketCore
import Store
import Web

/// `POST /v1/seller/products/import` (CSV or NDJSON, all or nothing) and `GET /v1/seller/products/export`.
enum ProductImportRoutes {
    /// Rows read per short read transaction while exporting: the export never holds a reader for the
    /// whole download of a slow client.
    static let exportBatch = 1000
    /// Page cache for an import's transaction, in KiB.
    static let importCacheKiB = 64 * 1024

    static func register(_ routes: MarketRoutes) {
        let services = routes.services

        routes.add(.post, "/v1/seller/products/import", access: ProductRoutes.access, options: .bulkUpload,
                   doc: ProductDocs.importListings) { request, context in
            let caller = try context.caller()
            let format: ListingImport.Format
            switch request.contentType {
            case "text/csv": format = .csv
            case "application/x-ndjson", "application/ndjson": format = .ndjson
            default: throw APIError.unsupportedMediaType(expected: "text/csv or application/x-ndjson")
            }
            return try Idempotency(services: services).run(request, organizationID: caller.organizationID) {
                let result = try services.database.write { db -> ListingImport in
                    // A big import dirties more pages than the usual cache holds; a larger cache for its
                    // transaction saves spilling them to the WAL and reading them back
                    // (https://www.sqlite.org/pragma.html#pragma_cache_size).
                    let usual = services.database.configuration.cacheSizeKiB
                    try db.execute("PRAGMA cache_size = -\(max(usual, importCacheKiB))")
                    defer { try? db.execute("PRAGMA cache_size = -\(max(usual, 0))") }
                    var run = ListingImport(
                        db: db, sellerID: caller.organizationID,
                        defaultCurrency: try ProductRoutes.defaultCurrency(db, caller.organizationID),
                        now: services.nowText(), makeID: { ID.make(Listing.idPrefix, at: services.now()) })
                    try run.run(format, body: request.body)
                    // Throwing rolls the whole transaction back: nothing of a bad file is kept.
                    if run.problemCount > 0 { throw run.failure(language: request.language) }
                    return run
                }
                return .json(["created": .int(result.created), "updated": .int(result.updated), "unchanged": .int(result.unchanged)])
            }
        }

        routes.add(.get, "/v1/seller/products/export", access: ProductRoutes.access, doc: ProductDocs.export) { request, context in
            let caller = try context.caller()
            let bom = request.query["bom"]
            guard bom == nil || bom == "true" || bom == "false" else {
                throw APIError.validation(field: "query.bom", "must be true or false", ko: "true 또는 false여야 합니다")
            }
            let byteOrderMark = bom == "true"
            let database = services.database
            let sellerID = caller.organizationID
            let headers: HTTPHeaders = [
                "Content-Type": "text/csv; charset=utf-8",
                "Content-Disposition": "attachment; filename=\"listings.csv\"",
            ]
            return HTTPResponse(status: .ok, headers: headers) { output in
                var writer = CSVWriter(byteOrderMark: byteOrderMark)
                writer.writeRow(ListingCSV.columns)
                // In catalog order (every listing not archived has a doc), a batch per short read.
                var after: Int64 = 0
                while true {
                    let rows = try database.read { db in
                        try db.query(
                            """
                            SELECT ld.doc AS doc, \(Listing.columns) FROM listing_docs ld JOIN products p ON p.id = ld.product_id
                            WHERE ld.seller_id = ? AND ld.doc > ? ORDER BY ld.doc LIMIT ?
                            """, [.text(sellerID), .integer(after), .integer(Int64(exportBatch))])
                    }
                    for row in rows {
                        if let listing = Listing(row: row) { writer.writeRow(ListingCSV.row(listing)) }
                        if writer.bufferedByteCount >= 64 * 1024 { try output.write(writer.drain()) }
                    }
                    guard rows.count == exportBatch, let last = rows.last?.int64("doc") else { break }
                    after = last
                }
                let rest = writer.drain()
                if !rest.isEmpty { try output.write(rest) }
            }
        }
    }
}
