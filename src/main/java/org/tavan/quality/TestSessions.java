package org.tavan.quality;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.catalog.Catalog;
import org.tavan.catalog.RoutingStep;
import org.tavan.catalog.TestPlan;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.production.Production;
import org.tavan.production.UnitView;
import org.tavan.storage.Database;
import org.tavan.telemetry.Measurement;

/**
 * A technician binds a rig to a unit at its test station and the plan that station applies;
 * while the session is open the rig's readings belong to it. The verdict is computed by
 * {@link VerdictCalculator}, stored immutably with everything it came from, and moves the unit
 * on (pass) or into rework with a nonconformance (fail).
 */
public final class TestSessions {

    private final Database db;
    private final Production production;
    private final Catalog catalog;
    private final RegisteredRigData rigs;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;
    private final VerdictReads verdicts;

    public TestSessions(Database db, Production production, Catalog catalog, RegisteredRigData rigs, AuditLog audit,
                        ObjectMapper json, Clock clock) {
        this.db = db;
        this.production = production;
        this.catalog = catalog;
        this.rigs = rigs;
        this.audit = audit;
        this.json = json;
        this.verdicts = new VerdictReads(json);
        this.clock = clock;
    }

    public record OpenSession(String serial, String rigId) {
    }

    public record SessionView(long id, String serial, int stepSeq, String station, long planId, String planCode,
                              int planVersion, String rigId, String rigKind, Instant rigCalibrationDue, String status,
                              Instant openedAt, String openedBy, Instant closedAt, String liveOutcome,
                              VerdictCalculator.Result live, List<Event> events, Long verdictId) {
    }

    public record Event(long id, Instant at, String kind, Long cycles, String itemKey, Boolean passed, String note,
                        String actor) {
    }

    public record ChecklistAnswer(String key, Boolean passed, String note) {
    }

    public record Note(String note) {
    }

    public record Replacement(String part, String note) {
    }

    public record ManualReadings(List<Measurement> measurements) {
    }

    public record VerdictView(long id, long sessionId, String serial, String modelCode, int stepSeq, String station,
                              long planId, String planCode, int planVersion, String outcome, JsonNode detail,
                              String rigId, String rigKind, Instant rigCalibrationDue, String rigCertificate,
                              Instant computedAt, String computedBy, Long nonconformanceId) {
    }

    // ---------------------------------------------------------------- opening

    public SessionView open(OpenSession request, Actor actor) {
        if (request.serial() == null) {
            throw new InvalidInput("serial", "Name the unit under test");
        }
        return db.inTransaction(h -> {
            UnitView unit = production.unit(h, request.serial());
            String serial = unit.serial();
            Optional<Long> already = h.createQuery("SELECT id FROM test_sessions WHERE serial = :s AND status <> 'closed'")
                    .bind("s", serial).mapTo(Long.class).findFirst();
            if (already.isPresent()) {
                throw new Conflict("session_already_open", "Unit " + serial + " already has test session " + already.get(),
                        Map.of("sessionId", already.get()));
            }
            if (!unit.testStation()) {
                throw new Conflict("step_out_of_order", "Unit " + serial + " is not at a test station (it is at "
                        + unit.station() + ", " + unit.state().replace('_', ' ') + ")",
                        Map.of("station", unit.station(), "state", unit.state()));
            }
            TestPlan plan = catalog.findLatestPlan(unit.testPlanCode())
                    .orElseThrow(() -> new NotFound("Test plan", unit.testPlanCode()));
            RigFacts rig = null;
            if (!plan.rigKinds().isEmpty() || request.rigId() != null) {
                if (request.rigId() == null || request.rigId().isBlank()) {
                    throw new InvalidInput("rigId", "Plan " + plan.code() + " needs a rig of kind " + plan.rigKinds());
                }
                rig = rigs.rig(h, request.rigId()).orElseThrow(() -> new NotFound("Rig", request.rigId()));
                if (!plan.rigKinds().contains(rig.kind())) {
                    throw new Conflict("rig_kind_mismatch", "Rig " + rig.rigId() + " is a " + rig.kind() + "; plan "
                            + plan.code() + " needs " + (plan.rigKinds().isEmpty() ? "no rig" : String.join(" or ", plan.rigKinds())),
                            Map.of("rigKind", rig.kind(), "planRigKinds", plan.rigKinds()));
                }
                if (rig.calibrationDue().isBefore(clock.instant())) {
                    throw new Conflict("rig_calibration_overdue", "Rig " + rig.rigId() + " was due for calibration on "
                            + rig.calibrationDue() + "; calibrate it before testing",
                            Map.of("calibrationDue", rig.calibrationDue().toString()));
                }
                Optional<String> busy = h.createQuery("SELECT serial FROM test_sessions WHERE rig_id = :r AND status <> 'closed'")
                        .bind("r", rig.rigId()).mapTo(String.class).findFirst();
                if (busy.isPresent()) {
                    throw new Conflict("rig_busy", "Rig " + rig.rigId() + " is testing " + busy.get(), Map.of("serial", busy.get()));
                }
            }
            Map<String, Object> specs = catalog.variant(unit.variantCode()).specs();
            for (TestPlan.MeasurementLimit m : plan.measurements()) {
                if (m.relativeTo() != null && !specs.containsKey(m.relativeTo())) {
                    throw new Conflict("missing_datasheet_value", "Variant " + unit.variantCode() + " has no "
                            + m.relativeTo() + ", which plan " + plan.code() + " measures " + m.name() + " against");
                }
            }
            RoutingStep step = production.beginTest(h, serial, actor);
            long id = h.createUpdate("""
                            INSERT INTO test_sessions (serial, step_seq, station, plan_id, rig_id, rig_kind, rig_calibration_due,
                                                       rig_certificate, status, opened_at, opened_by)
                            VALUES (:serial, :seq, :station, :plan, :rig, :kind, :due, :cert, 'open', :now, :by)""")
                    .bind("serial", serial).bind("seq", step.seq()).bind("station", step.station()).bind("plan", plan.id())
                    .bind("rig", rig == null ? null : rig.rigId()).bind("kind", rig == null ? null : rig.kind())
                    .bind("due", rig == null ? null : rig.calibrationDue()).bind("cert", rig == null ? null : rig.certificate())
                    .bind("now", clock.instant()).bind("by", actor.name())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            SessionView view = view(h, id);
            audit.record(h, actor, "quality.session_opened", "test_session", id, null,
                    Map.of("serial", serial, "plan", plan.code() + " v" + plan.version(), "rig", String.valueOf(view.rigId())));
            return view;
        });
    }

