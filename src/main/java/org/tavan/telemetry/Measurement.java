package org.tavan.telemetry;

/** One named value with its unit, after the profile's scale and offset were applied. */
public record Measurement(String name, double value, String unit) {
}
