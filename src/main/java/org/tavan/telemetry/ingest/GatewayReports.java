package org.tavan.telemetry.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.TooLongLine;

/**
 * What {@code tavan gateway} says about a rig besides its frames, under {@code tavan/gateway/<rig-id>/}:
 * <ul>
 *   <li>{@code rejected} (QoS 1, from the journal): a line it dropped, {@code too_long <bytes> <limit> <report id>},
 *       the report id being the journal's id and the entry's index, so a resent report counts once;</li>
 *   <li>{@code status} (QoS 0, every few seconds): {@code {"port":"open","framesRead":12,"everySeconds":10}}.</li>
 * </ul>
 * The server reads them here; the gateway writes them (GatewaySender, GatewayHeartbeat), and the
 * gateway tests run both ends.
 */
public final class GatewayReports {

    /** Reason of a rejection report the server cannot read (a gateway of another version, a stray publisher). */
    public static final String MALFORMED = "malformed_report";
    public static final String REJECTED_FILTER = IngestProfiles.GATEWAY_PREFIX + "+/rejected";
    public static final String STATUS_FILTER = IngestProfiles.GATEWAY_PREFIX + "+/status";

    // The report id (journal id and entry index) is absent from gateways before it was added.
    private static final Pattern TOO_LONG = Pattern.compile("too_long ([0-9]{1,9}) ([0-9]{1,9})( [0-9a-f]{1,32}:[0-9]{1,19})?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayReports() {
    }

    public enum Kind { REJECTED, STATUS }

    /** A report topic: which rig it is about and what it says. */
    public record Topic(String rigId, Kind kind) {
    }

    public static String rejectedTopic(String rigId) {
        return IngestProfiles.GATEWAY_PREFIX + rigId + "/rejected";
    }

    public static String statusTopic(String rigId) {
        return IngestProfiles.GATEWAY_PREFIX + rigId + "/status";
    }

    /** Empty for a frame topic and for any topic that is not a gateway report. */
    public static Optional<Topic> ofTopic(String topic) {
        if (!topic.startsWith(IngestProfiles.GATEWAY_PREFIX)) {
            return Optional.empty();
        }
        String[] parts = topic.substring(IngestProfiles.GATEWAY_PREFIX.length()).split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty()) {
            return Optional.empty();
        }
        return switch (parts[1]) {
            case "rejected" -> Optional.of(new Topic(parts[0], Kind.REJECTED));
            case "status" -> Optional.of(new Topic(parts[0], Kind.STATUS));
            default -> Optional.empty();
        };
    }

    /** A rejection report: the line, and the id that makes a resent report recognisable (null from old gateways). */
    public record Rejection(TooLongLine line, String reportId) {
    }

    public static Rejection parseRejection(byte[] payload) throws FrameRejected {
        String text = new String(payload, StandardCharsets.US_ASCII);
        Matcher m = TOO_LONG.matcher(text);
        if (!m.matches()) {
            String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
            throw new FrameRejected(MALFORMED, "Gateway rejection report not understood: '" + shown + "'");
        }
        return new Rejection(new TooLongLine(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
                m.group(3) == null ? null : m.group(3).strip());
    }

    /**
     * The gateway's heartbeat: whether the rig's port is open, how many frames it has read since
     * it started, and how often it reports (the server takes it for gone after three missed reports).
     */
    public record Status(boolean portOpen, long framesRead, Duration every) {

        public byte[] payload() {
            return ("{\"port\":\"" + (portOpen ? "open" : "closed") + "\",\"framesRead\":" + framesRead
                    + ",\"everySeconds\":" + every.toSeconds() + "}").getBytes(StandardCharsets.US_ASCII);
        }

        /** How long after this report the gateway still counts as up. */
        public Duration trustedFor() {
            return every.multipliedBy(3);
        }

        public static Status parse(byte[] payload) {
            JsonNode json;
            try {
                json = JSON.readTree(payload);
            } catch (IOException e) {
                throw new IllegalArgumentException("gateway status is not JSON: " + e.getMessage(), e);
            }
            if (json == null || !json.path("port").isTextual() || !json.path("framesRead").canConvertToLong()
                    || !json.path("everySeconds").canConvertToInt()) {
                throw new IllegalArgumentException("gateway status needs port, framesRead and everySeconds");
            }
            String port = json.get("port").asText();
            if (!port.equals("open") && !port.equals("closed")) {
                throw new IllegalArgumentException("gateway status port must be open or closed, not " + port);
            }
            int every = json.get("everySeconds").asInt();
            if (every < 1 || every > 3_600) {
                throw new IllegalArgumentException("gateway status everySeconds must be 1-3600, not " + every);
            }
            return new Status(port.equals("open"), json.get("framesRead").asLong(), Duration.ofSeconds(every));
        }
    }
}
