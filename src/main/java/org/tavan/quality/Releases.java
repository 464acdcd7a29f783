package org.tavan.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.catalog.Catalog;
import org.tavan.catalog.RoutingStep;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.inventory.Location;
import org.tavan.inventory.StockUnit;
import org.tavan.inventory.Movement;
import org.tavan.inventory.Stock;
import org.tavan.inventory.StockRef;
import org.tavan.production.Production;
import org.tavan.production.UnitView;
import org.tavan.production.WorkOrder;
import org.tavan.storage.Database;

/**
 * Releases a finished unit to stock: only when the latest verdict of every test station on its
 * routing passed (pass or marginal). The unit's state and its {@code release} ledger row change
 * in one transaction.
 */
public final class Releases {

    private final Database db;
    private final Production production;
    private final Catalog catalog;
    private final Stock stock;
    private final AuditLog audit;

    public Releases(Database db, Production production, Catalog catalog, Stock stock, AuditLog audit) {
        this.db = db;
        this.production = production;
        this.catalog = catalog;
        this.stock = stock;
        this.audit = audit;
    }

    public record Released(String serial, String sku, String location, Movement movement) {
    }

    public Released release(String serialText, Actor actor) {
        return db.inTransaction(h -> {
            UnitView unit = production.unit(serialText);
            String serial = unit.serial();
            List<String> missing = new ArrayList<>();
            for (RoutingStep step : catalog.routing(unit.modelCode())) {
                if (!step.test()) {
                    continue;
                }
                String latest = h.attach(QualityDao.class).latestOutcome(serial, step.seq()).orElse(null);
                if (latest == null || latest.equals("fail")) {
                    missing.add(step.station() + " (" + step.testPlanCode() + "): " + (latest == null ? "no verdict" : "failed"));
                }
            }
            if (!missing.isEmpty()) {
                throw new Conflict("release_without_pass", "Unit " + serial + " has no passing verdict for " + missing,
                        Map.of("missing", missing));
            }
            production.markReleased(serial, actor);
            WorkOrder order = production.workOrder(unit.workOrderId());
            String sku = catalog.variant(unit.variantCode()).sku();
            StockRef ref = StockRef.of("work_order", unit.workOrderId());
            // A refurbished unit is already on the ledger (in repair, where it was reworked): it
            // becomes available there; a new one enters stock at its work order's workshop.
            Movement m = stock.findUnit(serial).isPresent() ? stock.repaired(serial, ref, actor)
                    : stock.receiveReleasedUnit(serial, sku, order.workshopCode(), ref, actor);
            audit.record(h, actor, "unit.released", "unit", serial, Map.of("state", unit.state()),
                    Map.of("state", "released", "location", m.locationCode(), "movement", m.id()));
            return new Released(serial, sku, m.locationCode(), m);
        });
    }

    public record Refurbishment(String reason) {
    }

    /**
     * A unit back from its user (in repair on the ledger) is brought to a workshop and reopened
     * on the floor: rework, then every test station again, then release as usual.
     */
    public UnitView refurbish(String serialText, Refurbishment request, Actor actor) {
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > 500) {
            throw new InvalidInput("reason", "Say what is to be repaired (1-500 characters)");
        }
        return db.inTransaction(h -> {
            StockUnit inStock = stock.findUnit(serialText).orElseThrow(() -> new Conflict("unit_not_in_stock",
                    "Unit " + serialText + " is not on the stock ledger"));
            if (!inStock.status().equals(StockUnit.IN_REPAIR)) {
                throw new Conflict("unit_not_in_repair", "Unit " + serialText + " is " + inStock.status()
                        + "; only a returned unit (in repair) is refurbished", Map.of("status", inStock.status()));
            }
            if (!stock.location(inStock.locationCode()).kind().equals(Location.WORKSHOP)) {
                throw new Conflict("not_at_a_workshop", "Unit " + serialText + " is at " + inStock.locationCode()
                        + "; transfer it to a workshop first", Map.of("location", inStock.locationCode()));
            }
            UnitView unit;
            try {
                unit = production.unit(serialText);
            } catch (NotFound | InvalidInput e) {
                throw new Conflict("no_production_record", "Unit " + serialText + " was not made through Tavan's "
                        + "production, so there is no routing to test it on again");
            }
            production.reopenForRefurbishment(unit.serial(), reason, actor);
            return production.unit(unit.serial());
        });
    }
}
