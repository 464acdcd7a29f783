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
import org.tavan.rigs.RigId;
import org.tavan.storage.Database;
import org.tavan.telemetry.Measurement;

/**
 * A technician binds a rig to a unit at its test station and the plan that station applies;
 * while the session is open the rig's readings belong to it. The verdict is computed by
 * {@link VerdictCalculator}, stored immutably with everything it came from, and moves the unit
 * on (pass) or into rework with a nonconformance (fail). An open session shows the verdict its
 * readings would give now; a closed one shows the verdict stored when it was decided.
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

    /** {@code liveOutcome} and {@code live}: the verdict so far while open, the stored verdict once closed. */
    public record SessionView(long id, String serial, int stepSeq, String station, long planId, String planCode,
                              int planVersion, String rigId, String rigKind, Instant rigCalibrationDue,
                              SessionStatus status, Instant openedAt, String openedBy, Instant closedAt,
                              String liveOutcome, VerdictCalculator.Result live, List<Event> events, Long verdictId) {
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
            QualityDao dao = h.attach(QualityDao.class);
            UnitView unit = production.unit(request.serial());
            String serial = unit.serial();
            Optional<Long> already = dao.openSessionOf(serial);
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
                rig = usableRig(dao, plan, request.rigId());
            }
            Map<String, Object> specs = catalog.variant(unit.variantCode()).specs();
            for (TestPlan.MeasurementLimit m : plan.measurements()) {
                if (m.relativeTo() != null && !specs.containsKey(m.relativeTo())) {
                    throw new Conflict("missing_datasheet_value", "Variant " + unit.variantCode() + " has no "
                            + m.relativeTo() + ", which plan " + plan.code() + " measures " + m.name() + " against");
                }
            }
            RoutingStep step = production.beginTest(serial, actor);
            long id = dao.insertSession(serial, step.seq(), step.station(), plan.id(), rig == null ? null : rig.rigId(),
                    rig == null ? null : rig.kind(), rig == null ? null : rig.calibrationDue(),
                    rig == null ? null : rig.certificate(), clock.instant(), actor.name());
            SessionView view = view(dao, id);
            audit.record(h, actor, "quality.session_opened", "test_session", id, null,
                    Map.of("serial", serial, "plan", plan.code() + " v" + plan.version(), "rig", String.valueOf(view.rigId())));
            return view;
        });
    }

    /** The rig a plan may be tested on now: registered, of a kind the plan names, calibrated and free. */
    private RigFacts usableRig(QualityDao dao, TestPlan plan, String rigId) {
        if (rigId == null || rigId.isBlank()) {
            throw new InvalidInput("rigId", "Plan " + plan.code() + " needs a rig of kind " + plan.rigKinds());
        }
        RigFacts rig = rigs.rig(RigId.of(rigId)).orElseThrow(() -> new NotFound("Rig", rigId));
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
        Optional<String> busy = dao.unitOnRig(rig.rigId());
        if (busy.isPresent()) {
            throw new Conflict("rig_busy", "Rig " + rig.rigId() + " is testing " + busy.get(), Map.of("serial", busy.get()));
        }
        return rig;
    }

    // ---------------------------------------------------------------- during the session

    public SessionView pause(long id, String note, Actor actor) {
        return move(id, "paused", SessionStatus.OPEN, SessionStatus.PAUSED, note, actor);
    }

    public SessionView resume(long id, String note, Actor actor) {
        return move(id, "resumed", SessionStatus.PAUSED, SessionStatus.OPEN, note, actor);
    }

    public SessionView answer(long id, ChecklistAnswer answer, Actor actor) {
        if (answer.key() == null || answer.passed() == null) {
            throw new InvalidInput("key", "Give the checklist item's key and passed true/false");
        }
        return db.inTransaction(h -> {
            QualityDao dao = h.attach(QualityDao.class);
            QualityDao.SessionRow s = session(dao, id);
            TestPlan plan = catalog.plan(s.planId());
            if (plan.checklist().stream().noneMatch(c -> c.key().equals(answer.key()))) {
                throw new InvalidInput("key", "Plan " + plan.code() + " has no checklist item '" + answer.key() + "'");
            }
            return addEvent(h, dao, s, "checklist", null, answer.key(), answer.passed(), answer.note(), actor);
        });
    }

    /** Re-tightening at a planned checkpoint: must fall within the plan's window around it (ISO 7176-8 ±5 %). */
    public SessionView checkpoint(long id, String note, Actor actor) {
        return db.inTransaction(h -> {
            QualityDao dao = h.attach(QualityDao.class);
            QualityDao.SessionRow s = session(dao, id);
            TestPlan.LongRun run = requireLongRun(s);
            long cycles = VerdictCalculator.cyclesDone(SessionEvidence.of(dao, rigs, s, clock.instant()).readings(),
                    run.counter());
            boolean inWindow = run.checkpoints().stream().anyMatch(f ->
                    Math.abs(cycles - f * run.cycleTarget()) <= run.checkpointTolerance() * run.cycleTarget());
            if (!inWindow) {
                throw new Conflict("checkpoint_out_of_window", "At " + cycles + " cycles no checkpoint is due (planned at "
                        + run.checkpoints().stream().map(f -> Math.round(f * run.cycleTarget())).toList() + " ± "
                        + Math.round(run.checkpointTolerance() * run.cycleTarget()) + ")", Map.of("cycles", cycles));
            }
            return addEvent(h, dao, s, "checkpoint", cycles, null, null, note, actor);
        });
    }

    public SessionView replacement(long id, Replacement r, Actor actor) {
        if (r.part() == null || r.part().isBlank()) {
            throw new InvalidInput("part", "Name the part that was replaced");
        }
        return db.inTransaction(h -> {
            QualityDao dao = h.attach(QualityDao.class);
            QualityDao.SessionRow s = session(dao, id);
            TestPlan.LongRun run = requireLongRun(s);
            long cycles = VerdictCalculator.cyclesDone(SessionEvidence.of(dao, rigs, s, clock.instant()).readings(),
                    run.counter());
            return addEvent(h, dao, s, "replacement", cycles, r.part(), null, r.note(), actor);
        });
    }

    /** Values measured by hand (tape, gauge) for a plan without a rig, or alongside one. */
    public SessionView enter(long id, ManualReadings readings, Actor actor) {
        if (readings.measurements() == null || readings.measurements().isEmpty()) {
            throw new InvalidInput("measurements", "Send at least one measurement");
        }
        return db.inTransaction(h -> {
            QualityDao dao = h.attach(QualityDao.class);
            QualityDao.SessionRow s = session(dao, id);
            requireNotClosed(s);
            TestPlan plan = catalog.plan(s.planId());
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
                dao.insertTypedIn(id, now, m.name(), m.value(), m.unit(), actor.name());
            }
            audit.record(h, actor, "quality.readings_entered", "test_session", id, null, readings.measurements());
            return view(dao, id);
        });
    }

    public SessionView session(long id) {
        return db.read(h -> view(h.attach(QualityDao.class), id));
    }

    public List<SessionView> openSessions() {
        return db.read(h -> {
            QualityDao dao = h.attach(QualityDao.class);
            return dao.openSessions().stream().map(s -> view(dao, s)).toList();
        });
    }

    // ---------------------------------------------------------------- verdict

    public VerdictView decide(long id, Actor actor) {
        return db.inTransaction(h -> {
            QualityDao dao = h.attach(QualityDao.class);
            QualityDao.SessionRow s = session(dao, id);
            requireNotClosed(s);
            if (s.state() == SessionStatus.PAUSED) {
                throw new Conflict("session_paused", "Resume the session before asking for its verdict");
            }
            Instant now = clock.instant();
            TestPlan plan = catalog.plan(s.planId());
            UnitView unit = production.unit(s.serial());
            // Read once: the verdict is computed from, and holds, exactly these rig readings.
            SessionEvidence evidence = SessionEvidence.of(dao, rigs, s, now);
            VerdictCalculator.Result result = VerdictCalculator.compute(
                    evidence.input(plan, catalog.variant(unit.variantCode()).specs()));
            if (result.outcome().equals("incomplete")) {
                throw new Conflict("verdict_incomplete", "Not everything required is measured or answered yet: "
                        + result.missing(), Map.of("missing", result.missing()));
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("result", result);
            detail.put("readingIds", evidence.readings().stream().map(Reading::id).distinct().toList());
            detail.put("limits", plan.measurements());
            long verdictId = dao.insertVerdict(id, s.serial(), unit.modelCode(), s.stepSeq(), s.station(), plan.id(),
                    plan.code(), plan.version(), result.outcome(), write(detail), s.rigId(), s.rigKind(),
                    s.rigCalibrationDue(), s.rigCertificate(), now, actor.name());
            List<String> findings = new ArrayList<>(result.failures());
            findings.addAll(result.marginals());
            for (String item : findings) {
                dao.insertFinding(verdictId, plan.code() + ":" + item, result.failures().contains(item) ? "fail" : "marginal");
            }
            if (s.rigId() != null) {
                rigs.hold(RigId.of(s.rigId()), evidence.fromRig().stream().map(Reading::id).distinct().toList(),
                        "verdict:" + verdictId, now);
            }
            if (dao.close(id, s.status(), now) != 1) {
                throw new Conflict("session_closed", "Test session " + id + " got its verdict meanwhile");
            }
            if (result.outcome().equals("fail")) {
                String cause = "Failed " + plan.code() + " v" + plan.version() + ": " + String.join(", ", result.failures());
                production.failTest(s.serial(), s.stepSeq(), cause, actor);
                dao.insertNonconformance(verdictId, s.serial(), cause, now);
            } else {
                production.passTest(s.serial(), s.stepSeq(), actor);
            }
            VerdictView verdict = verdicts.one(dao, verdictId);
            audit.record(h, actor, "quality.verdict", "unit", s.serial(), null, Map.of("verdictId", verdictId,
                    "outcome", result.outcome(), "plan", plan.code() + " v" + plan.version(), "session", id));
            return verdict;
        });
    }

    public VerdictView verdict(long id) {
        return db.read(h -> verdicts.one(h.attach(QualityDao.class), id));
    }

    public List<VerdictView> verdictsOf(String serial) {
        return db.read(h -> verdicts.ofUnit(h.attach(QualityDao.class), serial));
    }

    // ---------------------------------------------------------------- internals

    private static QualityDao.SessionRow session(QualityDao dao, long id) {
        return dao.session(id).orElseThrow(() -> new NotFound("Test session", id));
    }

    private static void requireNotClosed(QualityDao.SessionRow s) {
        if (s.state() == SessionStatus.CLOSED) {
            throw new Conflict("session_closed", "Test session " + s.id() + " is closed; its verdict is final");
        }
    }

    private TestPlan.LongRun requireLongRun(QualityDao.SessionRow s) {
        requireNotClosed(s);
        TestPlan.LongRun run = catalog.plan(s.planId()).longRun();
        if (run == null) {
            throw new Conflict("not_a_long_run", "Plan of session " + s.id() + " has no long run");
        }
        return run;
    }

    private SessionView move(long id, String kind, SessionStatus from, SessionStatus to, String note, Actor actor) {
        return db.inTransaction(h -> {
            QualityDao dao = h.attach(QualityDao.class);
            QualityDao.SessionRow s = session(dao, id);
            requireNotClosed(s);
            if (s.state() != from || !from.canMoveTo(to)) {
                throw new Conflict("session_" + s.status(), "Test session " + id + " is " + s.status());
            }
            // Guarded: of two technicians pausing (or resuming) at once, the second is told.
            if (dao.move(id, from.value(), to.value()) != 1) {
                throw new Conflict("session_" + to.value(), "Test session " + id + " was changed meanwhile; look again");
            }
            return addEvent(h, dao, s, kind, null, null, null, note, actor);
        });
    }

    private SessionView addEvent(Handle h, QualityDao dao, QualityDao.SessionRow s, String kind, Long cycles, String key,
                                 Boolean passed, String note, Actor actor) {
        requireNotClosed(s);
        dao.insertEvent(s.id(), clock.instant(), kind, cycles, key, passed, note, actor.name());
        audit.record(h, actor, "quality.session_" + kind, "test_session", s.id(), null,
                Map.of("cycles", String.valueOf(cycles), "item", String.valueOf(key), "passed", String.valueOf(passed)));
        return view(dao, s.id());
    }

    private SessionView view(QualityDao dao, long id) {
        return view(dao, session(dao, id));
    }

    private SessionView view(QualityDao dao, QualityDao.SessionRow s) {
        TestPlan plan = catalog.plan(s.planId());
        VerdictCalculator.Result shown;
        if (s.verdictId() != null) {
            shown = verdicts.result(verdicts.one(dao, s.verdictId()));
        } else {
            UnitView unit = production.unit(s.serial());
            shown = VerdictCalculator.compute(SessionEvidence.of(dao, rigs, s, clock.instant())
                    .input(plan, catalog.variant(unit.variantCode()).specs()));
        }
        return new SessionView(s.id(), s.serial(), s.stepSeq(), s.station(), plan.id(), plan.code(), plan.version(),
                s.rigId(), s.rigKind(), s.rigCalibrationDue(), s.state(), s.openedAt(), s.openedBy(), s.closedAt(),
                shown.outcome(), shown, dao.events(s.id()), s.verdictId());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
