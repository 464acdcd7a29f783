package org.tavan.rigs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serial rigs attached to this instance and whether their port is open right now. A serial
 * rig is online exactly while its port is open; MQTT rigs are judged by their last frame.
 */
public final class RigLinks {

    private final ConcurrentHashMap<String, Boolean> open = new ConcurrentHashMap<>();

    public void opened(RigId rig) {
        open.put(rig.value(), true);
    }

    public void closed(RigId rig) {
        open.put(rig.value(), false);
    }

    /** Empty when the rig has no serial link on this instance. */
    java.util.Optional<Boolean> isOpen(String rigId) {
        return java.util.Optional.ofNullable(open.get(rigId));
    }

    Set<String> attached() {
        return Set.copyOf(open.keySet());
    }
}
