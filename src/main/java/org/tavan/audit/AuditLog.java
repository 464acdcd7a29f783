package org.tavan.audit;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.tavan.storage.Database;

/**
 * The append-only record of every state change. {@link #record} takes the caller's
 * {@link Handle}, so the row commits or rolls back with the change it describes.
 */
public final class AuditLog {

    private final ObjectMapper json;
    private final Clock clock;

    public AuditLog(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** {@code before} and {@code after} are any JSON-serialisable snapshots; null for create/delete. */
    public void record(Handle handle, Actor actor, String action, String entityType, Object entityId,
                       Object before, Object after) {
        handle.createUpdate("""
                        INSERT INTO audit_log (at, tapped_at, actor, action, entity_type, entity_id, before_json, after_json,
                                               request_id)
                        VALUES (:at, :tappedAt, :actor, :action, :entityType, :entityId, :before, :after, :requestId)""")
                .bind("at", clock.instant())
                .bind("tappedAt", actor.tappedAt())
                .bind("actor", actor.name())
                .bind("action", action)
                .bind("entityType", entityType)
                .bind("entityId", String.valueOf(entityId))
                .bind("before", toJson(before))
                .bind("after", toJson(after))
                .bind("requestId", actor.requestId())
                .execute();
    }

    public List<AuditEntry> find(Database db, String entityType, String entityId, long beforeId, int limit) {
        return db.read(h -> h.createQuery("""
                        SELECT id, at, tapped_at, actor, action, entity_type, entity_id, before_json, after_json, request_id
                          FROM audit_log
                         WHERE (CAST(:entityType AS TEXT) IS NULL OR entity_type = :entityType)
                           AND (CAST(:entityId AS TEXT) IS NULL OR entity_id = :entityId)
                           AND id < :beforeId
                         ORDER BY id DESC
                         LIMIT :limit""")
                .bind("entityType", entityType)
                .bind("entityId", entityId)
                .bind("beforeId", beforeId)
                .bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(rs.getLong("id"), java.time.Instant.ofEpochMilli(rs.getLong("at")),
                        tappedAt(rs), rs.getString("actor"), rs.getString("action"), rs.getString("entity_type"),
                        rs.getString("entity_id"), rs.getString("before_json"), rs.getString("after_json"),
                        rs.getString("request_id")))
                .list());
    }

    private static java.time.Instant tappedAt(java.sql.ResultSet rs) throws java.sql.SQLException {
        long tapped = rs.getLong("tapped_at");
        return rs.wasNull() ? null : java.time.Instant.ofEpochMilli(tapped);
    }

    private String toJson(Object snapshot) {
        if (snapshot == null) {
            return null;
        }
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Audit snapshot is not serialisable: " + e.getOriginalMessage(), e);
        }
    }
}
