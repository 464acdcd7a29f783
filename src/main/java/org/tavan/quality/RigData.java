package org.tavan.quality;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/**
 * The narrow port through which quality sees rigs and their readings: {@link RegisteredRigData}
 * reads the rig registry and the ingested readings, {@link LocalRigData} quality's own stand-in
 * tables, and {@link RigSources} asks the registry first.
 */
public interface RigData {

    Optional<RigFacts> rig(Handle h, String rigId);

    /** The rig's readings with {@code from <= at <= to}, oldest first. */
    List<Reading> readings(Handle h, String rigId, Instant from, Instant to);

    /** Keeps the readings a verdict cites from being deleted by retention (where there is retention). */
    default void hold(Handle h, String rigId, List<Long> readingIds, String heldBy, Instant now) {
    }
}
