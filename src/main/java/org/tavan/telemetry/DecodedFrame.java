package org.tavan.telemetry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one canonical result of decoding one frame of any rig, whatever its transport or
 * format: protocol code ends where it has produced this. {@code deviceTime} is empty when
 * the profile has no time field (the receive time is used then).
 */
public record DecodedFrame(OptionalLong sequence, Optional<Instant> deviceTime, List<Measurement> measurements,
                           List<RigEvent> events) {

    public DecodedFrame {
        measurements = List.copyOf(measurements);
        events = List.copyOf(events);
    }
}
