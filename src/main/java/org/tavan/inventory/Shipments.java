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
    }

    public ShipmentView dispatch(NewShipment request, Actor actor) {
        return dispatch(request, StockRef.none(), actor);
    }

    /** {@code ref} names what the shipment is for (a service case), on every ledger row. */
    public ShipmentView dispatch(NewShipment request, StockRef ref, Actor actor) {
        return db.inTransaction(h -> {
            StockDao stock = h.attach(StockDao.class);
            ShipmentDao dao = h.attach(ShipmentDao.class);
            if (request.from() == null || request.to() == null) {
                throw new InvalidInput("from", "Name the location the shipment leaves (from) and the one it goes to (to)");
            }
            Location from = known(stock, "from", request.from());
            Location to = known(stock, "to", request.to());
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
            Map<StockItem, Long> quantities = new LinkedHashMap<>();
            List<StockItem> lineItems = new ArrayList<>();
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
                    StockUnit unit = stock.unit(line.serial())
                            .orElseThrow(() -> new InvalidInput(field + ".serial", "No unit " + line.serial() + " in stock"));
                    if (!unit.locationCode().equals(from.code())) {
                        throw new Conflict("unit_not_at_location", "Unit " + unit.serial() + " is at " + unit.locationCode()
                                + ", not at " + from.code(), Map.of("serial", unit.serial(), "location", unit.locationCode()));
                    }
                    if (unit.status().equals(StockUnit.ISSUED) || unit.status().equals(StockUnit.SCRAPPED)) {
                        throw new Conflict("unit_not_movable", "Unit " + unit.serial() + " is " + unit.status()
                                + " and cannot be shipped", Map.of("serial", unit.serial(), "status", unit.status()));
                    }
                    Ledger.requireNotInTransit(stock, unit.serial());
                    lineItems.add(stock.item(unit.sku()).orElseThrow());
                } else {
                    if (line.quantity() == null || line.quantity() <= 0) {
                        throw new InvalidInput(field + ".quantity", "A component line needs a positive quantity");
                    }
                    StockItem item = stock.item(line.sku())
                            .orElseThrow(() -> new InvalidInput(field + ".sku", "No stock item '" + line.sku() + "'"));
                    if (!item.kind().equals(StockItem.COMPONENT)) {
                        throw new InvalidInput(field + ".sku", line.sku() + " is a finished product; ship its units by serial");
                    }
                    quantities.merge(item, line.quantity(), Long::sum);
                    lineItems.add(item);
                }
            }
            quantities.forEach((item, qty) -> {
                stock.lockItem(item.id());
                Ledger.requireFree(stock, item, from, qty);
            });
            long id = dao.insert(from.id(), to.id(), carrier, notes, ref.type(), ref.id(), clock.instant(), actor.name());
            for (int n = 0; n < lines.size(); n++) {
                Line line = lines.get(n);
                dao.insertLine(id, n + 1, lineItems.get(n).id(), line.serial(), line.serial() != null ? 1L : line.quantity());
            }
            ShipmentView view = get(dao, id);
            audit.record(h, actor, "stock.shipment_dispatched", "stock_shipment", id, null, view);
            return view;
        });
    }

    /** The receiver confirms; every line moves to the destination on the ledger, or none does. */
    public ShipmentView receive(long id, Receipt receipt, Actor actor) {
        Receipt given = receipt == null ? new Receipt(null, null) : receipt;
        String by = InvalidInput.requireText("receivedBy", given.receivedBy(), 500);
        String proof = InvalidInput.requireText("proofOfDelivery", given.proofOfDelivery(), 500);
        return db.inTransaction(h -> {
            ShipmentDao dao = h.attach(ShipmentDao.class);
            ShipmentView before = get(dao, id);
            if (dao.markReceived(id, clock.instant(), by, proof) != 1) {
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
            ShipmentView after = get(dao, id);
            audit.record(h, actor, "stock.shipment_received", "stock_shipment", id, Map.of("status", before.status()),
                    Map.of("status", after.status(), "receivedBy", by, "proofOfDelivery", proof));
            return after;
        });
    }

    public ShipmentView get(long id) {
        return db.read(h -> get(h.attach(ShipmentDao.class), id));
    }

    private static ShipmentView get(ShipmentDao dao, long id) {
        return withLines(dao, dao.head(id)).stream().findFirst().orElseThrow(() -> new NotFound("Shipment", id));
    }

    /** Newest first; filters by status and by a location at either end (both may be null). */
    public List<ShipmentView> list(String status, String locationCode) {
        if (status != null && !List.of("dispatched", "received").contains(status)) {
            throw new InvalidInput("status", "status is dispatched or received");
        }
        return db.read(h -> {
            ShipmentDao dao = h.attach(ShipmentDao.class);
            return withLines(dao, dao.heads(status, locationCode));
        });
    }

    /** The shipments with their lines: one more query however many shipments. */
    private static List<ShipmentView> withLines(ShipmentDao dao, List<ShipmentDao.Head> heads) {
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<Long, List<LineView>> lines = new HashMap<>();
        for (ShipmentDao.LineRow l : dao.lines(heads.stream().map(ShipmentDao.Head::id).toList())) {
            lines.computeIfAbsent(l.shipmentId(), k -> new ArrayList<>())
                    .add(new LineView(l.lineNo(), l.sku(), l.name(), l.serial(), l.quantity()));
        }
        return heads.stream().map(head -> head.with(List.copyOf(lines.getOrDefault(head.id(), List.of())))).toList();
    }

    private static Location known(StockDao stock, String field, String code) {
        return stock.location(code).orElseThrow(() -> new InvalidInput(field, "No location '" + code + "'"));
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
