package org.tavan.inventory;

/** What caused a movement, e.g. ("work_order", "12") or ("allocation", "381"); kept on the ledger row. */
public record StockRef(String type, String id) {

    public static StockRef of(String type, Object id) {
        return new StockRef(type, String.valueOf(id));
    }

    public static StockRef none() {
        return new StockRef(null, null);
    }
}
