package org.tavan.inventory;

import org.tavan.audit.Actor;
import org.tavan.demo.DemoData;
import org.tavan.storage.Database;

/** Demo locations (a Tehran workshop down to centres in two provinces) and opening component balances. */
public final class InventorySeed implements DemoData.Seed {

    public static final String WORKSHOP = "WS-TEH";

    private final Stock stock;
    private final Database db;

    public static final String NATIONAL_WAREHOUSE = "NW-KRJ";

    /** Province code, province name, centre code, centre name: the demo beneficiaries' centres. */
    static final String[][] CENTRES = {
            {"08", "تهران", "C-08-REY", "مرکز توانبخشی ری"},
            {"04", "اصفهان", "C-04-KSN", "مرکز بهزیستی کاشان"},
            {"04", "اصفهان", "C-04-NJF", "مرکز توانبخشی نجف‌آباد"},
            {"16", "سیستان و بلوچستان", "C-16-ZHD", "مرکز بهزیستی زاهدان"},
            {"11", "خراسان رضوی", "C-11-NSH", "مرکز بهزیستی نیشابور"},
            {"11", "خراسان رضوی", "C-11-TRB", "مرکز توانبخشی تربت حیدریه"},
            {"13", "خوزستان", "C-13-AHZ", "مرکز ارتوپدی فنی اهواز"},
            {"20", "کردستان", "C-20-SDJ", "مرکز بهزیستی سنندج"},
            {"22", "کرمانشاه", "C-22-KSH", "مرکز بهزیستی کرمانشاه"},
            {"17", "فارس", "C-17-SHZ", "مرکز بهزیستی شیراز"}};

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
            stock.createLocation(new Stock.NewLocation(WORKSHOP, "کارگاه مرکزی تهران", Location.WORKSHOP, null, null), actor);
            stock.createLocation(new Stock.NewLocation(NATIONAL_WAREHOUSE, "انبار ملی کرج", Location.NATIONAL_WAREHOUSE,
                    WORKSHOP, null), actor);
            // One provincial warehouse and its centres for each province the demo's beneficiaries live in.
            for (String[] c : CENTRES) {
                String warehouse = "PW-" + c[0];
                if (stock.findLocation(warehouse).isEmpty()) {
                    stock.createLocation(new Stock.NewLocation(warehouse, "انبار استانی " + c[1],
                            Location.PROVINCIAL_WAREHOUSE, NATIONAL_WAREHOUSE, c[0]), actor);
                }
                stock.createLocation(new Stock.NewLocation(c[2], c[3], Location.CENTRE, warehouse, c[0]), actor);
            }
            for (StockItem item : stock.items()) {
                if (item.kind().equals(StockItem.COMPONENT)) {
                    stock.receive(item.sku(), WORKSHOP, Math.max(100, item.reorderLevel() * 4), StockRef.none(), actor,
                            "opening balance");
                }
            }
        });
    }
}
