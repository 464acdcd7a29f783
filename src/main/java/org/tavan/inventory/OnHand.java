package org.tavan.inventory;

/** A derived quantity: the sum of the ledger for one item at one location. */
public record OnHand(String sku, String name, String kind, String locationCode, long quantity, long reorderLevel,
                     boolean belowReorderLevel) {
}
