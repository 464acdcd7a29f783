package org.tavan.config;

import java.util.Locale;

/**
 * One configuration key as it appears in the config file ({@code http.port}) and in the
 * environment ({@code TAVAN_HTTP_PORT}), with its default and the values it accepts.
 */
public record Setting(String key, String defaultValue, String accepts, String description) {

    public String envName() {
        return "TAVAN_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
