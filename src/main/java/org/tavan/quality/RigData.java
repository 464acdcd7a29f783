package org.tavan.quality;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/**
 * The narrow port through which quality sees rigs and their readings. Today {@link LocalRigData}
 * serves it from quality's own stand-in tables; when the rigs/telemetry feature's registry and
 * readings tables are merged, a second implementation reads those instead (App picks one).
 */
public interface RigData {

    Optional<RigFacts> rig(Handle h, String rigId);

    /** The rig's readings with {@code from <= at <= to}, oldest first. */
    List<Reading> readings(Handle h, String rigId, Instant from, Instant to);
}