    // ---------------------------------------------------------------- during the session

    public SessionView pause(long id, String note, Actor actor) {
        return event(id, "paused", "open", "paused", null, null, note, actor);
    }

    public SessionView resume(long id, String note, Actor actor) {
        return event(id, "resumed", "paused", "open", null, null, note, actor);
    }

    public SessionView answer(long id, ChecklistAnswer answer, Actor actor) {
        if (answer.key() == null || answer.passed() == null) {
            throw new InvalidInput("key", "Give the checklist item's key and passed true/false");
        }
        return db.inTransaction(h -> {
            Session s = session(h, id);
            TestPlan plan = catalog.plan(s.planId);
            if (plan.checklist().stream().noneMatch(c -> c.key().equals(answer.key()))) {
                throw new InvalidInput("key", "Plan " + plan.code() + " has no checklist item '" + answer.key() + "'");
            }
            return addEvent(h, s, "checklist", null, answer.key(), answer.passed(), answer.note(), actor);
        });
    }

    /** Re-tightening at a planned checkpoint: must fall within the plan's window around it (ISO 7176-8 ±5 %). */
    public SessionView checkpoint(long id, String note, Actor actor) {
        return db.inTransaction(h -> {
            Session s = session(h, id);
            TestPlan.LongRun run = requireLongRun(h, s);
            long cycles = VerdictCalculator.cyclesDone(readings(h, s, clock.instant()), run.counter());
            boolean inWindow = run.checkpoints().stream().anyMatch(f ->
                    Math.abs(cycles - f * run.cycleTarget()) <= run.checkpointTolerance() * run.cycleTarget());
            if (!inWindow) {
                throw new Conflict("checkpoint_out_of_window", "At " + cycles + " cycles no checkpoint is due (planned at "
                        + run.checkpoints().stream().map(f -> Math.round(f * run.cycleTarget())).toList() + " ± "
                        + Math.round(run.checkpointTolerance() * run.cycleTarget()) + ")", Map.of("cycles", cycles));
            }
            return addEvent(h, s, "checkpoint", cycles, null, null, note, actor);
        });
    }

    public SessionView replacement(long id, Replacement r, Actor actor) {
        if (r.part() == null || r.part().isBlank()) {
            throw new InvalidInput("part", "Name the part that was replaced");
        }
        return db.inTransaction(h -> {
            Session s = session(h, id);
            TestPlan.LongRun run = requireLongRun(h, s);
            long cycles = VerdictCalculator.cyclesDone(readings(h, s, clock.instant()), run.counter());
            return addEvent(h, s, "replacement", cycles, r.part(), null, r.note(), actor);
        });
    }

