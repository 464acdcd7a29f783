package org.tavan.quality;

import java.util.ArrayList;
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
            UnitView unit = production.unit(h, serialText);
            String serial = unit.serial();
            List<String> missing = new ArrayList<>();
            for (RoutingStep step : catalog.routing(h, unit.modelCode())) {
                if (!step.test()) {
                    continue;
                }
                String latest = latestOutcome(h, serial, step.seq());
                if (latest == null || latest.equals("fail")) {
                    missing.add(step.station() + " (" + step.testPlanCode() + "): " + (latest == null ? "no verdict" : "failed"));
                }
            }
            if (!missing.isEmpty()) {
                throw new Conflict("release_without_pass", "Unit " + serial + " has no passing verdict for " + missing,
                        Map.of("missing", missing));
            }
            production.markReleased(h, serial, actor);
            WorkOrder order = production.workOrder(unit.workOrderId());
            String sku = catalog.variant(h, unit.variantCode()).sku();
            Movement m = stock.receiveReleasedUnit(h, serial, sku, order.workshopCode(),
                    StockRef.of("work_order", unit.workOrderId()), actor);
            audit.record(h, actor, "unit.released", "unit", serial, Map.of("state", unit.state()),
                    Map.of("state", "released", "location", order.workshopCode(), "movement", m.id()));
            return new Released(serial, sku, order.workshopCode(), m);
        });
    }

    private static String latestOutcome(Handle h, String serial, int seq) {
        return h.createQuery("SELECT outcome FROM verdicts WHERE serial = :s AND step_seq = :seq ORDER BY id DESC")
                .bind("s", serial).bind("seq", seq).mapTo(String.class).findFirst().orElse(null);
    }
}
