package org.tavan.inventory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
 * the movement that explains the change ({@link UnitMoves}).
 *
 * <p>Each use case owns its transaction. Called from inside another feature's use case
 * (production consumes components while releasing a work order, allocation reserves units
 * while approving a proposal) it joins that transaction (see {@link Database}). A method that
 * cannot do what is asked throws {@link Conflict} before writing anything, so the caller's
 * transaction is left as it was.
 */
public final class Stock {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

    private final Database db;
    private final AuditLog audit;
    private final Ledger ledger;
    private final UnitMoves units;

    public Stock(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.ledger = new Ledger(clock);
        this.units = new UnitMoves(db, audit, ledger);
    }

    public record NewLocation(String code, String name, String kind, String parentCode, String provinceCode) {
    }

    public record NewItem(String sku, String name, String kind, String uom, Long reorderLevel) {
    }

    // ---------------------------------------------------------------- locations and items

    public Location createLocation(NewLocation request, Actor actor) {
        return db.inTransaction(h -> {
            StockDao dao = h.attach(StockDao.class);
            String code = requireCode("code", request.code());
            String name = requireText("name", request.name());
            String kind = request.kind();
            if (!List.of(Location.WORKSHOP, Location.NATIONAL_WAREHOUSE, Location.PROVINCIAL_WAREHOUSE, Location.CENTRE)
                    .contains(kind)) {
                throw new InvalidInput("kind", "Location kind must be workshop, national_warehouse, provincial_warehouse or centre");
            }
            Location parent = null;
            if (request.parentCode() != null && !request.parentCode().isBlank()) {
                parent = dao.location(request.parentCode())
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
            if (dao.location(code).isPresent()) {
                throw new Conflict("location_exists", "A location with code '" + code + "' already exists");
            }
            Long parentId = parent == null ? null : parent.id();
            long id = dao.insertLocation(code, name, kind, parentId, province, ledger.now());
            Location created = new Location(id, code, name, kind, parentId, province);
            audit.record(h, actor, "stock.location_created", "stock_location", code, null, created);
            return created;
        });
    }

    public List<Location> locations() {
        return db.read(h -> h.attach(StockDao.class).locations());
    }

    public Location location(String code) {
        return findLocation(code).orElseThrow(() -> new NotFound("Location", code));
    }

    public Optional<Location> findLocation(String code) {
        return db.read(h -> h.attach(StockDao.class).location(code));
    }

    public StockItem createItem(NewItem request, Actor actor) {
        return db.inTransaction(h -> {
            StockDao dao = h.attach(StockDao.class);
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
            if (dao.item(sku).isPresent()) {
                throw new Conflict("item_exists", "A stock item with SKU '" + sku + "' already exists");
            }
            long id = dao.insertItem(sku, name, kind, uom, reorder, ledger.now());
            StockItem created = new StockItem(id, sku, name, kind, uom, reorder);
            audit.record(h, actor, "stock.item_created", "stock_item", sku, null, created);
            return created;
        });
    }

    public StockItem item(String sku) {
        return findItem(sku).orElseThrow(() -> new NotFound("Stock item", sku));
    }

    public Optional<StockItem> findItem(String sku) {
        return db.read(h -> h.attach(StockDao.class).item(sku));
    }

    public List<StockItem> items() {
        return db.read(h -> h.attach(StockDao.class).items());
    }

    // ---------------------------------------------------------------- counted components

    /** Components arriving from a supplier (or an opening balance). */
    public List<Movement> receive(String sku, String locationCode, long quantity, StockRef ref, Actor actor, String note) {
        return db.inTransaction(h -> {
            StockDao dao = h.attach(StockDao.class);
            StockItem item = Ledger.component(dao, sku);
            Location at = Ledger.location(dao, locationCode);
            Ledger.requirePositive(quantity);
            Movement m = ledger.write(dao, item, at, quantity, "receipt", null, null, ref, Ledger.newGroup(), actor, note);
            audit.record(h, actor, "stock.received", "stock_item", sku, null, List.of(m));
            return List.of(m);
        });
    }

    /**
     * Consumes components at one location, all lines or none: if any line is short nothing is
     * written and {@code stock_short} lists every short line.
     */
    public List<Movement> consume(Map<String, Long> lines, String locationCode, StockRef ref, Actor actor) {
        return db.inTransaction(h -> {
            StockDao dao = h.attach(StockDao.class);
            Location at = Ledger.location(dao, locationCode);
            Map<StockItem, Long> resolved = new LinkedHashMap<>();
            lines.forEach((sku, qty) -> {
                Ledger.requirePositive(qty);
                resolved.merge(Ledger.component(dao, sku), qty, Long::sum);
            });
            resolved.keySet().forEach(item -> dao.lockItem(item.id()));
            List<Map<String, Object>> shortages = new ArrayList<>();
            resolved.forEach((item, qty) -> {
                long have = dao.onHand(item.id(), at.id()) - dao.committed(item.id(), at.id());
                if (have < qty) {
                    shortages.add(Map.of("sku", item.sku(), "needed", qty, "onHand", have, "short", qty - have));
                }
            });
            if (!shortages.isEmpty()) {
                throw new Conflict("stock_short", "Not enough components at " + at.code() + ": "
                        + shortages.stream().map(s -> s.get("sku") + " needs " + s.get("needed") + ", has " + s.get("onHand"))
                        .toList(), Map.of("shortages", shortages, "location", at.code()));
            }
            String group = Ledger.newGroup();
            List<Movement> written = new ArrayList<>();
            resolved.forEach((item, qty) -> written.add(
                    ledger.write(dao, item, at, -qty, "consumption", null, null, ref, group, actor, null)));
            audit.record(h, actor, "stock.consumed", "stock_location", at.code(), null, written);
            return written;
        });
    }

    /** Moves a counted quantity between locations: two ledger rows in one move group. */
    public List<Movement> transferQuantity(String sku, String fromCode, String toCode, long quantity, StockRef ref,
                                           Actor actor) {
        return db.inTransaction(h -> {
            StockDao dao = h.attach(StockDao.class);
            StockItem item = Ledger.component(dao, sku);
            Location from = Ledger.location(dao, fromCode);
            Location to = Ledger.location(dao, toCode);
            Ledger.requirePositive(quantity);
            if (from.id() == to.id()) {
                throw new InvalidInput("to", "A transfer needs two different locations");
            }
            dao.lockItem(item.id());
            Ledger.requireFree(dao, item, from, quantity);
            String group = Ledger.newGroup();
            List<Movement> written = List.of(
                    ledger.write(dao, item, from, -quantity, "transfer", null, null, ref, group, actor, "to " + toCode),
                    ledger.write(dao, item, to, quantity, "transfer", null, null, ref, group, actor, "from " + fromCode));
            audit.record(h, actor, "stock.transferred", "stock_item", sku, null, written);
            return written;
        });
    }

    /** A cycle count: records the variance between the counted and the derived quantity. */
    public Optional<Movement> recordCount(String sku, String locationCode, long counted, Actor actor, String note) {
        return db.inTransaction(h -> {
            StockDao dao = h.attach(StockDao.class);
            StockItem item = Ledger.component(dao, sku);
            Location at = Ledger.location(dao, locationCode);
            if (counted < 0) {
                throw new InvalidInput("counted", "A count cannot be negative");
            }
            dao.lockItem(item.id());
            // Goods committed to a dispatched shipment are still on these books but not on the shelf.
            long variance = counted + dao.committed(item.id(), at.id()) - dao.onHand(item.id(), at.id());
            if (variance == 0) {
                audit.record(h, actor, "stock.counted", "stock_item", sku, null, Map.of("location", locationCode,
                        "counted", counted, "variance", 0));
                return Optional.empty();
            }
            Movement m = ledger.write(dao, item, at, variance, "count_adjustment", null, null, StockRef.none(),
                    Ledger.newGroup(), actor, note);
            audit.record(h, actor, "stock.counted", "stock_item", sku, null, Map.of("location", locationCode,
                    "counted", counted, "variance", variance, "movement", m.id()));
            return Optional.of(m);
        });
    }

    /** Refuses with {@code stock_short} unless {@code quantity} is on hand and not committed to a shipment. */
    public void requireFree(String sku, String locationCode, long quantity) {
        db.useTransaction(h -> {
            StockDao dao = h.attach(StockDao.class);
            StockItem item = Ledger.component(dao, sku);
            dao.lockItem(item.id());
            Ledger.requireFree(dao, item, Ledger.location(dao, locationCode), quantity);
        });
    }

    // ---------------------------------------------------------------- serialized units

    /** A unit that passed quality enters stock at its workshop as available. */
    public Movement receiveReleasedUnit(String serial, String sku, String locationCode, StockRef ref, Actor actor) {
        return units.receiveReleased(serial, sku, locationCode, ref, actor);
    }

    public List<Movement> transferUnit(String serial, String toCode, StockRef ref, Actor actor) {
        return units.transfer(serial, toCode, ref, actor);
    }

    /** Holds an available unit for someone ({@code ref}, e.g. an allocation); on-hand does not change. */
    public Movement reserve(String serial, StockRef ref, Actor actor) {
        return units.changeStatus(serial, Set.of(StockUnit.AVAILABLE), StockUnit.RESERVED, "reservation", 0, ref, actor,
                ref.type() == null ? null : ref.type() + ":" + ref.id(), "unit_not_available");
    }

    public Movement cancelReservation(String serial, StockRef ref, Actor actor) {
        return units.changeStatus(serial, Set.of(StockUnit.RESERVED), StockUnit.AVAILABLE, "reservation", 0, ref, actor,
                null, "unit_not_reserved");
    }

    /** Hands the unit over to its user: it leaves stock. */
    public Movement issue(String serial, StockRef ref, Actor actor) {
        return units.changeStatus(serial, Set.of(StockUnit.AVAILABLE, StockUnit.RESERVED), StockUnit.ISSUED, "issue", -1,
                ref, actor, null, "unit_not_issuable");
    }

    /** An issued unit comes back to a location (for refurbishment or re-issue). */
    public Movement returnUnit(String serial, String locationCode, StockRef ref, Actor actor) {
        return units.returned(serial, locationCode, ref, actor);
    }

    public Movement sendToRepair(String serial, StockRef ref, Actor actor) {
        return units.changeStatus(serial, Set.of(StockUnit.AVAILABLE), StockUnit.IN_REPAIR, "repair", 0, ref, actor, null,
                "unit_not_repairable");
    }

    public Movement repaired(String serial, StockRef ref, Actor actor) {
        return units.changeStatus(serial, Set.of(StockUnit.IN_REPAIR), StockUnit.AVAILABLE, "repair", 0, ref, actor, null,
                "unit_not_in_repair");
    }

    public Movement scrap(String serial, StockRef ref, Actor actor) {
        return units.changeStatus(serial, UnitMoves.ON_HAND, StockUnit.SCRAPPED, "scrap", -1, ref, actor, null,
                "unit_not_in_stock");
    }

    /** A unit on a dispatched, not yet received shipment is in a truck: nothing else may move it. */
    public void requireNotInTransit(String serial) {
        db.useTransaction(h -> Ledger.requireNotInTransit(h.attach(StockDao.class), serial));
    }

    // ---------------------------------------------------------------- reads

    public long onHand(String sku, String locationCode) {
        return db.read(h -> {
            StockDao dao = h.attach(StockDao.class);
            StockItem item = dao.item(sku).orElseThrow(() -> new NotFound("Stock item", sku));
            return dao.onHand(item.id(), Ledger.location(dao, locationCode).id());
        });
    }

    /** Every item with a non-zero balance (or a reorder level) per location; optional filters. */
    public List<OnHand> balances(String locationCode, String sku) {
        return db.read(h -> h.attach(StockDao.class).balances(locationCode, sku));
    }

    /** Components strictly below their reorder level (at one location, or everywhere when null). */
    public List<OnHand> reorderAlerts(String locationCode) {
        return balances(locationCode, null).stream().filter(OnHand::belowReorderLevel).toList();
    }

    public List<Movement> ledger(String sku, String locationCode, String serial, int limit) {
        return db.read(h -> h.attach(StockDao.class).ledger(sku, locationCode, serial, limit));
    }

    public StockUnit unit(String serial) {
        return findUnit(serial).orElseThrow(() -> new NotFound("Stock unit", serial));
    }

    public Optional<StockUnit> findUnit(String serial) {
        return db.read(h -> h.attach(StockDao.class).unit(serial));
    }

    /** Serialized units, filtered by SKU, location and status (any may be null). */
    public List<StockUnit> units(String sku, String locationCode, String status) {
        return db.read(h -> h.attach(StockDao.class).units(sku, locationCode, status));
    }

    // ---------------------------------------------------------------- internals

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
}