    /** Values measured by hand (tape, gauge) for a plan without a rig, or alongside one. */
    public SessionView enter(long id, ManualReadings readings, Actor actor) {
        if (readings.measurements() == null || readings.measurements().isEmpty()) {
            throw new InvalidInput("measurements", "Send at least one measurement");
        }
        return db.inTransaction(h -> {
            Session s = session(h, id);
            requireNotClosed(s);
            TestPlan plan = catalog.plan(s.planId);
            for (Measurement m : readings.measurements()) {
                if (m.name() == null || !Double.isFinite(m.value()) || m.unit() == null) {
                    throw new InvalidInput("measurements", "Each measurement needs a name, a finite value and a unit");
                }
                if (plan.measurements().stream().noneMatch(l -> l.name().equals(m.name()))) {
                    throw new InvalidInput("measurements", "Plan " + plan.code() + " does not measure '" + m.name() + "'");
                }
            }
            Instant now = clock.instant();
            for (Measurement m : readings.measurements()) {
                h.createUpdate("""
                                INSERT INTO test_readings (rig_id, session_id, at, name, value, unit, entered_by)
                                VALUES (NULL, :s, :at, :name, :value, :unit, :by)""")
                        .bind("s", id).bind("at", now).bind("name", m.name()).bind("value", m.value())
                        .bind("unit", m.unit()).bind("by", actor.name()).execute();
            }
            audit.record(h, actor, "quality.readings_entered", "test_session", id, null, readings.measurements());
            return view(h, id);
        });
    }

    public SessionView session(long id) {
        return db.read(h -> view(h, id));
    }

    public List<SessionView> openSessions() {
        return db.read(h -> h.createQuery("SELECT id FROM test_sessions WHERE status <> 'closed' ORDER BY id")
                .mapTo(Long.class).list().stream().map(id -> view(h, id)).toList());
    }

    // ---------------------------------------------------------------- verdict

