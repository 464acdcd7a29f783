package org.tavan.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.beneficiaries.Province;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.storage.Database;

/**
 * The stock ledger. Every change is one or more append-only {@code stock_movements} rows;
 * quantities on hand are their sum and are never stored. Serialized units additionally keep
 * their one current location and status in {@code stock_units}, changed only together with
 * the movement that explains the change.
 *
 * <p>Other features call the methods that take a {@link Handle} inside their own transaction
 * (production consumes components while releasing a work order, allocation reserves units
 * while approving a proposal). A method that cannot do what is asked throws {@link Conflict}
 * before writing anything, so the caller's transaction is left as it was.
 */
public final class Stock {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
    /** Statuses in which a unit is physically on the shelf of its location. */
    private static final Set<String> ON_HAND = Set.of(StockUnit.AVAILABLE, StockUnit.RESERVED, StockUnit.IN_REPAIR);

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public Stock(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public record NewLocation(String code, String name, String kind, String parentCode, String provinceCode) {
    }

    public record NewItem(String sku, String name, String kind, String uom, Long reorderLevel) {
    }

    // ---------------------------------------------------------------- locations and items

    public Location createLocation(NewLocation request, Actor actor) {
        return db.inTransaction(h -> {
            String code = requireCode("code", request.code());
            String name = requireText("name", request.name());
            String kind = request.kind();
            if (!List.of(Location.WORKSHOP, Location.NATIONAL_WAREHOUSE, Location.PROVINCIAL_WAREHOUSE, Location.CENTRE)
                    .contains(kind)) {
                throw new InvalidInput("kind", "Location kind must be workshop, national_warehouse, provincial_warehouse or centre");
            }
            Location parent = null;
            if (request.parentCode() != null && !request.parentCode().isBlank()) {
                parent = findLocation(h, request.parentCode())
                        .orElseThrow(() -> new InvalidInput("parentCode", "No location '" + request.parentCode() + "'"));
            }
            String expectedParent = switch (kind) {
                case Location.NATIONAL_WAREHOUSE -> Location.WORKSHOP;
                case Location.PROVINCIAL_WAREHOUSE -> Location.NATIONAL_WAREHOUSE;
                case Location.CENTRE -> Location.PROVINCIAL_WAREHOUSE;
                default -> null;
            };
            if (expectedParent == null && parent != null) {
                throw new InvalidInput("parentCode", "A workshop is the top of the hierarchy and has no parent");
            }
            boolean parentRequired = kind.equals(Location.PROVINCIAL_WAREHOUSE) || kind.equals(Location.CENTRE);
            if (parentRequired && parent == null) {
                throw new InvalidInput("parentCode", "A " + kind + " needs a parent " + expectedParent);
            }
            if (parent != null && !parent.kind().equals(expectedParent)) {
                throw new InvalidInput("parentCode", "The parent of a " + kind + " must be a " + expectedParent
                        + ", not a " + parent.kind());
            }
            String province = request.provinceCode();
            if (parentRequired) {
                if (province == null || Province.byCode(province).isEmpty()) {
                    throw new InvalidInput("provinceCode", "A " + kind + " needs a province code 01..31 (GET /api/provinces)");
                }
                if (kind.equals(Location.CENTRE) && !province.equals(parent.provinceCode())) {
                    throw new InvalidInput("provinceCode", "A centre must be in the province of its provincial warehouse ("
                            + parent.provinceCode() + ")");
                }
            } else if (province != null) {
                throw new InvalidInput("provinceCode", "Only provincial warehouses and centres have a province code");
            }
            if (findLocation(h, code).isPresent()) {
                throw new Conflict("location_exists", "A location with code '" + code + "' already exists");
            }
            long id = h.createUpdate("""
                            INSERT INTO stock_locations (code, name, kind, parent_id, province_code, created_at)
                            VALUES (:code, :name, :kind, :parentId, :province, :now)""")
                    .bind("code", code).bind("name", name).bind("kind", kind)
                    .bind("parentId", parent == null ? null : parent.id())
                    .bind("province", province).bind("now", clock.instant())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            Location created = new Location(id, code, name, kind, parent == null ? null : parent.id(), province);
            audit.record(h, actor, "stock.location_created", "stock_location", code, null, created);
            return created;
        });
    }

    public List<Location> locations() {
        return db.read(h -> h.createQuery("""
                        SELECT id, code, name, kind, parent_id, province_code FROM stock_locations ORDER BY id""")
                .map((rs, ctx) -> new Location(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("kind"), parentId(rs), rs.getString("province_code")))
                .list());
    }

    public Location location(String code) {
        return db.read(h -> findLocation(h, code)).orElseThrow(() -> new NotFound("Location", code));
    }

    public Optional<Location> findLocation(Handle h, String code) {
        return h.createQuery("SELECT id, code, name, kind, parent_id, province_code FROM stock_locations WHERE code = :code")
                .bind("code", code)
                .map((rs, ctx) -> new Location(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("kind"), parentId(rs), rs.getString("province_code")))
                .findOne();
    }

    public StockItem createItem(NewItem request, Actor actor) {
        return db.inTransaction(h -> {
            String sku = requireCode("sku", request.sku());
            String name = requireText("name", request.name());
            String kind = request.kind() == null ? StockItem.COMPONENT : request.kind();
            if (!kind.equals(StockItem.COMPONENT) && !kind.equals(StockItem.FINISHED)) {
                throw new InvalidInput("kind", "Item kind must be component or finished");
            }
            String uom = request.uom() == null ? "piece" : requireText("uom", request.uom());
            long reorder = request.reorderLevel() == null ? 0 : request.reorderLevel();
            if (reorder < 0) {
                throw new InvalidInput("reorderLevel", "Reorder level cannot be negative");
            }
            if (kind.equals(StockItem.FINISHED) && !uom.equals("piece")) {
                throw new InvalidInput("uom", "Finished products are serialized and counted in pieces");
            }
            if (findItem(h, sku).isPresent()) {
                throw new Conflict("item_exists", "A stock item with SKU '" + sku + "' already exists");
            }
            long id = h.createUpdate("""
                            INSERT INTO stock_items (sku, name, kind, uom, reorder_level, created_at)
                            VALUES (:sku, :name, :kind, :uom, :reorder, :now)""")
                    .bind("sku", sku).bind("name", name).bind("kind", kind).bind("uom", uom)
                    .bind("reorder", reorder).bind("now", clock.instant())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            StockItem created = new StockItem(id, sku, name, kind, uom, reorder);
            audit.record(h, actor, "stock.item_created", "stock_item", sku, null, created);
            return created;
        });
    }

    public StockItem item(String sku) {
        return db.read(h -> findItem(h, sku)).orElseThrow(() -> new NotFound("Stock item", sku));
    }

    public Optional<StockItem> findItem(Handle h, String sku) {
        return h.createQuery("SELECT id, sku, name, kind, uom, reorder_level FROM stock_items WHERE sku = :sku")
                .bind("sku", sku)
                .map((rs, ctx) -> new StockItem(rs.getLong("id"), rs.getString("sku"), rs.getString("name"),
                        rs.getString("kind"), rs.getString("uom"), rs.getLong("reorder_level")))
                .findOne();
    }

    public List<StockItem> items() {
        return db.read(h -> h.createQuery("SELECT id, sku, name, kind, uom, reorder_level FROM stock_items ORDER BY sku")
                .map((rs, ctx) -> new StockItem(rs.getLong("id"), rs.getString("sku"), rs.getString("name"),
                        rs.getString("kind"), rs.getString("uom"), rs.getLong("reorder_level")))
                .list());
    }

    // ---------------------------------------------------------------- counted components

    /** Components arriving from a supplier (or an opening balance). */
    public List<Movement> receive(String sku, String locationCode, long quantity, StockRef ref, Actor actor, String note) {
        return db.inTransaction(h -> {
            StockItem item = component(h, sku);
            Location at = location(locationCode);
            requirePositive(quantity);
            String group = newGroup();
            Movement m = insert(h, item, at, quantity, "receipt", null, null, ref, group, actor, note);
            audit.record(h, actor, "stock.received", "stock_item", sku, null, List.of(m));
            return List.of(m);
        });
    }

    /**
     * Consumes components at one location, all lines or none: if any line is short nothing is
     * written and {@code stock_short} lists every short line.
     */
    public List<Movement> consume(Handle h, Map<String, Long> lines, String locationCode, StockRef ref, Actor actor) {
        Location at = location(locationCode);
        Map<StockItem, Long> resolved = new LinkedHashMap<>();
        lines.forEach((sku, qty) -> {
            requirePositive(qty);
            resolved.merge(component(h, sku), qty, Long::sum);
        });
        resolved.keySet().forEach(item -> lockItem(h, item));
        List<Map<String, Object>> shortages = new ArrayList<>();
        resolved.forEach((item, qty) -> {
            long have = onHand(h, item.id(), at.id()) - committed(h, item.id(), at.id());
            if (have < qty) {
                shortages.add(Map.of("sku", item.sku(), "needed", qty, "onHand", have, "short", qty - have));
            }
        });
        if (!shortages.isEmpty()) {
            throw new Conflict("stock_short", "Not enough components at " + at.code() + ": "
                    + shortages.stream().map(s -> s.get("sku") + " needs " + s.get("needed") + ", has " + s.get("onHand"))
                    .toList(), Map.of("shortages", shortages, "location", at.code()));
        }
        String group = newGroup();
        List<Movement> written = new ArrayList<>();
        resolved.forEach((item, qty) -> written.add(insert(h, item, at, -qty, "consumption", null, null, ref, group, actor, null)));
        audit.record(h, actor, "stock.consumed", "stock_location", at.code(), null, written);
        return written;
    }

    /** Moves a counted quantity between locations: two ledger rows in one move group. */
    public List<Movement> transferQuantity(String sku, String fromCode, String toCode, long quantity, StockRef ref,
                                           Actor actor) {
        return db.inTransaction(h -> {
            StockItem item = component(h, sku);
            Location from = location(fromCode);
            Location to = location(toCode);
            requirePositive(quantity);
            if (from.id() == to.id()) {
                throw new InvalidInput("to", "A transfer needs two different locations");
            }
            lockItem(h, item);
            requireFree(h, item, from, quantity);
            String group = newGroup();
            List<Movement> written = List.of(
                    insert(h, item, from, -quantity, "transfer", null, null, ref, group, actor, "to " + toCode),
                    insert(h, item, to, quantity, "transfer", null, null, ref, group, actor, "from " + fromCode));
            audit.record(h, actor, "stock.transferred", "stock_item", sku, null, written);
            return written;
        });
    }

    /** A cycle count: records the variance between the counted and the derived quantity. */
    public Optional<Movement> recordCount(String sku, String locationCode, long counted, Actor actor, String note) {
        return db.inTransaction(h -> {
            StockItem item = component(h, sku);
            Location at = location(locationCode);
            if (counted < 0) {
                throw new InvalidInput("counted", "A count cannot be negative");
            }
            lockItem(h, item);
            // Goods committed to a dispatched shipment are still on these books but not on the shelf.
            long variance = counted + committed(h, item.id(), at.id()) - onHand(h, item.id(), at.id());
            if (variance == 0) {
                audit.record(h, actor, "stock.counted", "stock_item", sku, null, Map.of("location", locationCode,
                        "counted", counted, "variance", 0));
                return Optional.empty();
            }
            Movement m = insert(h, item, at, variance, "count_adjustment", null, null, StockRef.none(), newGroup(), actor, note);
            audit.record(h, actor, "stock.counted", "stock_item", sku, null, Map.of("location", locationCode,
                    "counted", counted, "variance", variance, "movement", m.id()));
            return Optional.of(m);
        });
    }

    // ---------------------------------------------------------------- serialized units

    /** A unit that passed quality enters stock at its workshop as available. */
    public Movement receiveReleasedUnit(Handle h, String serial, String sku, String locationCode, StockRef ref, Actor actor) {
        StockItem item = item(sku);
        if (!item.kind().equals(StockItem.FINISHED)) {
            throw new InvalidInput("sku", sku + " is a component; only finished products are serialized");
        }
        Location at = location(locationCode);
        if (findUnit(h, serial).isPresent()) {
            throw new Conflict("unit_already_in_stock", "Unit " + serial + " is already in stock");
        }
        Movement m = insert(h, item, at, 1, "release", serial, StockUnit.AVAILABLE, ref, newGroup(), actor, null);
        h.createUpdate("""
                        INSERT INTO stock_units (serial, item_id, location_id, status, reserved_for, updated_at)
                        VALUES (:serial, :item, :location, 'available', NULL, :now)""")
                .bind("serial", serial).bind("item", item.id()).bind("location", at.id()).bind("now", m.at())
                .execute();
        audit.record(h, actor, "stock.unit_released", "stock_unit", serial, null, m);
        return m;
    }

    public List<Movement> transferUnit(String serial, String toCode, StockRef ref, Actor actor) {
        return db.inTransaction(h -> {
            UnitRow unit = unitRow(h, serial);
            Location to = location(toCode);
            // In-repair units travel too: a returned unit goes back to a workshop to be refurbished.
            if (!ON_HAND.contains(unit.status)) {
                throw new Conflict("unit_not_movable", "Unit " + serial + " is " + unit.status + " and cannot be transferred");
            }
            if (unit.locationId == to.id()) {
                throw new Conflict("unit_already_there", "Unit " + serial + " is already at " + toCode);
            }
            requireNotInTransit(h, serial);
            StockItem item = itemById(h, unit.itemId);
            Location from = locationById(h, unit.locationId);
            String group = newGroup();
            List<Movement> written = List.of(
                    insert(h, item, from, -1, "transfer", serial, unit.status, ref, group, actor, "to " + toCode),
                    insert(h, item, to, 1, "transfer", serial, unit.status, ref, group, actor, "from " + from.code()));
            moveUnit(h, unit, to.id(), unit.status, unit.reservedFor, written.get(1).at());
            audit.record(h, actor, "stock.unit_transferred", "stock_unit", serial,
                    Map.of("location", from.code()), Map.of("location", toCode));
            return written;
        });
    }

    /** Holds an available unit for someone ({@code ref}, e.g. an allocation); on-hand does not change. */
    public Movement reserve(Handle h, String serial, StockRef ref, Actor actor) {
        return changeStatus(h, serial, Set.of(StockUnit.AVAILABLE), StockUnit.RESERVED, "reservation", 0, ref, actor,
                ref.type() == null ? null : ref.type() + ":" + ref.id(), "unit_not_available");
    }

    public Movement cancelReservation(Handle h, String serial, StockRef ref, Actor actor) {
        return changeStatus(h, serial, Set.of(StockUnit.RESERVED), StockUnit.AVAILABLE, "reservation", 0, ref, actor,
                null, "unit_not_reserved");
    }

    /** Hands the unit over to its user: it leaves stock. */
    public Movement issue(Handle h, String serial, StockRef ref, Actor actor) {
        return changeStatus(h, serial, Set.of(StockUnit.AVAILABLE, StockUnit.RESERVED), StockUnit.ISSUED, "issue", -1,
                ref, actor, null, "unit_not_issuable");
    }

    /** An issued unit comes back to a location (for refurbishment or re-issue). */
    public Movement returnUnit(Handle h, String serial, String locationCode, StockRef ref, Actor actor) {
        UnitRow unit = unitRow(h, serial);
        if (!unit.status.equals(StockUnit.ISSUED)) {
            throw new Conflict("unit_not_issued", "Unit " + serial + " is " + unit.status + "; only an issued unit can be returned");
        }
        Location at = location(locationCode);
        StockItem item = itemById(h, unit.itemId);
        Movement m = insert(h, item, at, 1, "return", serial, StockUnit.IN_REPAIR, ref, newGroup(), actor, null);
        moveUnit(h, unit, at.id(), StockUnit.IN_REPAIR, null, m.at());
        audit.record(h, actor, "stock.unit_returned", "stock_unit", serial, Map.of("status", unit.status),
                Map.of("status", StockUnit.IN_REPAIR, "location", locationCode));
        return m;
    }

    public Movement sendToRepair(Handle h, String serial, StockRef ref, Actor actor) {
        return changeStatus(h, serial, Set.of(StockUnit.AVAILABLE), StockUnit.IN_REPAIR, "repair", 0, ref, actor, null,
                "unit_not_repairable");
    }

    public Movement repaired(Handle h, String serial, StockRef ref, Actor actor) {
        return changeStatus(h, serial, Set.of(StockUnit.IN_REPAIR), StockUnit.AVAILABLE, "repair", 0, ref, actor, null,
                "unit_not_in_repair");
    }

    public Movement scrap(Handle h, String serial, StockRef ref, Actor actor) {
        return changeStatus(h, serial, ON_HAND, StockUnit.SCRAPPED, "scrap", -1, ref, actor, null, "unit_not_in_stock");
    }

    private Movement changeStatus(Handle h, String serial, Set<String> from, String to, String reason, long quantity,
                                  StockRef ref, Actor actor, String reservedFor, String refusal) {
        UnitRow unit = unitRow(h, serial);
        if (quantity != 0 || to.equals(StockUnit.IN_REPAIR)) {
            requireNotInTransit(h, serial);
        }
        if (!from.contains(unit.status)) {
            throw new Conflict(refusal, "Unit " + serial + " is " + unit.status + "; " + reason + " needs it "
                    + String.join(" or ", from.stream().sorted().toList()), Map.of("serial", serial, "status", unit.status));
        }
        StockItem item = itemById(h, unit.itemId);
        Location at = locationById(h, unit.locationId);
        Movement m = insert(h, item, at, quantity, reason, serial, to, ref, newGroup(), actor, null);
        moveUnit(h, unit, unit.locationId, to, reservedFor, m.at());
        audit.record(h, actor, "stock.unit_" + reason, "stock_unit", serial, Map.of("status", unit.status),
                Map.of("status", to));
        return m;
    }

    // ---------------------------------------------------------------- shipments' commitments

    /** Refuses with {@code stock_short} unless {@code quantity} is on hand and not committed to a shipment. */
    public void requireFree(Handle h, String sku, String locationCode, long quantity) {
        StockItem item = component(h, sku);
        lockItem(h, item);
        requireFree(h, item, location(locationCode), quantity);
    }

    private static void requireFree(Handle h, StockItem item, Location at, long quantity) {
        long onHand = onHand(h, item.id(), at.id());
        long committed = committed(h, item.id(), at.id());
        if (onHand - committed < quantity) {
            throw new Conflict("stock_short", "Only " + (onHand - committed) + " " + item.uom() + " of " + item.sku()
                    + " free at " + at.code() + (committed > 0 ? " (" + committed + " committed to shipments)" : ""),
                    Map.of("sku", item.sku(), "needed", quantity, "onHand", onHand, "committed", committed,
                            "location", at.code()));
        }
    }

    /** A unit on a dispatched, not yet received shipment is in a truck: nothing else may move it. */
    public void requireNotInTransit(Handle h, String serial) {
        h.createQuery("""
                        SELECT s.id FROM stock_shipment_lines l JOIN stock_shipments s ON s.id = l.shipment_id
                         WHERE l.serial = :serial AND s.status = 'dispatched'""")
                .bind("serial", serial).mapTo(Long.class).findFirst().ifPresent(id -> {
                    throw new Conflict("unit_in_transit", "Unit " + serial + " is on shipment " + id
                            + ", which has not been received yet", Map.of("serial", serial, "shipment", id));
                });
    }

    private static long committed(Handle h, long itemId, long locationId) {
        return h.createQuery("""
                        SELECT COALESCE(SUM(l.quantity), 0) FROM stock_shipment_lines l
                          JOIN stock_shipments s ON s.id = l.shipment_id
                         WHERE s.status = 'dispatched' AND s.from_location_id = :location AND l.item_id = :item
                           AND l.serial IS NULL""")
                .bind("location", locationId).bind("item", itemId).mapTo(Long.class).one();
    }

    // ---------------------------------------------------------------- reads

    public long onHand(String sku, String locationCode) {
        return db.read(h -> onHand(h, item(sku).id(), location(locationCode).id()));
    }

    private long onHand(Handle h, String sku, String locationCode) {
        return onHand(h, item(sku).id(), location(locationCode).id());
    }

    /** Every item with a non-zero balance (or a reorder level) per location; optional filters. */
    public List<OnHand> balances(String locationCode, String sku) {
        return db.read(h -> h.createQuery("""
                        SELECT i.sku, i.name, i.kind, l.code AS location_code, SUM(m.quantity) AS quantity, i.reorder_level
                          FROM stock_movements m
                          JOIN stock_items i ON i.id = m.item_id
                          JOIN stock_locations l ON l.id = m.location_id
                         WHERE (CAST(:location AS TEXT) IS NULL OR l.code = :location)
                           AND (CAST(:sku AS TEXT) IS NULL OR i.sku = :sku)
                         GROUP BY i.sku, i.name, i.kind, l.code, i.reorder_level
                         ORDER BY l.code, i.sku""")
                .bind("location", locationCode).bind("sku", sku)
                .map((rs, ctx) -> {
                    long qty = rs.getLong("quantity");
                    long reorder = rs.getLong("reorder_level");
                    String kind = rs.getString("kind");
                    return new OnHand(rs.getString("sku"), rs.getString("name"), kind, rs.getString("location_code"),
                            qty, reorder, kind.equals(StockItem.COMPONENT) && qty < reorder);
                })
                .list());
    }

    /** Components strictly below their reorder level (at one location, or everywhere when null). */
    public List<OnHand> reorderAlerts(String locationCode) {
        return balances(locationCode, null).stream().filter(OnHand::belowReorderLevel).toList();
    }

    public List<Movement> ledger(String sku, String locationCode, String serial, int limit) {
        return db.read(h -> h.createQuery(MOVEMENT_SELECT + """
                         WHERE (CAST(:sku AS TEXT) IS NULL OR i.sku = :sku)
                           AND (CAST(:location AS TEXT) IS NULL OR l.code = :location)
                           AND (CAST(:serial AS TEXT) IS NULL OR m.serial = :serial)
                         ORDER BY m.id DESC
                         LIMIT :limit""")
                .bind("sku", sku).bind("location", locationCode).bind("serial", serial).bind("limit", limit)
                .map((rs, ctx) -> movement(rs))
                .list());
    }

    public StockUnit unit(String serial) {
        return db.read(h -> findUnit(h, serial)).orElseThrow(() -> new NotFound("Stock unit", serial));
    }

    public Optional<StockUnit> findUnit(Handle h, String serial) {
        return h.createQuery("""
                        SELECT u.serial, i.sku, l.code, u.status, u.reserved_for, u.updated_at
                          FROM stock_units u JOIN stock_items i ON i.id = u.item_id
                          JOIN stock_locations l ON l.id = u.location_id
                         WHERE u.serial = :serial""")
                .bind("serial", serial)
                .map((rs, ctx) -> new StockUnit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))))
                .findOne();
    }

    /** Serialized units, filtered by SKU, location and status (any may be null). */
    public List<StockUnit> units(String sku, String locationCode, String status) {
        return db.read(h -> h.createQuery("""
                        SELECT u.serial, i.sku, l.code, u.status, u.reserved_for, u.updated_at
                          FROM stock_units u JOIN stock_items i ON i.id = u.item_id
                          JOIN stock_locations l ON l.id = u.location_id
                         WHERE (CAST(:sku AS TEXT) IS NULL OR i.sku = :sku)
                           AND (CAST(:location AS TEXT) IS NULL OR l.code = :location)
                           AND (CAST(:status AS TEXT) IS NULL OR u.status = :status)
                         ORDER BY u.serial""")
                .bind("sku", sku).bind("location", locationCode).bind("status", status)
                .map((rs, ctx) -> new StockUnit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))))
                .list());
    }

    // ---------------------------------------------------------------- internals

    private static final String MOVEMENT_SELECT = """
            SELECT m.id, m.at, i.sku, l.code AS location_code, m.quantity, m.reason, m.serial, m.status_after,
                   m.ref_type, m.ref_id, m.move_group, m.actor, m.note
              FROM stock_movements m
              JOIN stock_items i ON i.id = m.item_id
              JOIN stock_locations l ON l.id = m.location_id
            """;

    private static Movement movement(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Movement(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at")), rs.getString("sku"),
                rs.getString("location_code"), rs.getLong("quantity"), rs.getString("reason"), rs.getString("serial"),
                rs.getString("status_after"), rs.getString("ref_type"), rs.getString("ref_id"),
                rs.getString("move_group"), rs.getString("actor"), rs.getString("note"));
    }

    private record UnitRow(String serial, long itemId, long locationId, String status, String reservedFor) {
    }

    private UnitRow unitRow(Handle h, String serial) {
        return h.createQuery("SELECT serial, item_id, location_id, status, reserved_for FROM stock_units WHERE serial = :serial")
                .bind("serial", serial)
                .map((rs, ctx) -> new UnitRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5)))
                .findOne()
                .orElseThrow(() -> new NotFound("Stock unit", serial));
    }

    /**
     * Conditional on the status read earlier, so two transactions that both read 'available'
     * cannot both reserve: the second one updates no row and is refused.
     */
    private void moveUnit(Handle h, UnitRow unit, long locationId, String status, String reservedFor, Instant at) {
        int changed = h.createUpdate("""
                        UPDATE stock_units SET location_id = :location, status = :status, reserved_for = :reservedFor,
                               updated_at = :at
                         WHERE serial = :serial AND status = :before AND location_id = :beforeLocation""")
                .bind("location", locationId).bind("status", status).bind("reservedFor", reservedFor)
                .bind("at", at).bind("serial", unit.serial).bind("before", unit.status)
                .bind("beforeLocation", unit.locationId)
                .execute();
        if (changed != 1) {
            throw new Conflict("unit_changed_concurrently", "Unit " + unit.serial + " was changed by someone else; try again");
        }
    }

    /**
     * A no-op update that takes the item's row lock on PostgreSQL (SQLite's one writer is
     * already serialised by BEGIN IMMEDIATE), so two concurrent consumers cannot both see
     * enough stock and drive the balance negative.
     */
    private static void lockItem(Handle h, StockItem item) {
        h.createUpdate("UPDATE stock_items SET reorder_level = reorder_level WHERE id = :id").bind("id", item.id()).execute();
    }

    private static long onHand(Handle h, long itemId, long locationId) {
        return h.createQuery("SELECT COALESCE(SUM(quantity), 0) FROM stock_movements WHERE item_id = :item AND location_id = :location")
                .bind("item", itemId).bind("location", locationId).mapTo(Long.class).one();
    }

    private Movement insert(Handle h, StockItem item, Location at, long quantity, String reason, String serial,
                            String statusAfter, StockRef ref, String group, Actor actor, String note) {
        Instant now = clock.instant();
        long id = h.createUpdate("""
                        INSERT INTO stock_movements (at, item_id, location_id, quantity, reason, serial, status_after,
                                                     ref_type, ref_id, move_group, actor, note)
                        VALUES (:at, :item, :location, :quantity, :reason, :serial, :statusAfter, :refType, :refId,
                                :group, :actor, :note)""")
                .bind("at", now).bind("item", item.id()).bind("location", at.id()).bind("quantity", quantity)
                .bind("reason", reason).bind("serial", serial).bind("statusAfter", statusAfter)
                .bind("refType", ref.type()).bind("refId", ref.id()).bind("group", group)
                .bind("actor", actor.name()).bind("note", note)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Movement(id, now, item.sku(), at.code(), quantity, reason, serial, statusAfter, ref.type(), ref.id(),
                group, actor.name(), note);
    }

    private StockItem component(Handle h, String sku) {
        StockItem item = findItem(h, sku).orElseThrow(() -> new InvalidInput("sku", "No stock item '" + sku + "'"));
        if (!item.kind().equals(StockItem.COMPONENT)) {
            throw new InvalidInput("sku", sku + " is a finished product; move its units by serial number");
        }
        return item;
    }

    private static StockItem itemById(Handle h, long id) {
        return h.createQuery("SELECT id, sku, name, kind, uom, reorder_level FROM stock_items WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new StockItem(rs.getLong("id"), rs.getString("sku"), rs.getString("name"),
                        rs.getString("kind"), rs.getString("uom"), rs.getLong("reorder_level")))
                .one();
    }

    private static Location locationById(Handle h, long id) {
        return h.createQuery("SELECT id, code, name, kind, parent_id, province_code FROM stock_locations WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Location(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("kind"), parentId(rs), rs.getString("province_code")))
                .one();
    }

    private static Long parentId(java.sql.ResultSet rs) throws java.sql.SQLException {
        long id = rs.getLong("parent_id");
        return rs.wasNull() ? null : id;
    }

    private static void requirePositive(Long quantity) {
        if (quantity == null || quantity <= 0) {
            throw new InvalidInput("quantity", "Quantity must be a positive whole number");
        }
    }

    private static String requireCode(String field, String value) {
        if (value == null || !CODE.matcher(value).matches()) {
            throw new InvalidInput(field, field + " must be 1-40 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new InvalidInput(field, field + " is required (at most 200 characters)");
        }
        return value.strip();
    }

    private static String newGroup() {
        return UUID.randomUUID().toString();
    }
}
