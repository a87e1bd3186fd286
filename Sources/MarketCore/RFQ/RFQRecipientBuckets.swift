import Store

/// The buckets that lead `rfq_recipients`' key (see RFQSchema): consecutive RFQs share the newest bucket until
/// it holds about `capacity` recipients, so a broadcast writes into a bounded region at the end of the table
/// while a supplier's inbox needs one index seek per bucket.
public enum RFQRecipientBuckets {
    /// Recipients per bucket before a new one starts. Larger: a broadcast dirties more pages of the bucket it
    /// joins; smaller: an inbox page seeks more buckets (10 million invitations = 500 buckets ≈ 500 seeks for a
    /// supplier that was hardly ever invited).
    public static let capacity: Int64 = 20_000

    /// The bucket for an RFQ of `recipients`, counted in: the newest one, or a new one when the newest would
    /// overflow (an RFQ larger than the capacity still fits: it opens a bucket of its own).
    static func assign(_ db: Connection, recipients: Int64) throws -> Int64 {
        let newest = try db.queryOne("SELECT bucket, recipients FROM rfq_recipient_buckets ORDER BY bucket DESC LIMIT 1")
        var bucket = newest?.int64("bucket") ?? 0
        let held = newest?.int64("recipients") ?? 0
        if newest == nil {
            try db.execute("INSERT INTO rfq_recipient_buckets (bucket, recipients) VALUES (?, ?)", [.integer(bucket), .integer(recipients)])
        } else if held > 0 && held + recipients > capacity {
            bucket += 1
            try db.execute("INSERT INTO rfq_recipient_buckets (bucket, recipients) VALUES (?, ?)", [.integer(bucket), .integer(recipients)])
        } else {
            try db.execute("UPDATE rfq_recipient_buckets SET recipients = recipients + ? WHERE bucket = ?",
                           [.integer(recipients), .integer(bucket)])
        }
        return bucket
    }

    /// The newest bucket (where an inbox starts).
    static func newest(_ db: Connection) throws -> Int64 {
        try db.scalar("SELECT coalesce(max(bucket), 0) FROM rfq_recipient_buckets").int64Value ?? 0
    }
}