    public VerdictView decide(long id, Actor actor) {
        return db.inTransaction(h -> {
            Session s = session(h, id);
            requireNotClosed(s);
            if (s.status.equals("paused")) {
                throw new Conflict("session_paused", "Resume the session before asking for its verdict");
            }
            Instant now = clock.instant();
            TestPlan plan = catalog.plan(s.planId);
            UnitView unit = production.unit(h, s.serial);
            // Read once: the verdict is computed from, and holds, exactly these rig readings.
            List<Reading> fromRig = fromRig(h, s, now);
            List<Reading> readings = new ArrayList<>(fromRig);
            readings.addAll(typedIn(h, s));
            VerdictCalculator.Result result = VerdictCalculator.compute(input(h, s, plan, unit, readings));
            if (result.outcome().equals("incomplete")) {
                throw new Conflict("verdict_incomplete", "Not everything required is measured or answered yet: "
                        + result.missing(), Map.of("missing", result.missing()));
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("result", result);
            detail.put("readingIds", readings.stream().map(Reading::id).distinct().toList());
            detail.put("limits", plan.measurements());
            long verdictId = h.createUpdate("""
                            INSERT INTO verdicts (session_id, serial, model_code, step_seq, station, plan_id, plan_code,
                                                  plan_version, outcome, detail_json, rig_id, rig_kind, rig_calibration_due,
                                                  rig_certificate, computed_at, computed_by)
                            VALUES (:session, :serial, :model, :seq, :station, :plan, :code, :version, :outcome, :detail,
                                    :rig, :kind, :due, :cert, :now, :by)""")
                    .bind("session", id).bind("serial", s.serial).bind("model", unit.modelCode()).bind("seq", s.stepSeq)
                    .bind("station", s.station).bind("plan", plan.id()).bind("code", plan.code())
                    .bind("version", plan.version()).bind("outcome", result.outcome()).bind("detail", write(detail))
                    .bind("rig", s.rigId).bind("kind", s.rigKind).bind("due", s.rigCalibrationDue)
                    .bind("cert", s.rigCertificate).bind("now", now).bind("by", actor.name())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            List<String> findings = new ArrayList<>(result.failures());
            findings.addAll(result.marginals());
            for (String item : findings) {
                h.createUpdate("INSERT INTO verdict_findings (verdict_id, item, outcome) VALUES (:v, :item, :outcome)")
                        .bind("v", verdictId).bind("item", plan.code() + ":" + item)
                        .bind("outcome", result.failures().contains(item) ? "fail" : "marginal").execute();
            }
            rigs.hold(h, s.rigId, fromRig.stream().map(Reading::id).distinct().toList(), "verdict:" + verdictId, now);
            if (h.createUpdate("UPDATE test_sessions SET status = 'closed', closed_at = :now WHERE id = :id AND status = :was")
                    .bind("now", now).bind("id", id).bind("was", s.status).execute() != 1) {
                throw new Conflict("session_closed", "Test session " + id + " got its verdict meanwhile");
            }
            if (result.outcome().equals("fail")) {
                String cause = "Failed " + plan.code() + " v" + plan.version() + ": " + String.join(", ", result.failures());
                production.failTest(h, s.serial, s.stepSeq, cause, actor);
                h.createUpdate("""
                                INSERT INTO nonconformances (verdict_id, serial, cause, disposition, opened_at)
                                VALUES (:v, :serial, :cause, NULL, :now)""")
                        .bind("v", verdictId).bind("serial", s.serial).bind("cause", cause).bind("now", now).execute();
            } else {
                production.passTest(h, s.serial, s.stepSeq, actor);
            }
            VerdictView verdict = verdicts.one(h, verdictId);
            audit.record(h, actor, "quality.verdict", "unit", s.serial, null, Map.of("verdictId", verdictId,
                    "outcome", result.outcome(), "plan", plan.code() + " v" + plan.version(), "session", id));
            return verdict;
        });
    }

    public VerdictView verdict(long id) {
        return db.read(h -> verdicts.one(h, id));
    }

    public List<VerdictView> verdictsOf(String serial) {
        return db.read(h -> verdicts.ofUnit(h, serial));
    }

    // ---------------------------------------------------------------- internals

    private static final class Session {
        long id;
        String serial;
        int stepSeq;
        String station;
        long planId;
        String rigId;
        String rigKind;
        Instant rigCalibrationDue;
        String rigCertificate;
        String status;
        Instant openedAt;
        String openedBy;
        Instant closedAt;
    }

    private Session session(Handle h, long id) {
        return h.createQuery("""
                        SELECT id, serial, step_seq, station, plan_id, rig_id, rig_kind, rig_calibration_due, rig_certificate,
                               status, opened_at, opened_by, closed_at FROM test_sessions WHERE id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> {
                    Session s = new Session();
                    s.id = rs.getLong("id");
                    s.serial = rs.getString("serial");
                    s.stepSeq = rs.getInt("step_seq");
                    s.station = rs.getString("station");
                    s.planId = rs.getLong("plan_id");
                    s.rigId = rs.getString("rig_id");
                    s.rigKind = rs.getString("rig_kind");
                    long due = rs.getLong("rig_calibration_due");
                    s.rigCalibrationDue = rs.wasNull() ? null : Instant.ofEpochMilli(due);
                    s.rigCertificate = rs.getString("rig_certificate");
                    s.status = rs.getString("status");
                    s.openedAt = Instant.ofEpochMilli(rs.getLong("opened_at"));
                    s.openedBy = rs.getString("opened_by");
                    long closed = rs.getLong("closed_at");
                    s.closedAt = rs.wasNull() ? null : Instant.ofEpochMilli(closed);
                    return s;
                })
                .findOne().orElseThrow(() -> new NotFound("Test session", id));
    }

    private static void requireNotClosed(Session s) {
        if (s.status.equals("closed")) {
            throw new Conflict("session_closed", "Test session " + s.id + " is closed; its verdict is final");
        }
    }

    private TestPlan.LongRun requireLongRun(Handle h, Session s) {
        requireNotClosed(s);
        TestPlan.LongRun run = catalog.plan(s.planId).longRun();
        if (run == null) {
            throw new Conflict("not_a_long_run", "Plan of session " + s.id + " has no long run");
        }
        return run;
    }

    private SessionView event(long id, String kind, String from, String to, Long cycles, String key, String note,
                              Actor actor) {
        return db.inTransaction(h -> {
            Session s = session(h, id);
            requireNotClosed(s);
            if (!s.status.equals(from)) {
                throw new Conflict("session_" + s.status, "Test session " + id + " is " + s.status);
            }
            // Guarded: of two technicians pausing (or resuming) at once, the second is told.
            if (h.createUpdate("UPDATE test_sessions SET status = :to WHERE id = :id AND status = :from").bind("to", to)
                    .bind("id", id).bind("from", from).execute() != 1) {
                throw new Conflict("session_" + to, "Test session " + id + " was changed meanwhile; look again");
            }
            s.status = to;
            return addEvent(h, s, kind, cycles, key, null, note, actor);
        });
    }

    private SessionView addEvent(Handle h, Session s, String kind, Long cycles, String key, Boolean passed, String note,
                                 Actor actor) {
        requireNotClosed(s);
        h.createUpdate("""
                        INSERT INTO session_events (session_id, at, kind, cycles, item_key, passed, note, actor)
                        VALUES (:s, :at, :kind, :cycles, :key, :passed, :note, :actor)""")
                .bind("s", s.id).bind("at", clock.instant()).bind("kind", kind).bind("cycles", cycles)
                .bind("key", key).bind("passed", passed).bind("note", note).bind("actor", actor.name()).execute();
        audit.record(h, actor, "quality.session_" + kind, "test_session", s.id, null,
                Map.of("cycles", String.valueOf(cycles), "item", String.valueOf(key), "passed", String.valueOf(passed)));
        return view(h, s.id);
    }

    private List<Event> events(Handle h, long sessionId) {
        return h.createQuery("""
                        SELECT id, at, kind, cycles, item_key, passed, note, actor FROM session_events
                         WHERE session_id = :s ORDER BY id""")
                .bind("s", sessionId)
                .map((rs, ctx) -> {
                    long cycles = rs.getLong("cycles");
                    Long c = rs.wasNull() ? null : cycles;
                    boolean passed = rs.getBoolean("passed");
                    Boolean p = rs.wasNull() ? null : passed;
                    return new Event(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("kind"), c,
                            rs.getString("item_key"), p, rs.getString("note"), rs.getString("actor"));
                }).list();
    }

    /** The rig's readings while the session was open, plus values typed in for it. */
    private List<Reading> readings(Handle h, Session s, Instant until) {
        List<Reading> all = new ArrayList<>(fromRig(h, s, until));
        all.addAll(typedIn(h, s));
        return all;
    }

    private List<Reading> fromRig(Handle h, Session s, Instant until) {
        return s.rigId == null ? List.of() : rigs.readings(h, s.rigId, s.openedAt, s.closedAt == null ? until : s.closedAt);
    }

    private List<Reading> typedIn(Handle h, Session s) {
        return h.createQuery("SELECT id, at, name, value, unit FROM test_readings WHERE session_id = :s ORDER BY id")
                .bind("s", s.id)
                .map((rs, ctx) -> new Reading(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getDouble(4), rs.getString(5)))
                .list();
    }

    private VerdictCalculator.Input input(Handle h, Session s, TestPlan plan, UnitView unit, List<Reading> readings) {
        List<Event> events = events(h, s.id);
        List<VerdictCalculator.Interval> pauses = new ArrayList<>();
        Instant pausedAt = null;
        Map<String, Boolean> checklist = new LinkedHashMap<>();
        int replacements = 0;
        List<Long> checkpoints = new ArrayList<>();
        for (Event e : events) {
            switch (e.kind()) {
                case "paused" -> pausedAt = e.at();
                case "resumed" -> {
                    if (pausedAt != null) {
                        pauses.add(new VerdictCalculator.Interval(pausedAt, e.at()));
                    }
                    pausedAt = null;
                }
                case "checklist" -> checklist.put(e.itemKey(), e.passed());
                case "replacement" -> replacements++;
                case "checkpoint" -> checkpoints.add(e.cycles());
                default -> { }
            }
        }
        if (pausedAt != null) {
            pauses.add(new VerdictCalculator.Interval(pausedAt, null));
        }
        return new VerdictCalculator.Input(plan, catalog.variant(unit.variantCode()).specs(), readings, pauses,
                checklist, replacements, checkpoints);
    }

    private SessionView view(Handle h, long id) {
        Session s = session(h, id);
        TestPlan plan = catalog.plan(s.planId);
        UnitView unit = production.unit(h, s.serial);
        VerdictCalculator.Result live = VerdictCalculator.compute(input(h, s, plan, unit, readings(h, s, clock.instant())));
        Long verdictId = h.createQuery("SELECT id FROM verdicts WHERE session_id = :s").bind("s", id)
                .mapTo(Long.class).findOne().orElse(null);
        return new SessionView(s.id, s.serial, s.stepSeq, s.station, plan.id(), plan.code(), plan.version(), s.rigId,
                s.rigKind, s.rigCalibrationDue, s.status, s.openedAt, s.openedBy, s.closedAt, live.outcome(), live,
                events(h, id), verdictId);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
