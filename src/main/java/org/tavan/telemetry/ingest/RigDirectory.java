package org.tavan.telemetry.ingest;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.tavan.rigs.Rigs;

/**
 * Which rigs are registered and active, with their profile, as ingest asks for every frame;
 * and the one thing ingest tells the registry outside a frame batch, a gateway's heartbeat.
 * A known rig is cached for a few seconds so a frame costs no database read (a retired rig or
 * a changed kind is noticed within {@link #TTL_NANOS}). "Not registered" is never cached: the
 * first frame of a rig registered a moment ago must not be rejected.
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
            if (e.profileId().isPresent()) {
                cache.put(rigId, e);
            } else {
                cache.remove(rigId);
            }
        }
        return e.profileId();
    }

    /** Records a gateway heartbeat for an active rig; false if the rig is not one. */
    public boolean gatewaySeen(String rigId, GatewayReports.Status status, java.time.Instant at) {
        if (profileOf(rigId).isEmpty()) {
            return false;
        }
        return rigs.recordGateway(rigId, at, at.plus(status.trustedFor()), status.portOpen(), status.framesRead());
    }
}
