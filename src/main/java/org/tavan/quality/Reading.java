package org.tavan.quality;

import java.time.Instant;

/** One measured value as quality sees it, whichever rig or person produced it; {@code id} is its stored row. */
public record Reading(long id, Instant at, String name, double value, String unit) {
}
