package org.tavan.telemetry;

/**
 * Something the rig reported about itself rather than a measurement: {@code started},
 * {@code paused}, {@code resumed}, {@code finished}, or {@code fault} with the rig's own code.
 */
public record RigEvent(String kind, String code, String description) {
}
