package org.tavan.telemetry.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tavan.rigs.RigKind;

/** The profiles ingest knows, by id and by MQTT topic. */
public final class IngestProfiles {

    /** Serial frames bridged by {@code tavan gateway} arrive on {@code tavan/gateway/<rig-id>}. */
    public static final String GATEWAY_PREFIX = "tavan/gateway/";
    public static final String GATEWAY_FILTER = GATEWAY_PREFIX + "+";

    private final Map<String, IngestProfile> byId = new LinkedHashMap<>();

    public IngestProfiles(List<IngestProfile> profiles) {
        profiles.forEach(p -> byId.put(p.id(), p));
    }

    public List<IngestProfile> all() {
        return List.copyOf(byId.values());
    }

    public Optional<IngestProfile> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<RigKind> kind(String id) {
        return byId(id).map(IngestProfile::kind);
    }

    /** Filters to subscribe to: every MQTT profile's, plus the gateway's frames and its reports on them. */
    public List<String> subscriptionFilters() {
        List<String> filters = new java.util.ArrayList<>(byId.values().stream()
                .flatMap(p -> p.topicFilter().stream()).distinct().toList());
        filters.add(GATEWAY_FILTER);
        filters.add(GatewayReports.REJECTED_FILTER);
        filters.add(GatewayReports.STATUS_FILTER);
        return filters;
    }

    /** The MQTT profile whose topic pattern names a rig in this topic, with that rig id. */
    public Optional<Match> forTopic(String topic) {
        for (IngestProfile p : byId.values()) {
            Optional<String> rig = p.rigIdOfTopic().apply(topic);
            if (rig.isPresent()) {
                return Optional.of(new Match(p, rig.get()));
            }
        }
        return Optional.empty();
    }

    public record Match(IngestProfile profile, String rigId) {
    }

    /** The rig id of a gateway topic, empty for any other topic. */
    public static Optional<String> gatewayRig(String topic) {
        if (!topic.startsWith(GATEWAY_PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(GATEWAY_PREFIX.length());
        return rest.isEmpty() || rest.contains("/") ? Optional.empty() : Optional.of(rest);
    }
}
