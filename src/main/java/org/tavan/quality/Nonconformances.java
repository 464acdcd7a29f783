package org.tavan.quality;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.production.Production;
import org.tavan.storage.Database;

/** Opened by every failed verdict; a quality lead records the cause and decides rework or scrap. */
public final class Nonconformances {

    private final Database db;
    private final Production production;
    private final AuditLog audit;
    private final Clock clock;

    public Nonconformances(Database db, Production production, AuditLog audit, Clock clock) {
        this.db = db;
        this.production = production;
        this.audit = audit;
        this.clock = clock;
    }

    public record Nonconformance(long id, long verdictId, String serial, String cause, String disposition,
                                 Instant openedAt, Instant decidedAt, String decidedBy) {
    }

    public record Decision(String disposition, String cause) {
    }

    public List<Nonconformance> list(Boolean open) {
        return db.read(h -> h.createQuery(SELECT + """
                         WHERE CAST(:open AS TEXT) IS NULL
                            OR (CAST(:open AS TEXT) = 'true' AND disposition IS NULL)
                            OR (CAST(:open AS TEXT) = 'false' AND disposition IS NOT NULL)
                         ORDER BY id DESC""")
                .bind("open", open == null ? null : open.toString())
                .map((rs, ctx) -> row(rs)).list());
    }

    public Nonconformance decide(long id, Decision decision, Actor actor) {
        if (decision.disposition() == null || !List.of("rework", "scrap").contains(decision.disposition())) {
            throw new InvalidInput("disposition", "Disposition must be rework or scrap");
        }
        return db.inTransaction(h -> {
            Nonconformance before = find(h, id);
            if (before.disposition() != null) {
                throw new Conflict("nonconformance_decided", "Nonconformance " + id + " was decided: " + before.disposition());
            }
            String cause = decision.cause() == null || decision.cause().isBlank() ? before.cause() : decision.cause().strip();
            // Guarded: of two quality leads deciding at once, the second finds it decided.
            int n = h.createUpdate("""
                            UPDATE nonconformances SET disposition = :d, cause = :cause, decided_at = :now, decided_by = :by
                             WHERE id = :id AND disposition IS NULL""")
                    .bind("d", decision.disposition()).bind("cause", cause).bind("now", clock.instant())
                    .bind("by", actor.name()).bind("id", id).execute();
            if (n == 0) {
                throw new Conflict("nonconformance_decided", "Nonconformance " + id + " was decided meanwhile");
            }
            if (decision.disposition().equals("scrap")) {
                production.scrap(h, before.serial(), "scrapped: " + cause, actor);
            }
            Nonconformance after = find(h, id);
            audit.record(h, actor, "quality.nonconformance_decided", "nonconformance", id, before, after);
            return after;
        });
    }

    private static final String SELECT =
            "SELECT id, verdict_id, serial, cause, disposition, opened_at, decided_at, decided_by FROM nonconformances ";

    private static Nonconformance find(Handle h, long id) {
        return h.createQuery(SELECT + " WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs)).findOne()
                .orElseThrow(() -> new NotFound("Nonconformance", id));
    }

    private static Nonconformance row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long decided = rs.getLong("decided_at");
        Instant decidedAt = rs.wasNull() ? null : Instant.ofEpochMilli(decided);
        return new Nonconformance(rs.getLong("id"), rs.getLong("verdict_id"), rs.getString("serial"), rs.getString("cause"),
                rs.getString("disposition"), Instant.ofEpochMilli(rs.getLong("opened_at")), decidedAt,
                rs.getString("decided_by"));
    }
}
