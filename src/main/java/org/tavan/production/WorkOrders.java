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
import org.tavan.catalog.Variant;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.inventory.Location;
import org.tavan.inventory.Movement;
import org.tavan.inventory.Stock;
import org.tavan.inventory.StockRef;
import org.tavan.storage.Database;

/** Work orders: asked for, then released, which makes their serialized units and consumes their parts. */
final class WorkOrders {

    private static final int MAX_UNITS_PER_ORDER = 500;
    private static final String SELECT = """
            SELECT id, variant_code, quantity, workshop_code, due_date, status, note, created_at, created_by,
                   released_at, released_by FROM work_orders""";

    private final Database db;
    private final Catalog catalog;
    private final Stock stock;
    private final AuditLog audit;
    private final Clock clock;

    WorkOrders(Database db, Catalog catalog, Stock stock, AuditLog audit, Clock clock) {
        this.db = db;
        this.catalog = catalog;
        this.stock = stock;
        this.audit = audit;
        this.clock = clock;
    }

    WorkOrder create(Production.NewWorkOrder request, Actor actor) {
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
                            VALUES (:variant, :qty, :workshop, :due, :status, :note, :now, :by)""")
                    .bind("variant", variant.code()).bind("qty", request.quantity()).bind("workshop", workshop.code())
                    .bind("due", due.toString()).bind("status", WorkOrderStatus.OPEN.code()).bind("note", request.note())
                    .bind("now", clock.instant()).bind("by", actor.name())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            WorkOrder created = find(h, id);
            audit.record(h, actor, "work_order.created", "work_order", id, null, created);
            return created;
        });
    }

    /**
     * Creates the units with their serial numbers and consumes the bill of materials for all
     * of them at the workshop, in one transaction: short stock refuses the release and
     * nothing at all changes.
     */
    Production.Released release(long id, Actor actor) {
        return db.inTransaction(h -> {
            WorkOrder order = find(h, id);
            Instant now = clock.instant();
            // Claimed first and guarded: of two planners releasing at once, one gets the units.
            if (h.createUpdate("UPDATE work_orders SET status = :released, released_at = :now, released_by = :by"
                            + " WHERE id = :id AND status = :open")
                    .bind("released", WorkOrderStatus.RELEASED.code()).bind("open", WorkOrderStatus.OPEN.code())
                    .bind("now", now).bind("by", actor.name()).bind("id", id).execute() != 1) {
                throw new Conflict("work_order_already_released", "Work order " + id + " was released at " + find(h, id).releasedAt());
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
                                VALUES (:serial, :wo, :variant, :model, 1, :state, 0, :now, :now)""")
                        .bind("serial", serial).bind("wo", id).bind("variant", variant.code())
                        .bind("model", variant.modelCode()).bind("state", UnitState.WAITING.code()).bind("now", now).execute();
                serials.add(serial);
            }
            WorkOrder released = find(h, id);
            audit.record(h, actor, "work_order.released", "work_order", id, order,
                    Map.of("workOrder", released, "serials", serials));
            return new Production.Released(released, serials, consumed);
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

    WorkOrder find(long id) {
        return db.read(h -> find(h, id));
    }

    WorkOrder find(Handle h, long id) {
        return h.createQuery(SELECT + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> map(rs)).findOne().orElseThrow(() -> new NotFound("Work order", id));
    }

    List<WorkOrder> list(String status) {
        WorkOrderStatus filter = WorkOrderStatus.parseFilter(status);
        return db.read(h -> h.createQuery(SELECT
                        + " WHERE (CAST(:status AS TEXT) IS NULL OR status = :status) ORDER BY id DESC")
                .bind("status", filter == null ? null : filter.code()).map((rs, ctx) -> map(rs)).list());
    }

    List<String> serials(long workOrderId) {
        return db.read(h -> {
            find(h, workOrderId);
            return h.createQuery("SELECT serial FROM units WHERE work_order_id = :id ORDER BY serial")
                    .bind("id", workOrderId).mapTo(String.class).list();
        });
    }

    private static WorkOrder map(java.sql.ResultSet rs) throws java.sql.SQLException {
        long released = rs.getLong("released_at");
        Instant releasedAt = rs.wasNull() ? null : Instant.ofEpochMilli(released);
        return new WorkOrder(rs.getLong("id"), rs.getString("variant_code"), rs.getInt("quantity"),
                rs.getString("workshop_code"), LocalDate.parse(rs.getString("due_date")),
                WorkOrderStatus.of(rs.getString("status")), rs.getString("note"),
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("created_by"),
                releasedAt, rs.getString("released_by"));
    }
}
