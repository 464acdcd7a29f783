package org.tavan.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.storage.Database;

/**
 * Shipments between locations with a packing list and proof of delivery. A dispatched
 * shipment writes no movement: the goods stay on the sender's books, committed to the
 * shipment so nobody can use, move or ship them again, until the receiver confirms with a
 * proof of delivery. Receipt then writes the transfer rows. This way on-hand at a location is
 * always what the people there are accountable for, and a lost shipment is still on the
 * sender's books (see docs/inventory.md).
 */
public final class Shipments {

    private static final int MAX_LINES = 500;

    private final Database db;
    private final Stock stock;
    private final AuditLog audit;
    private final Clock clock;

    public Shipments(Database db, Stock stock, AuditLog audit, Clock clock) {
        this.db = db;
        this.stock = stock;
        this.audit = audit;
        this.clock = clock;
    }

    /** One packing-list line: a unit by serial, or a component by SKU and quantity. */
    public record Line(String serial, String sku, Long quantity) {
    }

    public record NewShipment(String from, String to, List<Line> lines, String carrier, String notes) {
    }

    public record Receipt(String receivedBy, String proofOfDelivery) {
    }

    public record LineView(int line, String sku, String name, String serial, long quantity) {
    }

    public record ShipmentView(long id, String from, String to, String status, List<LineView> lines, String carrier,
                               String notes, String refType, String refId, Instant dispatchedAt, String dispatchedBy,
                               Instant receivedAt, String receivedBy, String proofOfDelivery) {
        ShipmentView withLines(List<LineView> theLines) {
            return new ShipmentView(id, from, to, status, theLines, carrier, notes, refType, refId, dispatchedAt,
                    dispatchedBy, receivedAt, receivedBy, proofOfDelivery);
        }
    }

    public ShipmentView dispatch(NewShipment request, Actor actor) {
        return dispatch(request, StockRef.none(), actor);
    }

