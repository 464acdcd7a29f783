package org.tavan.simulators;

import java.util.Optional;

import org.tavan.telemetry.profile.FrameContent;

/**
 * One frame a simulated rig sends, as bytes on the wire (no line terminator), with what it was
 * meant to say. {@code reconnectBefore} asks the publisher to drop the connection and come back
 * before sending it (the dropout scenario).
 */
public record SimulatedFrame(byte[] bytes, Kind kind, Optional<FrameContent> intended, boolean reconnectBefore) {

    public enum Kind {
        /** A new reading: must be stored exactly once. */
        READING,
        /** The previous reading sent again, byte for byte. */
        DUPLICATE,
        /** Bytes that must be rejected (bad checksum, truncated, garbage). */
        CORRUPT,
        /** A line besides the reading: a status sentence or a boot banner (an event, no measurements). */
        STATUS
    }
}
