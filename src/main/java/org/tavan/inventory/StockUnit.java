package org.tavan.inventory;

import java.time.Instant;

/** One serialized unit in stock: exactly one location and one status at a time. */
public record StockUnit(String serial, String sku, String locationCode, String status, String reservedFor,
                        Instant updatedAt) {

    public static final String AVAILABLE = "available";
    public static final String RESERVED = "reserved";
    public static final String IN_REPAIR = "in_repair";
    public static final String ISSUED = "issued";
    public static final String SCRAPPED = "scrapped";
}
