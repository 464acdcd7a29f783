package org.tavan.telemetry.profile;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a rig means to say in one frame, before encoding: the input of a {@link FrameEncoder}.
 * {@code values} are keyed by measurement name after scale and offset (for array fields the
 * expanded names such as {@code p_r03_c12}); summaries such as a peak are computed by the
 * decoder and are ignored here. {@code eventCodes.get(k)} is the raw code written into the
 * k-th event field of the profile (empty string or missing: no event). {@code bootTime} is
 * needed only by profiles whose device time is an uptime.
 */
public record FrameContent(OptionalLong sequence, Optional<Instant> deviceTime, Optional<Instant> bootTime,
                           Map<String, Double> values, List<String> eventCodes) {

    public FrameContent {
        values = Map.copyOf(values);
        eventCodes = List.copyOf(eventCodes);
    }
}
