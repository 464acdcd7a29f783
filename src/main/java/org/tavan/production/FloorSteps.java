package org.tavan.production;

import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.catalog.RoutingStep;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;

/**
 * The floor worker's moves on a unit, in the caller's transaction: start the step the unit waits
 * at, then finish it as done (on to the next step) or failed (to rework). Test steps are started,
 * passed and failed by a test session's verdict, never by hand, so a unit cannot skip its tests.
 */
final class FloorSteps {

    private final UnitStore units;
    private final AuditLog audit;

    FloorSteps(UnitStore units, AuditLog audit) {
        this.units = units;
        this.audit = audit;
    }

    UnitView start(Handle h, String serial, String station, Actor actor) {
        UnitStore.UnitRow u = units.row(h, serial);
        RoutingStep step = units.step(u);
        switch (u.unitState()) {
            case WAITING -> {
                UnitStore.requireStation(u, step.station(), station);
                if (step.test()) {
                    throw new Conflict("test_step_needs_session", "Station " + step.station()
                            + " is a test: a technician opens a test session for this unit", Map.of("station", step.station()));
                }
                units.openStep(h, u, step.station(), false, actor);
                units.update(h, u, u.stepSeq(), UnitState.IN_PROGRESS, u.reworkCount());
            }
            case REWORK_WAITING -> {
                UnitStore.requireStation(u, UnitStore.REWORK_STATION, station);
                units.openStep(h, u, UnitStore.REWORK_STATION, true, actor);
                units.update(h, u, u.stepSeq(), UnitState.REWORK_IN_PROGRESS, u.reworkCount());
            }
            case IN_PROGRESS, REWORK_IN_PROGRESS -> throw new Conflict("step_already_started",
                    "Unit " + serial + " is already being worked on at " + UnitStore.currentStation(u, step));
            default -> throw UnitStore.notInProduction(u);
        }
        UnitView after = units.view(h, serial);
        audit.record(h, actor, "unit.step_started", "unit", u.serial(), Map.of("state", u.state()),
                Map.of("state", after.state(), "station", after.station()));
        return after;
    }

    /**
     * Ends the started step. Done moves the unit to its next step (or back to its routing step
     * after rework); failed sends it to rework, counting a rework only when a routing step failed.
     * {@code text} is the note of a done step or the reason of a failed one (required then).
     */
    UnitView finish(Handle h, String serial, String station, StepOutcome outcome, String text, Actor actor) {
        if (outcome == StepOutcome.FAILED && (text == null || text.isBlank())) {
            throw new InvalidInput("reason", "Say why the step failed");
        }
        UnitStore.UnitRow u = units.row(h, serial);
        RoutingStep step = units.step(u);
        switch (u.unitState()) {
            case IN_PROGRESS -> {
                UnitStore.requireStation(u, step.station(), station);
                if (step.test()) {
                    throw new Conflict("verdict_required", "A test step is " + (outcome == StepOutcome.DONE ? "completed"
                            : "failed") + " by its verdict, not by hand", Map.of("station", step.station()));
                }
                units.closeStep(h, u, outcome, text, actor);
                if (outcome == StepOutcome.DONE) {
                    units.advance(h, u);
                } else {
                    units.update(h, u, u.stepSeq(), UnitState.REWORK_WAITING, u.reworkCount() + 1);
                }
            }
            case REWORK_IN_PROGRESS -> {
                UnitStore.requireStation(u, UnitStore.REWORK_STATION, station);
                units.closeStep(h, u, outcome, text, actor);
                units.update(h, u, u.stepSeq(), outcome == StepOutcome.DONE ? UnitState.WAITING : UnitState.REWORK_WAITING,
                        u.reworkCount());
            }
            case WAITING, REWORK_WAITING -> {
                UnitStore.requireStation(u, UnitStore.currentStation(u, step), station);
                throw new Conflict("step_not_started", "Start the step at " + UnitStore.currentStation(u, step) + " first");
            }
            default -> throw UnitStore.notInProduction(u);
        }
        UnitView after = units.view(h, serial);
        Map<String, Object> result = outcome == StepOutcome.DONE
                ? Map.of("state", after.state(), "station", after.station())
                : Map.of("state", after.state(), "reason", text);
        audit.record(h, actor, outcome == StepOutcome.DONE ? "unit.step_completed" : "unit.step_failed", "unit",
                u.serial(), Map.of("state", u.state(), "seq", u.stepSeq()), result);
        return after;
    }
}
