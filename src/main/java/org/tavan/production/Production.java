package org.tavan.production;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.catalog.Catalog;
import org.tavan.catalog.RoutingStep;
import org.tavan.errors.Conflict;
import org.tavan.inventory.Movement;
import org.tavan.inventory.Stock;
import org.tavan.storage.Database;

/**
 * The production feature's service: work orders and the units they make, moving station by
 * station along their model's routing. Floor staff start and finish work steps ({@link FloorSteps});
 * quality's test sessions, releases and refurbishments move units through the entry points below,
 * in quality's own transaction.
 */
public final class Production {

    public static final String REWORK_STATION = UnitStore.REWORK_STATION;

    private final Database db;
    private final AuditLog audit;
    private final WorkOrders workOrders;
    private final UnitStore units;
    private final FloorSteps steps;
    private final ProductionBoard board;

    public Production(Database db, Catalog catalog, Stock stock, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.workOrders = new WorkOrders(db, catalog, stock, audit, clock);
        this.units = new UnitStore(catalog, clock);
        this.steps = new FloorSteps(units, audit);
        this.board = new ProductionBoard(db, catalog);
    }

    public record NewWorkOrder(String variantCode, Integer quantity, String workshopCode, String dueDate, String note) {
    }

    public record Released(WorkOrder workOrder, List<String> serials, List<Movement> consumed) {
    }

    /** One line of the work-in-progress board. */
    public record BoardRow(String serial, long workOrderId, String modelCode, String variantCode, int stepSeq,
                           int stepCount, String station, String state, Instant since, LocalDate dueDate) {
    }

    public record Board(Map<String, Integer> unitsPerStation, List<BoardRow> units) {
    }

    /** Time and throughput per station over [from, to): closed step visits only. */
    public record StationStats(String station, long completed, long failed, double averageMinutes, double completedPerDay) {
    }

    // ---------------------------------------------------------------- work orders

    public WorkOrder createWorkOrder(NewWorkOrder request, Actor actor) {
        return workOrders.create(request, actor);
    }

    public Released release(long id, Actor actor) {
        return workOrders.release(id, actor);
    }

    public WorkOrder workOrder(long id) {
        return workOrders.find(id);
    }

    public List<WorkOrder> workOrders(String status) {
        return workOrders.list(status);
    }

    public List<String> serials(long workOrderId) {
        return workOrders.serials(workOrderId);
    }

    // ---------------------------------------------------------------- floor

    public UnitView unit(String serial) {
        return db.read(h -> units.view(h, serial));
    }

    public UnitView start(String serial, String station, Actor actor) {
        return db.inTransaction(h -> steps.start(h, serial, station, actor));
    }

    public UnitView complete(String serial, String station, String note, Actor actor) {
        return db.inTransaction(h -> steps.finish(h, serial, station, StepOutcome.DONE, note, actor));
    }

    public UnitView fail(String serial, String station, String reason, Actor actor) {
        return db.inTransaction(h -> steps.finish(h, serial, station, StepOutcome.FAILED, reason, actor));
    }

    public Board board() {
        return board.board();
    }

    public List<StationStats> stationStats(Instant from, Instant to) {
        return board.stationStats(from, to);
    }

    // ---------------------------------------------------------------- quality's entry points (they join quality's transaction)

    /** A test session opens at the unit's current test step: starts it (or finds it started). */
    public RoutingStep beginTest(String serial, Actor actor) {
        return db.inTransaction(h -> {
            UnitStore.UnitRow u = units.row(h, serial);
            RoutingStep step = units.step(u);
            if (!step.test() || !u.unitState().atRoutingStep()) {
                throw new Conflict("step_out_of_order", "Unit " + serial + " is not waiting at a test station (it is "
                        + u.state().replace('_', ' ') + " at " + UnitStore.currentStation(u, step) + ")",
                        Map.of("state", u.state(), "station", UnitStore.currentStation(u, step)));
            }
            if (u.unitState() == UnitState.WAITING) {
                units.openStep(h, u, step.station(), false, actor);
                units.update(h, u, u.stepSeq(), UnitState.IN_PROGRESS, u.reworkCount());
            }
            return step;
        });
    }

    public void passTest(String serial, int seq, Actor actor) {
        db.useTransaction(h -> {
            UnitStore.UnitRow u = testInProgress(h, serial, seq);
            units.closeStep(h, u, StepOutcome.DONE, "verdict pass", actor);
            units.advance(h, u);
        });
    }

    public void failTest(String serial, int seq, String reason, Actor actor) {
        db.useTransaction(h -> {
            UnitStore.UnitRow u = testInProgress(h, serial, seq);
            units.closeStep(h, u, StepOutcome.FAILED, reason, actor);
            units.update(h, u, u.stepSeq(), UnitState.REWORK_WAITING, u.reworkCount() + 1);
        });
    }

    /** Only a unit that has passed its whole routing can be released. */
    public void markReleased(String serial, Actor actor) {
        db.useTransaction(h -> {
            UnitStore.UnitRow u = units.row(h, serial);
            if (u.unitState() != UnitState.FINISHED) {
                throw new Conflict("unit_not_finished", "Unit " + serial + " has not finished its routing (it is "
                        + u.state().replace('_', ' ') + ")", Map.of("state", u.state()));
            }
            units.update(h, u, u.stepSeq(), UnitState.RELEASED, u.reworkCount());
        });
    }

    /**
     * A released unit that came back for repair goes through rework and then every step from its
     * first test station on again, so it is released a second time only on fresh passing
     * verdicts (a test step cannot be completed by hand).
     */
    public void reopenForRefurbishment(String serial, String reason, Actor actor) {
        db.useTransaction(h -> {
            UnitStore.UnitRow u = units.row(h, serial);
            if (u.unitState() != UnitState.RELEASED) {
                throw new Conflict("unit_not_released", "Unit " + serial + " is " + u.state().replace('_', ' ')
                        + "; only a released unit comes back for refurbishment", Map.of("state", u.state()));
            }
            List<RoutingStep> routing = units.routing(u);
            int from = routing.stream().filter(RoutingStep::test).mapToInt(RoutingStep::seq).min().orElse(routing.size());
            units.update(h, u, from, UnitState.REWORK_WAITING, u.reworkCount() + 1);
            audit.record(h, actor, "unit.reopened_for_refurbishment", "unit", u.serial(), Map.of("state", u.state()),
                    Map.of("state", "rework_waiting", "stepSeq", from, "reason", reason));
        });
    }

    public void scrap(String serial, String reason, Actor actor) {
        db.useTransaction(h -> {
            UnitStore.UnitRow u = units.row(h, serial);
            if (u.unitState() == UnitState.RELEASED || u.unitState() == UnitState.SCRAPPED) {
                throw UnitStore.notInProduction(u);
            }
            if (u.unitState().inProgress()) {
                units.closeStep(h, u, StepOutcome.FAILED, reason, actor);
            }
            units.update(h, u, u.stepSeq(), UnitState.SCRAPPED, u.reworkCount());
        });
    }

    private UnitStore.UnitRow testInProgress(Handle h, String serial, int seq) {
        UnitStore.UnitRow u = units.row(h, serial);
        if (u.unitState() != UnitState.IN_PROGRESS || u.stepSeq() != seq) {
            throw new Conflict("step_out_of_order", "Unit " + serial + " is not being tested at step " + seq,
                    Map.of("state", u.state(), "stepSeq", u.stepSeq()));
        }
        return u;
    }
}