    /** {@code ref} names what the shipment is for (a service case), on every ledger row. */
    public ShipmentView dispatch(NewShipment request, StockRef ref, Actor actor) {
        return db.inTransaction(h -> {
            if (request.from() == null || request.to() == null) {
                throw new InvalidInput("from", "Name the location the shipment leaves (from) and the one it goes to (to)");
            }
            Location from = known(h, "from", request.from());
            Location to = known(h, "to", request.to());
            if (from.id() == to.id()) {
                throw new InvalidInput("to", "A shipment goes to another location than the one it leaves");
            }
            List<Line> lines = request.lines() == null ? List.of() : request.lines();
            if (lines.isEmpty() || lines.size() > MAX_LINES) {
                throw new InvalidInput("lines", "A packing list has 1 to " + MAX_LINES + " lines");
            }
            String carrier = optional("carrier", request.carrier());
            String notes = optional("notes", request.notes());
            Set<String> serials = new HashSet<>();
            Map<String, Long> quantities = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                String field = "lines[" + i + "]";
                if (line == null || (line.serial() == null) == (line.sku() == null)) {
                    throw new InvalidInput(field, "Each line names either a unit's serial or a component's sku, not both");
                }
                if (line.serial() != null) {
                    if (line.quantity() != null && line.quantity() != 1) {
                        throw new InvalidInput(field + ".quantity", "A serialized unit is one piece");
                    }
                    if (!serials.add(line.serial())) {
                        throw new InvalidInput(field + ".serial", "Unit " + line.serial() + " is on the list twice");
                    }
                    StockUnit unit = stock.findUnit(h, line.serial())
                            .orElseThrow(() -> new InvalidInput(field + ".serial", "No unit " + line.serial() + " in stock"));
                    if (!unit.locationCode().equals(from.code())) {
                        throw new Conflict("unit_not_at_location", "Unit " + unit.serial() + " is at " + unit.locationCode()
                                + ", not at " + from.code(), Map.of("serial", unit.serial(), "location", unit.locationCode()));
                    }
                    if (unit.status().equals(StockUnit.ISSUED) || unit.status().equals(StockUnit.SCRAPPED)) {
                        throw new Conflict("unit_not_movable", "Unit " + unit.serial() + " is " + unit.status()
                                + " and cannot be shipped", Map.of("serial", unit.serial(), "status", unit.status()));
                    }
                    stock.requireNotInTransit(h, unit.serial());
                } else {
                    if (line.quantity() == null || line.quantity() <= 0) {
                        throw new InvalidInput(field + ".quantity", "A component line needs a positive quantity");
                    }
                    StockItem item = stock.findItem(h, line.sku())
                            .orElseThrow(() -> new InvalidInput(field + ".sku", "No stock item '" + line.sku() + "'"));
                    if (!item.kind().equals(StockItem.COMPONENT)) {
                        throw new InvalidInput(field + ".sku", line.sku() + " is a finished product; ship its units by serial");
                    }
                    quantities.merge(item.sku(), line.quantity(), Long::sum);
                }
            }
            quantities.forEach((sku, qty) -> stock.requireFree(h, sku, from.code(), qty));
            Instant now = clock.instant();
            long id = h.createUpdate("""
                            INSERT INTO stock_shipments (from_location_id, to_location_id, status, carrier, notes, ref_type,
                                ref_id, dispatched_at, dispatched_by)
                            VALUES (:from, :to, 'dispatched', :carrier, :notes, :refType, :refId, :now, :by)""")
                    .bind("from", from.id()).bind("to", to.id()).bind("carrier", carrier).bind("notes", notes)
                    .bind("refType", ref.type()).bind("refId", ref.id()).bind("now", now).bind("by", actor.name())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            int n = 0;
            for (Line line : lines) {
                String sku = line.serial() != null ? stock.unit(line.serial()).sku() : line.sku();
                h.createUpdate("""
                                INSERT INTO stock_shipment_lines (shipment_id, line_no, item_id, serial, quantity)
                                VALUES (:s, :n, :item, :serial, :qty)""")
                        .bind("s", id).bind("n", ++n).bind("item", stock.item(sku).id()).bind("serial", line.serial())
                        .bind("qty", line.serial() != null ? 1L : line.quantity()).execute();
            }
            ShipmentView view = get(h, id);
            audit.record(h, actor, "stock.shipment_dispatched", "stock_shipment", id, null, view);
            return view;
        });
    }

    public ShipmentView receive(long id, Receipt receipt, Actor actor) {
        return db.inTransaction(h -> receive(h, id, receipt, actor));
    }

    /** The receiver confirms; every line moves to the destination on the ledger, or none does. */
    private ShipmentView receive(Handle h, long id, Receipt receipt, Actor actor) {
        Receipt given = receipt == null ? new Receipt(null, null) : receipt;
        String by = InvalidInput.requireText("receivedBy", given.receivedBy(), 500);
        String proof = InvalidInput.requireText("proofOfDelivery", given.proofOfDelivery(), 500);
        ShipmentView before = get(h, id);
        int changed = h.createUpdate("""
                        UPDATE stock_shipments SET status = 'received', received_at = :now, received_by = :by,
                               proof_of_delivery = :proof
                         WHERE id = :id AND status = 'dispatched'""")
                .bind("now", clock.instant()).bind("by", by).bind("proof", proof).bind("id", id).execute();
        if (changed != 1) {
            throw new Conflict("shipment_already_received", "Shipment " + id + " was already received on "
                    + before.receivedAt() + " by " + before.receivedBy());
        }
        // Marked received first: its own lines are no longer "in transit" when the transfers check.
        StockRef ref = StockRef.of("shipment", id);
        for (LineView line : before.lines()) {
            if (line.serial() != null) {
                stock.transferUnit(line.serial(), before.to(), ref, actor);
            } else {
                stock.transferQuantity(line.sku(), before.from(), before.to(), line.quantity(), ref, actor);
            }
        }
        ShipmentView after = get(h, id);
        audit.record(h, actor, "stock.shipment_received", "stock_shipment", id, Map.of("status", before.status()),
                Map.of("status", after.status(), "receivedBy", by, "proofOfDelivery", proof));
        return after;
    }

    public ShipmentView get(long id) {
        return db.read(h -> get(h, id));
    }

    private ShipmentView get(Handle h, long id) {
        return shipments(h, "s.id = :id", q -> q.bind("id", id)).stream().findFirst()
                .orElseThrow(() -> new NotFound("Shipment", id));
    }

    /** Newest first; filters by status and by a location at either end (both may be null). */
    public List<ShipmentView> list(String status, String locationCode) {
        if (status != null && !List.of("dispatched", "received").contains(status)) {
            throw new InvalidInput("status", "status is dispatched or received");
        }
        return db.read(h -> shipments(h, """
                        (CAST(:status AS TEXT) IS NULL OR s.status = :status)
                           AND (CAST(:location AS TEXT) IS NULL OR f.code = :location OR t.code = :location)
                         ORDER BY s.id DESC LIMIT 500""",
                q -> q.bind("status", status).bind("location", locationCode)));
    }

    /** The shipments chosen by {@code where}, with their lines: two queries however many shipments. */
    private static List<ShipmentView> shipments(Handle h, String where,
                                                Consumer<Query> binds) {
        Query heads = h.createQuery(SELECT + "\n WHERE " + where);
        binds.accept(heads);
        List<ShipmentView> found = heads.map((rs, ctx) -> view(rs, List.of())).list();
        if (found.isEmpty()) {
            return List.of();
        }
        Map<Long, List<LineView>> lines = new HashMap<>();
        h.createQuery("""
                        SELECT l.shipment_id, l.line_no, i.sku, i.name, l.serial, l.quantity
                          FROM stock_shipment_lines l JOIN stock_items i ON i.id = l.item_id
                         WHERE l.shipment_id IN (<ids>) ORDER BY l.shipment_id, l.line_no""")
                .bindList("ids", found.stream().map(ShipmentView::id).toList())
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new LineView(rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6))))
                .forEach(e -> lines.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return found.stream().map(f -> f.withLines(List.copyOf(lines.getOrDefault(f.id(), List.of())))).toList();
    }

    private static final String SELECT = """
            SELECT s.id, f.code AS from_code, t.code AS to_code, s.status, s.carrier, s.notes, s.ref_type, s.ref_id,
                   s.dispatched_at, s.dispatched_by, s.received_at, s.received_by, s.proof_of_delivery
              FROM stock_shipments s
              JOIN stock_locations f ON f.id = s.from_location_id
              JOIN stock_locations t ON t.id = s.to_location_id""";

    private static ShipmentView view(java.sql.ResultSet rs, List<LineView> lines) throws java.sql.SQLException {
        long received = rs.getLong("received_at");
        boolean wasReceived = !rs.wasNull();
        return new ShipmentView(rs.getLong("id"), rs.getString("from_code"), rs.getString("to_code"),
                rs.getString("status"), lines, rs.getString("carrier"), rs.getString("notes"), rs.getString("ref_type"),
                rs.getString("ref_id"), Instant.ofEpochMilli(rs.getLong("dispatched_at")), rs.getString("dispatched_by"),
                wasReceived ? Instant.ofEpochMilli(received) : null, rs.getString("received_by"),
                rs.getString("proof_of_delivery"));
    }

    private Location known(Handle h, String field, String code) {
        return stock.findLocation(h, code).orElseThrow(() -> new InvalidInput(field, "No location '" + code + "'"));
    }

    private static String optional(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 500) {
            throw new InvalidInput(field, field + " is at most 500 characters");
        }
        return value.strip();
    }
}
