package org.tavan.simulators;

import java.util.Locale;

/** What a simulated run does, besides sending realistic readings at the rig's rate. */
public enum Scenario {
    /** Values near nominal: a run that passes its limits. */
    PASS,
    /** From half-way, values at the simulation file's fail level, and a fault at the end. */
    FAIL,
    /** Values drift away from nominal a little more with every frame. */
    DRIFT,
    /** The rig goes away about six times during the run and comes back (MQTT: disconnect and reconnect; serial: silence). */
    DROPOUT,
    /** Every seventh frame is followed by a corrupt one: a broken checksum, a truncated frame or garbage bytes. */
    CORRUPT,
    /** Every fifth frame is sent twice, with the same sequence number and bytes (a rig-side repeat). */
    DUPLICATE,
    /** Pass values at full speed, ignoring the rig's rate. */
    BURST;

    public static Scenario parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; use one of pass, fail, drift, dropout, "
                    + "corrupt, duplicate, burst");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
