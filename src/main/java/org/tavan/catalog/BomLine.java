package org.tavan.catalog;

/** How many of one component (in its unit of measure) one finished unit takes. */
public record BomLine(String sku, long quantity) {
}
