package org.tavan.config;

/** A setting that cannot be used; the message names the key and what it accepts. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
