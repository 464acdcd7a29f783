package org.tavan.inventory;

/** A component (counted in {@code uom}, reordered below {@code reorderLevel}) or a finished, serialized product. */
public record StockItem(long id, String sku, String name, String kind, String uom, long reorderLevel) {

    public static final String COMPONENT = "component";
    public static final String FINISHED = "finished";
}
