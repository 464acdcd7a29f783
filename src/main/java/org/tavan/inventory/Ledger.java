package org.tavan.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.tavan.audit.Actor;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;

/**
 * Writing the append-only ledger and the checks every kind of movement shares, for
 * {@link Stock}, {@link UnitMoves} and {@link Shipments} inside their own transactions.
 */
final class Ledger {

    private final Clock clock;

    Ledger(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    Movement write(StockDao dao, StockItem item, Location at, long quantity, String reason, String serial,
                   String statusAfter, StockRef ref, String group, Actor actor, String note) {
        Instant now = clock.instant();
        long id = dao.insertMovement(now, item.id(), at.id(), quantity, reason, serial, statusAfter, ref.type(), ref.id(),
                group, actor.name(), note);
        return new Movement(id, now, item.sku(), at.code(), quantity, reason, serial, statusAfter, ref.type(), ref.id(),
                group, actor.name(), note);
    }

    /** The rows of one operation (both legs of a transfer) share a group. */
    static String newGroup() {
        return UUID.randomUUID().toString();
    }

    static Location location(StockDao dao, String code) {
        return dao.location(code).orElseThrow(() -> new NotFound("Location", code));
    }

    static StockItem component(StockDao dao, String sku) {
        StockItem item = dao.item(sku).orElseThrow(() -> new InvalidInput("sku", "No stock item '" + sku + "'"));
        if (!item.kind().equals(StockItem.COMPONENT)) {
            throw new InvalidInput("sku", sku + " is a finished product; move its units by serial number");
        }
        return item;
    }

    /** A unit on a dispatched, not yet received shipment is in a truck: nothing else may move it. */
    static void requireNotInTransit(StockDao dao, String serial) {
        dao.shipmentInTransit(serial).ifPresent(id -> {
            throw new Conflict("unit_in_transit", "Unit " + serial + " is on shipment " + id
                    + ", which has not been received yet", Map.of("serial", serial, "shipment", id));
        });
    }

    /** Refuses with {@code stock_short} unless {@code quantity} is on hand and not committed to a shipment. */
    static void requireFree(StockDao dao, StockItem item, Location at, long quantity) {
        long onHand = dao.onHand(item.id(), at.id());
        long committed = dao.committed(item.id(), at.id());
        if (onHand - committed < quantity) {
            throw new Conflict("stock_short", "Only " + (onHand - committed) + " " + item.uom() + " of " + item.sku()
                    + " free at " + at.code() + (committed > 0 ? " (" + committed + " committed to shipments)" : ""),
                    Map.of("sku", item.sku(), "needed", quantity, "onHand", onHand, "committed", committed,
                            "location", at.code()));
        }
    }

    static void requirePositive(Long quantity) {
        if (quantity == null || quantity <= 0) {
            throw new InvalidInput("quantity", "Quantity must be a positive whole number");
        }
    }
}
