package org.tavan.allocation;

import org.tavan.audit.Actor;
import org.tavan.auth.Scope;
import org.tavan.catalog.Catalog;
import org.tavan.demo.DemoData;
import org.tavan.inventory.Stock;
import org.tavan.inventory.StockRef;
import org.tavan.storage.Database;

/**
 * Finished units in stock from earlier (pre-Tavan) production, so officers see proposals on
 * the first start: enough to fit most of the demo's waiting people, one hearing aid for two
 * people who both fit it (priority decides), and a crutch and a cushion nobody waits for.
 */
public final class AllocationDemo implements DemoData.Seed {

    /** Variant, serial suffix, location. */
    private static final String[][] UNITS = {
            {"WCM-44", "01", "NW-KRJ"}, {"WCM-44", "02", "PW-04"}, {"WCM-36", "01", "NW-KRJ"},
            {"WCM-40", "01", "PW-17"}, {"WLK-M", "01", "NW-KRJ"}, {"BKP-P4", "01", "PW-13"},
            {"BTE-P", "01", "NW-KRJ"}, {"CRA-M", "01", "NW-KRJ"}, {"CSH-40", "01", "NW-KRJ"}};

    private final Stock stock;
    private final Catalog catalog;
    private final Database db;
    private final Allocations allocations;
    private final String workshop;

    public AllocationDemo(Stock stock, Catalog catalog, Database db, Allocations allocations, String workshop) {
        this.stock = stock;
        this.catalog = catalog;
        this.db = db;
        this.allocations = allocations;
        this.workshop = workshop;
    }

    @Override
    public String name() {
        return UNITS.length + " finished units in stock (serials TVN-DEMO-…) and one allocation run with proposals";
    }

    @Override
    public void plant(Actor actor) {
        db.useTransaction(h -> {
            for (String[] u : UNITS) {
                String sku = catalog.variant(u[0]).sku();
                String serial = "TVN-DEMO-" + u[0] + "-" + u[1];
                stock.receiveReleasedUnit(serial, sku, workshop, StockRef.of("demo", "opening stock"), actor);
                if (!u[2].equals(workshop)) {
                    stock.transferUnit(serial, u[2], StockRef.of("demo", "opening stock"), actor);
                }
            }
        });
        allocations.run(Scope.NATIONAL, actor);
    }
}
