package org.tavan.quality;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
        return db.read(h -> h.attach(QualityDao.class).nonconformances(open == null ? null : open.toString()));
    }

    public Nonconformance decide(long id, Decision decision, Actor actor) {
        if (decision.disposition() == null || !List.of("rework", "scrap").contains(decision.disposition())) {
            throw new InvalidInput("disposition", "Disposition must be rework or scrap");
        }
        return db.inTransaction(h -> {
            QualityDao dao = h.attach(QualityDao.class);
            Nonconformance before = find(dao, id);
            if (before.disposition() != null) {
                throw new Conflict("nonconformance_decided", "Nonconformance " + id + " was decided: " + before.disposition());
            }
            String cause = decision.cause() == null || decision.cause().isBlank() ? before.cause() : decision.cause().strip();
            if (dao.decide(id, decision.disposition(), cause, clock.instant(), actor.name()) == 0) {
                throw new Conflict("nonconformance_decided", "Nonconformance " + id + " was decided meanwhile");
            }
            if (decision.disposition().equals("scrap")) {
                production.scrap(before.serial(), "scrapped: " + cause, actor);
            }
            Nonconformance after = find(dao, id);
            audit.record(h, actor, "quality.nonconformance_decided", "nonconformance", id, before, after);
            return after;
        });
    }

    private static Nonconformance find(QualityDao dao, long id) {
        return dao.nonconformance(id).orElseThrow(() -> new NotFound("Nonconformance", id));
    }
}
