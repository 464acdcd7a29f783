package org.tavan.allocation;

import java.util.Map;

/**
 * A released unit in stock that nobody has yet: its variant's specifications decide whom it
 * fits. {@code province} is where the unit lies now (shown to officers; shares do not use it).
 */
public record AvailableUnit(String serial, String variantId, String deviceClass, Map<String, String> specs,
                            String province) {
    public AvailableUnit {
        specs = Map.copyOf(specs);
    }
}
