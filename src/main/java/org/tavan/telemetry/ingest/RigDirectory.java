package org.tavan.telemetry.ingest;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.tavan.rigs.Rigs;

/**
 * Which rigs are registered and active, with their profile, as ingest asks for every frame.
 * Answers are cached for a few seconds so a frame costs no database read; a newly registered
 * or retired rig is noticed within {@link #TTL_NANOS}.
 */
public final class RigDirectory {

    private static final long TTL_NANOS = 5_000_000_000L;

    private record Entry(Optional<String> profileId, long loadedAt) {
    }

    private final Rigs rigs;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    public RigDirectory(Rigs rigs) {
        this.rigs = rigs;
    }

    /** The profile id of an active registered rig. Throws if the database cannot be read. */
    public Optional<String> profileOf(String rigId) {
        long now = System.nanoTime();
        Entry e = cache.get(rigId);
        if (e == null || now - e.loadedAt() > TTL_NANOS) {
            e = new Entry(rigs.activeProfileOf(rigId), now);
            cache.put(rigId, e);
        }
        return e.profileId();
    }
}
