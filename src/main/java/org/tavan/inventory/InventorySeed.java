package org.tavan.inventory;

import org.tavan.audit.Actor;
import org.tavan.demo.DemoData;
import org.tavan.storage.Database;

/** Demo locations (a Tehran workshop down to centres in two provinces) and opening component balances. */
public final class InventorySeed implements DemoData.Seed {

    public static final String WORKSHOP = "WS-TEH";

    private final Stock stock;
    private final Database db;

    public InventorySeed(Stock stock, Database db) {
        this.stock = stock;
        this.db = db;
    }

    @Override
    public String name() {
        return "stock locations and opening component balances";
    }

    @Override
    public void plant(Actor actor) {
        db.useTransaction(h -> {
            stock.createLocation(h, new Stock.NewLocation(WORKSHOP, "کارگاه مرکزی تهران", Location.WORKSHOP, null, null), actor);
            stock.createLocation(h, new Stock.NewLocation("NW-KRJ", "انبار ملی کرج", Location.NATIONAL_WAREHOUSE, WORKSHOP, null), actor);
            stock.createLocation(h, new Stock.NewLocation("PW-ISF", "انبار استانی اصفهان", Location.PROVINCIAL_WAREHOUSE, "NW-KRJ", "IR-10"), actor);
            stock.createLocation(h, new Stock.NewLocation("PW-MHD", "انبار استانی خراسان رضوی", Location.PROVINCIAL_WAREHOUSE, "NW-KRJ", "IR-09"), actor);
            stock.createLocation(h, new Stock.NewLocation("C-ISF-NJF", "مرکز توانبخشی نجف‌آباد", Location.CENTRE, "PW-ISF", "IR-10"), actor);
            stock.createLocation(h, new Stock.NewLocation("C-MHD-TRB", "مرکز توانبخشی تربت حیدریه", Location.CENTRE, "PW-MHD", "IR-09"), actor);
            for (StockItem item : stock.items()) {
                if (item.kind().equals(StockItem.COMPONENT)) {
                    stock.receive(h, item.sku(), WORKSHOP, Math.max(100, item.reorderLevel() * 4), StockRef.none(), actor,
                            "opening balance");
                }
            }
        });
    }
}
