import Store
import Web

/// Who changed what, when, from what to what: roles, fee rules, FX rates, credit, supplier status,
/// moderation. Written inside the same transaction as the change, so the log can never disagree
/// with the data.
public enum AuditLog {
    public static func record(
        _ db: Connection, at: String, actor: Principal?, action: String, entityType: String, entityID: String,
        before: JSON? = nil, after: JSON? = nil
    ) throws {
        try db.execute(
            """
            INSERT INTO audit_log (id, at, actor_user_id, actor_organization_id, action, entity_type, entity_id, before, after)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(ID.make("aud")), .text(at), actor.map { .text($0.userID) } ?? .null,
                actor.map { .text($0.organizationID) } ?? .null, .text(action), .text(entityType), .text(entityID),
                before.map { .text(JSONSerializer.string($0)) } ?? .null,
                after.map { .text(JSONSerializer.string($0)) } ?? .null,
            ])
    }
}
