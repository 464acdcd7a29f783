package org.tavan.production;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.catalog.BomLine;
import org.tavan.catalog.Catalog;
import org.tavan.catalog.RoutingStep;
import org.tavan.catalog.Variant;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.inventory.Location;
import org.tavan.inventory.Movement;
import org.tavan.inventory.Stock;
import org.tavan.inventory.StockRef;
import org.tavan.storage.Database;

/**
 * Work orders and the units they make, moving station by station along their model's routing.
 * Floor staff start, complete and fail work steps; test steps are started, passed and failed
 * by quality (a verdict), never by hand, so a unit cannot skip its tests.
 */
public final class Production {

    public static final String REWORK_STATION = "rework";
    private static final int MAX_UNITS_PER_ORDER = 500;

    private final Database db;
    private final Catalog catalog;
    private final Stock stock;
    private final AuditLog audit;
    private final Clock clock;

    public Production(Database db, Catalog catalog, Stock stock, AuditLog audit, Clock clock) {
        this.db = db;
        this.catalog = catalog;
        this.stock = stock;
        this.audit = audit;
        this.clock = clock;
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

    // ---------------------------------------------------------------- work orders

    public WorkOrder createWorkOrder(NewWorkOrder request, Actor actor) {
        if (request.quantity() == null || request.quantity() < 1 || request.quantity() > MAX_UNITS_PER_ORDER) {
            throw new InvalidInput("quantity", "Quantity must be 1 to " + MAX_UNITS_PER_ORDER);
        }
        LocalDate due;
        try {
            due = LocalDate.parse(request.dueDate() == null ? "" : request.dueDate());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("dueDate", "Due date must be an ISO date like 2026-12-20");
        }
        return db.inTransaction(h -> {
            Variant variant = catalog.findVariant(request.variantCode() == null ? "" : request.variantCode())
                    .orElseThrow(() -> new InvalidInput("variantCode", "No variant '" + request.variantCode() + "'"));
            if (catalog.routing(variant.modelCode()).isEmpty()) {
                throw new Conflict("model_has_no_routing", "Model " + variant.modelCode() + " has no routing yet");
            }
            Location workshop = stock.location(request.workshopCode() == null ? "" : request.workshopCode());
            if (!workshop.kind().equals(Location.WORKSHOP)) {
                throw new InvalidInput("workshopCode", workshop.code() + " is a " + workshop.kind() + ", not a workshop");
            }
            serialWorkshopCode(workshop.code());
            long id = h.createUpdate("""
                            INSERT INTO work_orders (variant_code, quantity, workshop_code, due_date, status, note,
                                                     created_at, created_by)
                            VALUES (:variant, :qty, :workshop, :due, 'open', :note, :now, :by)""")
                    .bind("variant", variant.code()).bind("qty", request.quantity()).bind("workshop", workshop.code())
                    .bind("due", due.toString()).bind("note", request.note()).bind("now", clock.instant())
                    .bind("by", actor.name())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            WorkOrder created = workOrder(h, id);
            audit.record(h, actor, "work_order.created", "work_order", id, null, created);
            return created;
        });
    }

    /**
     * Creates the units with their serial numbers and consumes the bill of materials for all
     * of them at the workshop, in one transaction: short stock refuses the release and
     * nothing at all changes.
     */
    public Released release(long id, Actor actor) {
        return db.inTransaction(h -> {
            WorkOrder order = workOrder(h, id);
            Instant now = clock.instant();
            // Claimed first and guarded: of two planners releasing at once, one gets the units.
            if (h.createUpdate("UPDATE work_orders SET status = 'released', released_at = :now, released_by = :by"
                    + " WHERE id = :id AND status = 'open'").bind("now", now).bind("by", actor.name()).bind("id", id).execute() != 1) {
                throw new Conflict("work_order_already_released", "Work order " + id + " was released at " + workOrder(h, id).releasedAt());
            }
            Variant variant = catalog.variant(order.variantCode());
            Map<String, Long> needed = new LinkedHashMap<>();
            for (BomLine line : catalog.bom(variant.code())) {
                needed.put(line.sku(), line.quantity() * order.quantity());
            }
            List<Movement> consumed = needed.isEmpty() ? List.of()
                    : stock.consume(needed, order.workshopCode(), StockRef.of("work_order", id), actor);
            int year = now.atZone(ZoneOffset.UTC).getYear();
            String workshop = serialWorkshopCode(order.workshopCode());
            String prefix = SerialNumber.prefix(year, workshop, variant.modelCode());
            h.createUpdate("INSERT INTO serial_counters (prefix, last_seq) VALUES (:p, 0) ON CONFLICT DO NOTHING")
                    .bind("p", prefix).execute();
            h.createUpdate("UPDATE serial_counters SET last_seq = last_seq + :n WHERE prefix = :p")
                    .bind("n", order.quantity()).bind("p", prefix).execute();
            long last = h.createQuery("SELECT last_seq FROM serial_counters WHERE prefix = :p").bind("p", prefix)
                    .mapTo(Long.class).one();
            if (last > 999_999) {
                throw new Conflict("serials_exhausted", "No serial numbers left this year for " + prefix);
            }
            List<String> serials = new ArrayList<>();
            for (long seq = last - order.quantity() + 1; seq <= last; seq++) {
                String serial = SerialNumber.of(year, workshop, variant.modelCode(), seq).value();
                h.createUpdate("""
                                INSERT INTO units (serial, work_order_id, variant_code, model_code, step_seq, state,
                                                   rework_count, created_at, updated_at)
                                VALUES (:serial, :wo, :variant, :model, 1, 'waiting', 0, :now, :now)""")
                        .bind("serial", serial).bind("wo", id).bind("variant", variant.code())
                        .bind("model", variant.modelCode()).bind("now", now).execute();
                serials.add(serial);
            }
            WorkOrder released = workOrder(h, id);
            audit.record(h, actor, "work_order.released", "work_order", id, order,
                    Map.of("workOrder", released, "serials", serials));
            return new Released(released, serials, consumed);
        });
    }

    /**
     * The workshop's part of a serial: the last hyphen-separated segment of the location
     * code (WS-TEH → TEH), which must be 2-4 capitals or digits.
     */
    static String serialWorkshopCode(String locationCode) {
        String last = locationCode.substring(locationCode.lastIndexOf('-') + 1).toUpperCase(java.util.Locale.ROOT);
        if (!last.matches("[A-Z0-9]{2,4}")) {
            throw new InvalidInput("workshopCode", "Workshop code " + locationCode
                    + " must end in a 2-4 letter segment (e.g. WS-TEH), which goes into serial numbers");
        }
        return last;
    }

    public WorkOrder workOrder(long id) {
        return db.read(h -> workOrder(h, id));
    }

    WorkOrder workOrder(Handle h, long id) {
        return h.createQuery(WORK_ORDER_SELECT + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> workOrder(rs)).findOne().orElseThrow(() -> new NotFound("Work order", id));
    }

    public List<WorkOrder> workOrders(String status) {
        return db.read(h -> h.createQuery(WORK_ORDER_SELECT
                        + " WHERE (CAST(:status AS TEXT) IS NULL OR status = :status) ORDER BY id DESC")
                .bind("status", status).map((rs, ctx) -> workOrder(rs)).list());
    }

    public List<String> serials(long workOrderId) {
        return db.read(h -> {
            workOrder(h, workOrderId);
            return h.createQuery("SELECT serial FROM units WHERE work_order_id = :id ORDER BY serial")
                    .bind("id", workOrderId).mapTo(String.class).list();
        });
    }

    // ---------------------------------------------------------------- floor: steps

    public UnitView unit(String serial) {
        return db.read(h -> unit(h, serial));
    }

    public UnitView unit(Handle h, String serial) {
        UnitRow row = row(h, serial);
        return view(h, row, catalog.routing(row.modelCode));
    }

    public UnitView start(String serial, String station, Actor actor) {
        return db.inTransaction(h -> {
            UnitRow u = row(h, serial);
            List<RoutingStep> routing = catalog.routing(u.modelCode);
            RoutingStep step = routing.get(u.stepSeq - 1);
            switch (UnitState.of(u.state)) {
                case WAITING -> {
                    requireStation(u, step.station(), station);
                    if (step.test()) {
                        throw new Conflict("test_step_needs_session", "Station " + step.station()
                                + " is a test: a technician opens a test session for this unit", Map.of("station", step.station()));
                    }
                    openStep(h, u, step.station(), false, actor);
                    update(h, u, u.stepSeq, UnitState.IN_PROGRESS, u.reworkCount);
                }
                case REWORK_WAITING -> {
                    requireStation(u, REWORK_STATION, station);
                    openStep(h, u, REWORK_STATION, true, actor);
                    update(h, u, u.stepSeq, UnitState.REWORK_IN_PROGRESS, u.reworkCount);
                }
                case IN_PROGRESS, REWORK_IN_PROGRESS -> throw new Conflict("step_already_started",
                        "Unit " + serial + " is already being worked on at " + currentStation(u, step));
                default -> throw notInProduction(u);
            }
            UnitView after = unit(h, serial);
            audit.record(h, actor, "unit.step_started", "unit", serial, Map.of("state", u.state),
                    Map.of("state", after.state(), "station", after.station()));
            return after;
        });
    }

    public UnitView complete(String serial, String station, String note, Actor actor) {
        return db.inTransaction(h -> {
            UnitRow u = row(h, serial);
            List<RoutingStep> routing = catalog.routing(u.modelCode);
            RoutingStep step = routing.get(u.stepSeq - 1);
            switch (UnitState.of(u.state)) {
                case IN_PROGRESS -> {
                    requireStation(u, step.station(), station);
                    if (step.test()) {
                        throw new Conflict("verdict_required", "A test step is completed by a passing verdict, not by hand",
                                Map.of("station", step.station()));
                    }
                    closeStep(h, u, "done", note, actor);
                    advance(h, u, routing);
                }
                case REWORK_IN_PROGRESS -> {
                    requireStation(u, REWORK_STATION, station);
                    closeStep(h, u, "done", note, actor);
                    update(h, u, u.stepSeq, UnitState.WAITING, u.reworkCount);
                }
                case WAITING, REWORK_WAITING -> {
                    requireStation(u, currentStation(u, step), station);
                    throw new Conflict("step_not_started", "Start the step at " + currentStation(u, step) + " first");
                }
                default -> throw notInProduction(u);
            }
            UnitView after = unit(h, serial);
            audit.record(h, actor, "unit.step_completed", "unit", serial, Map.of("state", u.state, "seq", u.stepSeq),
                    Map.of("state", after.state(), "station", after.station()));
            return after;
        });
    }

    public UnitView fail(String serial, String station, String reason, Actor actor) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "Say why the step failed");
        }
        return db.inTransaction(h -> {
            UnitRow u = row(h, serial);
            RoutingStep step = catalog.routing(u.modelCode).get(u.stepSeq - 1);
            switch (UnitState.of(u.state)) {
                case IN_PROGRESS -> {
                    requireStation(u, step.station(), station);
                    if (step.test()) {
                        throw new Conflict("verdict_required", "A test step fails through its verdict, not by hand",
                                Map.of("station", step.station()));
                    }
                    closeStep(h, u, "failed", reason, actor);
                    update(h, u, u.stepSeq, UnitState.REWORK_WAITING, u.reworkCount + 1);
                }
                case REWORK_IN_PROGRESS -> {
                    requireStation(u, REWORK_STATION, station);
                    closeStep(h, u, "failed", reason, actor);
                    update(h, u, u.stepSeq, UnitState.REWORK_WAITING, u.reworkCount);
                }
                case WAITING, REWORK_WAITING -> {
                    requireStation(u, currentStation(u, step), station);
                    throw new Conflict("step_not_started", "Start the step at " + currentStation(u, step) + " first");
                }
                default -> throw notInProduction(u);
            }
            UnitView after = unit(h, serial);
            audit.record(h, actor, "unit.step_failed", "unit", serial, Map.of("state", u.state, "seq", u.stepSeq),
                    Map.of("state", after.state(), "reason", reason));
            return after;
        });
    }

    // ---------------------------------------------------------------- quality's entry points (caller's transaction)

    /** A test session opens at the unit's current test step: starts it (or finds it started). */
    public RoutingStep beginTest(Handle h, String serial, Actor actor) {
        UnitRow u = row(h, serial);
        RoutingStep step = catalog.routing(u.modelCode).get(u.stepSeq - 1);
        if (!step.test() || !UnitState.of(u.state).atRoutingStep()) {
            throw new Conflict("step_out_of_order", "Unit " + serial + " is not waiting at a test station (it is "
                    + u.state.replace('_', ' ') + " at " + currentStation(u, step) + ")",
                    Map.of("state", u.state, "station", currentStation(u, step)));
        }
        if (UnitState.of(u.state) == UnitState.WAITING) {
            openStep(h, u, step.station(), false, actor);
            update(h, u, u.stepSeq, UnitState.IN_PROGRESS, u.reworkCount);
        }
        return step;
    }

    public void passTest(Handle h, String serial, int seq, Actor actor) {
        UnitRow u = testInProgress(h, serial, seq);
        closeStep(h, u, "done", "verdict pass", actor);
        advance(h, u, catalog.routing(u.modelCode));
    }

    public void failTest(Handle h, String serial, int seq, String reason, Actor actor) {
        UnitRow u = testInProgress(h, serial, seq);
        closeStep(h, u, "failed", reason, actor);
        update(h, u, u.stepSeq, UnitState.REWORK_WAITING, u.reworkCount + 1);
    }

    /** Only a unit that has passed its whole routing can be released. */
    public void markReleased(Handle h, String serial, Actor actor) {
        UnitRow u = row(h, serial);
        if (UnitState.of(u.state) != UnitState.FINISHED) {
            throw new Conflict("unit_not_finished", "Unit " + serial + " has not finished its routing (it is "
                    + u.state.replace('_', ' ') + ")", Map.of("state", u.state));
        }
        update(h, u, u.stepSeq, UnitState.RELEASED, u.reworkCount);
    }

    /**
     * A released unit that came back for repair goes through rework and then every step from its
     * first test station on again, so it is released a second time only on fresh passing
     * verdicts (a test step cannot be completed by hand).
     */
    public void reopenForRefurbishment(Handle h, String serial, String reason, Actor actor) {
        UnitRow u = row(h, serial);
        if (UnitState.of(u.state) != UnitState.RELEASED) {
            throw new Conflict("unit_not_released", "Unit " + serial + " is " + u.state.replace('_', ' ')
                    + "; only a released unit comes back for refurbishment", Map.of("state", u.state));
        }
        List<RoutingStep> routing = catalog.routing(u.modelCode);
        int from = routing.stream().filter(RoutingStep::test).mapToInt(RoutingStep::seq).min().orElse(routing.size());
        update(h, u, from, UnitState.REWORK_WAITING, u.reworkCount + 1);
        audit.record(h, actor, "unit.reopened_for_refurbishment", "unit", u.serial, Map.of("state", u.state),
                Map.of("state", "rework_waiting", "stepSeq", from, "reason", reason));
    }

    public void scrap(Handle h, String serial, String reason, Actor actor) {
        UnitRow u = row(h, serial);
        if (UnitState.of(u.state) == UnitState.RELEASED || UnitState.of(u.state) == UnitState.SCRAPPED) {
            throw notInProduction(u);
        }
        if (UnitState.of(u.state).inProgress()) {
            closeStep(h, u, "failed", reason, actor);
        }
        update(h, u, u.stepSeq, UnitState.SCRAPPED, u.reworkCount);
    }

    private UnitRow testInProgress(Handle h, String serial, int seq) {
        UnitRow u = row(h, serial);
        if (UnitState.of(u.state) != UnitState.IN_PROGRESS || u.stepSeq != seq) {
            throw new Conflict("step_out_of_order", "Unit " + serial + " is not being tested at step " + seq,
                    Map.of("state", u.state, "stepSeq", u.stepSeq));
        }
        return u;
    }

    // ---------------------------------------------------------------- board

    public Board board() {
        return db.read(h -> {
            Map<String, List<RoutingStep>> routings = new LinkedHashMap<>();
            List<BoardRow> rows = h.createQuery("""
                            SELECT u.serial, u.work_order_id, u.model_code, u.variant_code, u.step_seq, u.state,
                                   u.updated_at, w.due_date
                              FROM units u JOIN work_orders w ON w.id = u.work_order_id
                             WHERE u.state NOT IN ('released', 'scrapped')
                             ORDER BY w.due_date, u.serial""")
                    .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getString(6), rs.getLong(7), rs.getString(8)})
                    .list().stream().map(r -> {
                        List<RoutingStep> routing = routings.computeIfAbsent((String) r[2], m -> catalog.routing(m));
                        int seq = (Integer) r[4];
                        String state = (String) r[5];
                        String station = UnitState.of(state).rework() ? REWORK_STATION
                                : UnitState.of(state) == UnitState.FINISHED ? "awaiting_release" : routing.get(seq - 1).station();
                        return new BoardRow((String) r[0], (Long) r[1], (String) r[2], (String) r[3], seq, routing.size(),
                                station, state, Instant.ofEpochMilli((Long) r[6]), LocalDate.parse((String) r[7]));
                    }).toList();
            Map<String, Integer> perStation = new LinkedHashMap<>();
            rows.forEach(r -> perStation.merge(r.station(), 1, Integer::sum));
            return new Board(perStation, rows);
        });
    }

    /** Time and throughput per station over [from, to): closed step visits only. */
    public record StationStats(String station, long completed, long failed, double averageMinutes, double completedPerDay) {
    }

    public List<StationStats> stationStats(Instant from, Instant to) {
        double days = Math.max(1.0 / 24, (to.toEpochMilli() - from.toEpochMilli()) / 86_400_000.0);
        return db.read(h -> h.createQuery("""
                        SELECT station,
                               SUM(CASE WHEN outcome = 'done' THEN 1 ELSE 0 END) AS completed,
                               SUM(CASE WHEN outcome = 'failed' THEN 1 ELSE 0 END) AS failed,
                               AVG(CAST(ended_at - started_at AS DOUBLE PRECISION)) AS avg_ms
                          FROM unit_steps
                         WHERE ended_at IS NOT NULL AND started_at >= :from AND started_at < :to
                         GROUP BY station
                         ORDER BY station""")
                .bind("from", from).bind("to", to)
                .map((rs, ctx) -> new StationStats(rs.getString("station"), rs.getLong("completed"), rs.getLong("failed"),
                        Math.round(rs.getDouble("avg_ms") / 600.0) / 100.0,
                        Math.round(rs.getLong("completed") / days * 100) / 100.0))
                .list());
    }

    // ---------------------------------------------------------------- internals

    private record UnitRow(long id, String serial, long workOrderId, String variantCode, String modelCode, int stepSeq,
                           String state, int reworkCount) {
    }

    private UnitRow row(Handle h, String serial) {
        String value = SerialNumber.parse(serial).value();
        return h.createQuery("""
                        SELECT id, serial, work_order_id, variant_code, model_code, step_seq, state, rework_count
                          FROM units WHERE serial = :serial""")
                .bind("serial", value)
                .map((rs, ctx) -> new UnitRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getString(7), rs.getInt(8)))
                .findOne().orElseThrow(() -> new NotFound("Unit", value));
    }

    private static String currentStation(UnitRow u, RoutingStep step) {
        return UnitState.of(u.state).rework() ? REWORK_STATION : step.station();
    }

    private static void requireStation(UnitRow u, String expected, String given) {
        if (given == null || given.isBlank()) {
            throw new InvalidInput("station", "Say which station you are at");
        }
        if (!expected.equals(given)) {
            throw new Conflict("step_out_of_order", "Unit " + u.serial + " is due at " + expected + ", not " + given,
                    Map.of("expectedStation", expected, "station", given));
        }
    }

    private static Conflict notInProduction(UnitRow u) {
        return new Conflict("unit_not_in_production", "Unit " + u.serial + " is " + u.state + "; it has no steps left",
                Map.of("state", u.state));
    }

    private void advance(Handle h, UnitRow u, List<RoutingStep> routing) {
        if (u.stepSeq >= routing.size()) {
            update(h, u, u.stepSeq, UnitState.FINISHED, u.reworkCount);
        } else {
            update(h, u, u.stepSeq + 1, UnitState.WAITING, u.reworkCount);
        }
    }

    /** Conditional on the state read earlier: a concurrent change makes this refuse instead of overwrite. */
    /** Guarded by the state and step the caller read; a move the unit cannot make is a bug, not a request. */
    private void update(Handle h, UnitRow u, int seq, UnitState state, int reworkCount) {
        UnitState.of(u.state).requireCanBecome(state);
        int changed = h.createUpdate("""
                        UPDATE units SET step_seq = :seq, state = :state, rework_count = :rework, updated_at = :now
                         WHERE id = :id AND state = :before AND step_seq = :beforeSeq""")
                .bind("seq", seq).bind("state", state.code()).bind("rework", reworkCount).bind("now", clock.instant())
                .bind("id", u.id).bind("before", u.state).bind("beforeSeq", u.stepSeq).execute();
        if (changed != 1) {
            throw new Conflict("unit_changed_concurrently", "Unit " + u.serial + " was changed by someone else; scan it again");
        }
    }

    private void openStep(Handle h, UnitRow u, String station, boolean rework, Actor actor) {
        h.createUpdate("""
                        INSERT INTO unit_steps (unit_id, seq, station, rework, started_at, started_by)
                        VALUES (:unit, :seq, :station, :rework, :now, :by)""")
                .bind("unit", u.id).bind("seq", u.stepSeq).bind("station", station).bind("rework", rework)
                .bind("now", clock.instant()).bind("by", actor.name()).execute();
    }

    private void closeStep(Handle h, UnitRow u, String outcome, String reason, Actor actor) {
        h.createUpdate("""
                        UPDATE unit_steps SET ended_at = :now, ended_by = :by, outcome = :outcome, reason = :reason
                         WHERE unit_id = :unit AND ended_at IS NULL""")
                .bind("now", clock.instant()).bind("by", actor.name()).bind("outcome", outcome).bind("reason", reason)
                .bind("unit", u.id).execute();
    }

    private UnitView view(Handle h, UnitRow u, List<RoutingStep> routing) {
        RoutingStep step = routing.get(u.stepSeq - 1);
        String station = switch (UnitState.of(u.state)) {
            case REWORK_WAITING, REWORK_IN_PROGRESS -> REWORK_STATION;
            case FINISHED -> "awaiting_release";
            case RELEASED, SCRAPPED -> u.state;
            default -> step.station();
        };
        String next = switch (UnitState.of(u.state)) {
            case WAITING -> step.test() ? "open_test_session" : "start";
            case IN_PROGRESS -> step.test() ? "await_verdict" : "complete_or_fail";
            case REWORK_WAITING -> "start_rework";
            case REWORK_IN_PROGRESS -> "complete_rework";
            case FINISHED -> "release";
            default -> "none";
        };
        boolean atTest = !station.equals(REWORK_STATION) && step.test() && UnitState.of(u.state).atRoutingStep();
        List<UnitView.StepRecord> history = h.createQuery("""
                        SELECT seq, station, rework, started_at, started_by, ended_at, ended_by, outcome, reason
                          FROM unit_steps WHERE unit_id = :unit ORDER BY id""")
                .bind("unit", u.id)
                .map((rs, ctx) -> {
                    Instant started = Instant.ofEpochMilli(rs.getLong("started_at"));
                    long ended = rs.getLong("ended_at");
                    Instant endedAt = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
                    return new UnitView.StepRecord(rs.getInt("seq"), rs.getString("station"), rs.getBoolean("rework"),
                            started, rs.getString("started_by"), endedAt, rs.getString("ended_by"), rs.getString("outcome"),
                            rs.getString("reason"), endedAt == null ? null : (endedAt.toEpochMilli() - started.toEpochMilli()) / 1000);
                }).list();
        return new UnitView(u.serial, u.workOrderId, u.modelCode, u.variantCode, u.state, u.stepSeq, routing.size(),
                station, atTest, atTest ? step.testPlanCode() : null, next, u.reworkCount, history);
    }

    private static final String WORK_ORDER_SELECT = """
            SELECT id, variant_code, quantity, workshop_code, due_date, status, note, created_at, created_by,
                   released_at, released_by FROM work_orders""";

    private static WorkOrder workOrder(java.sql.ResultSet rs) throws java.sql.SQLException {
        long released = rs.getLong("released_at");
        Instant releasedAt = rs.wasNull() ? null : Instant.ofEpochMilli(released);
        return new WorkOrder(rs.getLong("id"), rs.getString("variant_code"), rs.getInt("quantity"),
                rs.getString("workshop_code"), LocalDate.parse(rs.getString("due_date")), rs.getString("status"),
                rs.getString("note"), Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("created_by"),
                releasedAt, rs.getString("released_by"));
    }
}
