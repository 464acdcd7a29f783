package org.tavan.telemetry.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Frames arrive as MQTT messages on topics matching {@code topicPattern}: topic levels that are
 * literal, {@code +} (any one level) or exactly one {@code {rig}} (one level, the rig id).
 * Example: {@code workshop/+/drum/{rig}/data}.
 */
public record MqttTransport(String topicPattern, int maxFrameBytes) implements Transport {

    public static final String RIG = "{rig}";
    public static final int DEFAULT_MAX_FRAME_BYTES = 65_536;

    public MqttTransport {
        List<String> problems = problemsOf(topicPattern);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive");
        }
    }

    public MqttTransport(String topicPattern) {
        this(topicPattern, DEFAULT_MAX_FRAME_BYTES);
    }

    /** The MQTT subscription filter: the pattern with {@code {rig}} replaced by {@code +}. */
    public String subscriptionFilter() {
        return String.join("/", levels().stream().map(l -> l.equals(RIG) ? "+" : l).toList());
    }

    /** The rig id in a topic that matches the pattern, or empty when it does not match. */
    public Optional<String> rigIdOf(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        List<String> pattern = levels();
        String[] actual = topic.split("/", -1);
        if (actual.length != pattern.size()) {
            return Optional.empty();
        }
        String rig = null;
        for (int i = 0; i < actual.length; i++) {
            String p = pattern.get(i);
            if (p.equals(RIG)) {
                rig = actual[i];
            } else if (!p.equals("+") && !p.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return rig == null || rig.isEmpty() ? Optional.empty() : Optional.of(rig);
    }

    /** The topic a rig with this id publishes on; {@code +} levels are filled with {@code fill}. */
    public String topicFor(String rigId, String fill) {
        return String.join("/", levels().stream().map(l -> l.equals(RIG) ? rigId : l.equals("+") ? fill : l).toList());
    }

    private List<String> levels() {
        return List.of(topicPattern.split("/", -1));
    }

    static List<String> problemsOf(String pattern) {
        List<String> problems = new ArrayList<>();
        if (pattern == null || pattern.isBlank()) {
            problems.add("must not be empty");
            return problems;
        }
        int rigs = 0;
        for (String level : pattern.split("/", -1)) {
            if (level.equals(RIG)) {
                rigs++;
            } else if (level.contains("#")) {
                problems.add("'#' is not allowed: the rig id must sit at a fixed level");
            } else if (level.contains("+") && !level.equals("+")) {
                problems.add("'+' must fill a whole level, found '" + level + "'");
            } else if (level.contains("{") || level.contains("}")) {
                problems.add("unknown placeholder '" + level + "' (only {rig} exists)");
            } else if (level.isEmpty()) {
                problems.add("empty topic level");
            }
        }
        if (rigs != 1) {
            problems.add("must contain {rig} exactly once as a whole level, found " + rigs);
        }
        return problems;
    }
}
