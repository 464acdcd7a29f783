package org.tavan.quality;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/**
 * The rig registry first, quality's stand-in rigs second: a rig registered with the rigs
 * feature is always judged by its registry entry and its ingested readings.
 */
public final class RigSources implements RigData {

    private final RegisteredRigData registered;
    private final LocalRigData local;

    public RigSources(RegisteredRigData registered, LocalRigData local) {
        this.registered = registered;
        this.local = local;
    }

    @Override
    public Optional<RigFacts> rig(Handle h, String rigId) {
        Optional<RigFacts> rig = registered.rig(h, rigId);
        return rig.isPresent() ? rig : local.rig(h, rigId);
    }

    @Override
    public List<Reading> readings(Handle h, String rigId, Instant from, Instant to) {
        return registered.rig(h, rigId).isPresent() ? registered.readings(h, rigId, from, to)
                : local.readings(h, rigId, from, to);
    }

    @Override
    public void hold(Handle h, String rigId, List<Long> readingIds, String heldBy, Instant now) {
        if (registered.rig(h, rigId).isPresent()) {
            registered.hold(h, rigId, readingIds, heldBy, now);
        }
    }
}
