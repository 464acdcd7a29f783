package org.tavan.catalog;

import java.util.Map;

/** A size variant with the specifications allocation matches on; {@code sku} is its finished stock item. */
public record Variant(long id, String modelCode, String code, String name, Map<String, Object> specs, String sku) {

    public Variant {
        specs = Map.copyOf(specs);
    }
}
