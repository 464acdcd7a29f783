package org.tavan.inventory;

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
 * The serialized units' side of {@link Stock}: each move is a ledger row plus a guarded change
 * of the unit's one place and status, in one transaction (the caller's, when another feature's
 * use case calls it: it joins that one).
 */
final class UnitMoves {

    /** Statuses in which a unit is physically on the shelf of its location. */
    static final Set<String> ON_HAND = Set.of(StockUnit.AVAILABLE, StockUnit.RESERVED, StockUnit.IN_REPAIR);

    private final Database db;
    private final AuditLog audit;
    private final Ledger ledger;

    UnitMoves(Database db, AuditLog audit, Ledger ledger) {
        this.db = db;
        this.audit = audit;
        this.ledger = ledger;
    }

    Movement receiveReleased(String serial, String sku, String locationCode, StockRef ref, Actor actor) {
        return db.inTransaction(h -> {
            StockDao dao = h.attach(StockDao.class);
            StockItem item = dao.item(sku).orElseThrow(() -> new NotFound("Stock item", sku));
            if (!item.kind().equals(StockItem.FINISHED)) {
                throw new InvalidInput("sku", sku + " is a component; only finished products are serialized");
            }
            Location at = Ledger.location(dao, locationCode);
            if (dao.unit(serial).isPresent()) {
                throw new Conflict("unit_already_in_stock", "Unit " + serial + " is already in stock");
            }
            Movement m = ledger.write(dao, item, at, 1, "release", serial, StockUnit.AVAILABLE, ref, Ledger.newGroup(),
                    actor, null);
            dao.insertUnit(serial, item.id(), at.id(), m.at());
            audit.record(h, actor, "stock.unit_released", "stock_unit", serial, null, m);
            return m;
        });
    }

    List<Movement> transfer(String serial, String toCode, StockRef ref, Actor actor) {
        return db.inTransaction(h -> {
            StockDao dao = h.attach(StockDao.class);
            StockDao.UnitRow unit = row(dao, serial);
            Location to = Ledger.location(dao, toCode);
            // In-repair units travel too: a returned unit goes back to a workshop to be refurbished.
            if (!ON_HAND.contains(unit.status())) {
                throw new Conflict("unit_not_movable", "Unit " + serial + " is " + unit.status() + " and cannot be transferred");
            }
            if (unit.locationId() == to.id()) {
                throw new Conflict("unit_already_there", "Unit " + serial + " is already at " + toCode);
            }
            Ledger.requireNotInTransit(dao, serial);
            StockItem item = dao.itemById(unit.itemId());
            Location from = dao.locationById(unit.locationId());
            String group = Ledger.newGroup();
            List<Movement> written = List.of(
                    ledger.write(dao, item, from, -1, "transfer", serial, unit.status(), ref, group, actor, "to " + toCode),
                    ledger.write(dao, item, to, 1, "transfer", serial, unit.status(), ref, group, actor, "from " + from.code()));
            move(dao, unit, to.id(), unit.status(), unit.reservedFor(), written.get(1));
            audit.record(h, actor, "stock.unit_transferred", "stock_unit", serial,
                    Map.of("location", from.code()), Map.of("location", toCode));
            return written;
        });
    }

    /** An issued unit comes back to a location (for refurbishment or re-issue). */
    Movement returned(String serial, String locationCode, StockRef ref, Actor actor) {
        return db.inTransaction(h -> {
            StockDao dao = h.attach(StockDao.class);
            StockDao.UnitRow unit = row(dao, serial);
            if (!unit.status().equals(StockUnit.ISSUED)) {
                throw new Conflict("unit_not_issued", "Unit " + serial + " is " + unit.status()
                        + "; only an issued unit can be returned");
            }
            Location at = Ledger.location(dao, locationCode);
            StockItem item = dao.itemById(unit.itemId());
            Movement m = ledger.write(dao, item, at, 1, "return", serial, StockUnit.IN_REPAIR, ref, Ledger.newGroup(),
                    actor, null);
            move(dao, unit, at.id(), StockUnit.IN_REPAIR, null, m);
            audit.record(h, actor, "stock.unit_returned", "stock_unit", serial, Map.of("status", unit.status()),
                    Map.of("status", StockUnit.IN_REPAIR, "location", locationCode));
            return m;
        });
    }

    /** Moves the unit from one of {@code from} to {@code to} where it is, refused with {@code refusal} otherwise. */
    Movement changeStatus(String serial, Set<String> from, String to, String reason, long quantity, StockRef ref,
                          Actor actor, String reservedFor, String refusal) {
        return db.inTransaction(h -> {
            StockDao dao = h.attach(StockDao.class);
            StockDao.UnitRow unit = row(dao, serial);
            if (quantity != 0 || to.equals(StockUnit.IN_REPAIR)) {
                Ledger.requireNotInTransit(dao, serial);
            }
            if (!from.contains(unit.status())) {
                throw new Conflict(refusal, "Unit " + serial + " is " + unit.status() + "; " + reason + " needs it "
                        + String.join(" or ", from.stream().sorted().toList()),
                        Map.of("serial", serial, "status", unit.status()));
            }
            StockItem item = dao.itemById(unit.itemId());
            Location at = dao.locationById(unit.locationId());
            Movement m = ledger.write(dao, item, at, quantity, reason, serial, to, ref, Ledger.newGroup(), actor, null);
            move(dao, unit, unit.locationId(), to, reservedFor, m);
            audit.record(h, actor, "stock.unit_" + reason, "stock_unit", serial, Map.of("status", unit.status()),
                    Map.of("status", to));
            return m;
        });
    }

    private static StockDao.UnitRow row(StockDao dao, String serial) {
        return dao.unitRow(serial).orElseThrow(() -> new NotFound("Stock unit", serial));
    }

    private static void move(StockDao dao, StockDao.UnitRow unit, long locationId, String status, String reservedFor,
                             Movement because) {
        if (dao.moveUnit(unit.serial(), unit.status(), unit.locationId(), locationId, status, reservedFor, because.at()) != 1) {
            throw new Conflict("unit_changed_concurrently", "Unit " + unit.serial() + " was changed by someone else; try again");
        }
    }
}
