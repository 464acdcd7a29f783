package org.tavan.quality;

import java.time.Instant;

/**
 * What a test session needs to know about a rig: its kind, which is its firmware profile id
 * (e.g. {@code tilt-table-json}, compared with a plan's {@code rigKinds}), and its calibration.
 */
public record RigFacts(String rigId, String kind, Instant calibrationDue, String certificate) {
}
