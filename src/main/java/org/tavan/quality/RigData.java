package org.tavan.quality;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/**
 * The narrow port through which quality sees rigs and their readings, so quality depends on no
 * part of the rigs or ingest features' code: {@link RegisteredRigData} reads the rig registry
 * (a rig's kind is its firmware profile id, the same id a plan's {@code rigKinds} names) and
 * the readings ingest stored.
 */
public interface RigData {

    Optional<RigFacts> rig(Handle h, String rigId);

    /** The rig's readings with {@code from <= at <= to}, oldest first. */
    List<Reading> readings(Handle h, String rigId, Instant from, Instant to);

    /** Keeps the readings a verdict cites from being deleted by retention (where there is retention). */
    default void hold(Handle h, String rigId, List<Long> readingIds, String heldBy, Instant now) {
    }
}
