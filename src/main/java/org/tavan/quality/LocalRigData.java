package org.tavan.quality;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.errors.InvalidInput;
import org.tavan.storage.Database;
import org.tavan.telemetry.Measurement;

/**
 * Rig facts and rig readings kept by quality itself ({@code quality_rigs}, {@code test_readings}
 * with a rig id): registered and fed over quality's own API. It lets the whole verdict path run
 * and be tested before the ingest feature's registry lands.
 */
public final class LocalRigData implements RigData {

    private static final Pattern RIG_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public LocalRigData(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public record RigRegistration(String kind, Instant calibrationDue, String certificate) {
    }

    public record RigReadings(Instant at, List<Measurement> measurements) {
    }

    @Override
    public Optional<RigFacts> rig(Handle h, String rigId) {
        return h.createQuery("SELECT rig_id, kind, calibration_due, certificate FROM quality_rigs WHERE rig_id = :id")
                .bind("id", rigId)
                .map((rs, ctx) -> new RigFacts(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getString(4)))
                .findOne();
    }

    @Override
    public List<Reading> readings(Handle h, String rigId, Instant from, Instant to) {
        return h.createQuery("""
                        SELECT id, at, name, value, unit FROM test_readings
                         WHERE rig_id = :rig AND at >= :from AND at <= :to ORDER BY at, id""")
                .bind("rig", rigId).bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Reading(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getDouble(4), rs.getString(5)))
                .list();
    }

    public List<RigFacts> rigs() {
        return db.read(h -> h.createQuery("SELECT rig_id, kind, calibration_due, certificate FROM quality_rigs ORDER BY rig_id")
                .map((rs, ctx) -> new RigFacts(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getString(4)))
                .list());
    }

    /** Registers a rig or records its new calibration. */
    public RigFacts register(String rigId, RigRegistration r, Actor actor) {
        if (rigId == null || !RIG_ID.matcher(rigId).matches()) {
            throw new InvalidInput("rigId", "Rig ids are 1-64 letters, digits, '.', '_' or '-'");
        }
        if (r.kind() == null || !RIG_ID.matcher(r.kind()).matches()) {
            throw new InvalidInput("kind", "Give the rig's kind (its firmware profile id)");
        }
        if (r.calibrationDue() == null) {
            throw new InvalidInput("calibrationDue", "Give the date the rig's calibration falls due (ISO instant)");
        }
        return db.inTransaction(h -> {
            Optional<RigFacts> before = rig(h, rigId);
            if (before.isPresent()) {
                h.createUpdate("""
                                UPDATE quality_rigs SET kind = :kind, calibration_due = :due, certificate = :cert,
                                       updated_at = :now WHERE rig_id = :id""")
                        .bind("kind", r.kind()).bind("due", r.calibrationDue()).bind("cert", r.certificate())
                        .bind("now", clock.instant()).bind("id", rigId).execute();
            } else {
                h.createUpdate("""
                                INSERT INTO quality_rigs (rig_id, kind, calibration_due, certificate, updated_at)
                                VALUES (:id, :kind, :due, :cert, :now)""")
                        .bind("kind", r.kind()).bind("due", r.calibrationDue()).bind("cert", r.certificate())
                        .bind("now", clock.instant()).bind("id", rigId).execute();
            }
            RigFacts after = rig(h, rigId).orElseThrow();
            audit.record(h, actor, "quality.rig_registered", "rig", rigId, before.orElse(null), after);
            return after;
        });
    }

    /** Stores readings a rig reported (the stand-in for the MQTT/serial ingest path). */
    public int record(String rigId, RigReadings readings, Actor actor) {
        if (readings.measurements() == null || readings.measurements().isEmpty()) {
            throw new InvalidInput("measurements", "Send at least one measurement");
        }
        for (Measurement m : readings.measurements()) {
            if (m.name() == null || m.unit() == null || !Double.isFinite(m.value())) {
                throw new InvalidInput("measurements", "Each measurement needs a name, a finite value and a unit");
            }
        }
        Instant at = readings.at() == null ? clock.instant() : readings.at();
        return db.inTransaction(h -> {
            if (rig(h, rigId).isEmpty()) {
                throw new InvalidInput("rigId", "No registered rig '" + rigId + "'");
            }
            for (Measurement m : readings.measurements()) {
                h.createUpdate("""
                                INSERT INTO test_readings (rig_id, session_id, at, name, value, unit, entered_by)
                                VALUES (:rig, NULL, :at, :name, :value, :unit, :by)""")
                        .bind("rig", rigId).bind("at", at).bind("name", m.name()).bind("value", m.value())
                        .bind("unit", m.unit()).bind("by", actor.name()).execute();
            }
            audit.record(h, actor, "quality.rig_readings", "rig", rigId, null,
                    Map.of("at", at, "count", readings.measurements().size()));
            return readings.measurements().size();
        });
    }
}
