package org.tavan.quality;

import java.time.Instant;

/** What a test session needs to know about a rig: its kind (firmware profile) and calibration. */
public record RigFacts(String rigId, String kind, Instant calibrationDue, String certificate) {
}
