package org.tavan.rigs;

/**
 * What the registry needs to know about a firmware profile: that it exists and how its rigs
 * talk. The telemetry side derives it from the loaded profiles.
 */
public record RigKind(String profileId, Transport transport) {

    public enum Transport { MQTT, SERIAL }
}
