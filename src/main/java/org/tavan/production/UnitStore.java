package org.tavan.production;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.catalog.Catalog;
import org.tavan.catalog.RoutingStep;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;

/**
 * The units table and its step visits, in the caller's transaction: every move of a unit is
 * guarded by the state it was read in, so two tablets cannot both move it.
 */
final class UnitStore {

    static final String REWORK_STATION = "rework";

    private final Catalog catalog;
    private final Clock clock;

    UnitStore(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    record UnitRow(long id, String serial, long workOrderId, String variantCode, String modelCode, int stepSeq,
                   String state, int reworkCount) {

        UnitState unitState() {
            return UnitState.of(state);
        }
    }

    UnitRow row(Handle h, String serial) {
        String value = SerialNumber.parse(serial).value();
        return h.createQuery("""
                        SELECT id, serial, work_order_id, variant_code, model_code, step_seq, state, rework_count
                          FROM units WHERE serial = :serial""")
                .bind("serial", value)
                .map((rs, ctx) -> new UnitRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getString(7), rs.getInt(8)))
                .findOne().orElseThrow(() -> new NotFound("Unit", value));
    }

    List<RoutingStep> routing(UnitRow u) {
        return catalog.routing(u.modelCode());
    }

    RoutingStep step(UnitRow u) {
        return routing(u).get(u.stepSeq() - 1);
    }

    static String currentStation(UnitRow u, RoutingStep step) {
        return u.unitState().rework() ? REWORK_STATION : step.station();
    }

    static void requireStation(UnitRow u, String expected, String given) {
        if (given == null || given.isBlank()) {
            throw new InvalidInput("station", "Say which station you are at");
        }
        if (!expected.equals(given)) {
            throw new Conflict("step_out_of_order", "Unit " + u.serial() + " is due at " + expected + ", not " + given,
                    Map.of("expectedStation", expected, "station", given));
        }
    }

    static Conflict notInProduction(UnitRow u) {
        return new Conflict("unit_not_in_production", "Unit " + u.serial() + " is " + u.state() + "; it has no steps left",
                Map.of("state", u.state()));
    }

    /** On to the next step, or finished after the last one. */
    void advance(Handle h, UnitRow u) {
        if (u.stepSeq() >= routing(u).size()) {
            update(h, u, u.stepSeq(), UnitState.FINISHED, u.reworkCount());
        } else {
            update(h, u, u.stepSeq() + 1, UnitState.WAITING, u.reworkCount());
        }
    }

    /** Guarded by the state and step the caller read: a concurrent change makes this refuse instead of overwrite. */
    void update(Handle h, UnitRow u, int seq, UnitState state, int reworkCount) {
        u.unitState().requireCanBecome(state);
        int changed = h.createUpdate("""
                        UPDATE units SET step_seq = :seq, state = :state, rework_count = :rework, updated_at = :now
                         WHERE id = :id AND state = :before AND step_seq = :beforeSeq""")
                .bind("seq", seq).bind("state", state.code()).bind("rework", reworkCount).bind("now", clock.instant())
                .bind("id", u.id()).bind("before", u.state()).bind("beforeSeq", u.stepSeq()).execute();
        if (changed != 1) {
            throw new Conflict("unit_changed_concurrently", "Unit " + u.serial() + " was changed by someone else; scan it again");
        }
    }

    void openStep(Handle h, UnitRow u, String station, boolean rework, Actor actor) {
        h.createUpdate("""
                        INSERT INTO unit_steps (unit_id, seq, station, rework, started_at, started_by)
                        VALUES (:unit, :seq, :station, :rework, :now, :by)""")
                .bind("unit", u.id()).bind("seq", u.stepSeq()).bind("station", station).bind("rework", rework)
                .bind("now", clock.instant()).bind("by", actor.name()).execute();
    }

    void closeStep(Handle h, UnitRow u, StepOutcome outcome, String reason, Actor actor) {
        h.createUpdate("""
                        UPDATE unit_steps SET ended_at = :now, ended_by = :by, outcome = :outcome, reason = :reason
                         WHERE unit_id = :unit AND ended_at IS NULL""")
                .bind("now", clock.instant()).bind("by", actor.name()).bind("outcome", outcome.code())
                .bind("reason", reason).bind("unit", u.id()).execute();
    }

    UnitView view(Handle h, String serial) {
        UnitRow u = row(h, serial);
        List<RoutingStep> routing = routing(u);
        RoutingStep step = routing.get(u.stepSeq() - 1);
        String station = switch (u.unitState()) {
            case REWORK_WAITING, REWORK_IN_PROGRESS -> REWORK_STATION;
            case FINISHED -> "awaiting_release";
            case RELEASED, SCRAPPED -> u.state();
            default -> step.station();
        };
        String next = switch (u.unitState()) {
            case WAITING -> step.test() ? "open_test_session" : "start";
            case IN_PROGRESS -> step.test() ? "await_verdict" : "complete_or_fail";
            case REWORK_WAITING -> "start_rework";
            case REWORK_IN_PROGRESS -> "complete_rework";
            case FINISHED -> "release";
            default -> "none";
        };
        boolean atTest = !station.equals(REWORK_STATION) && step.test() && u.unitState().atRoutingStep();
        List<UnitView.StepRecord> history = h.createQuery("""
                        SELECT seq, station, rework, started_at, started_by, ended_at, ended_by, outcome, reason
                          FROM unit_steps WHERE unit_id = :unit ORDER BY id""")
                .bind("unit", u.id())
                .map((rs, ctx) -> {
                    Instant started = Instant.ofEpochMilli(rs.getLong("started_at"));
                    long ended = rs.getLong("ended_at");
                    Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
                    return new UnitView.StepRecord(rs.getInt("seq"), rs.getString("station"), rs.getBoolean("rework"),
                            started, rs.getString("started_by"), endedAt, rs.getString("ended_by"), rs.getString("outcome"),
                            rs.getString("reason"), endedAt == null ? null : (endedAt.toEpochMilli() - started.toEpochMilli()) / 1000);
                }).list();
        return new UnitView(u.serial(), u.workOrderId(), u.modelCode(), u.variantCode(), u.state(), u.stepSeq(),
                routing.size(), station, atTest, atTest ? step.testPlanCode() : null, next, u.reworkCount(),
                FailureReasons.at(station), history);
    }
}
