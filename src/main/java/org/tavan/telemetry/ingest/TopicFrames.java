package org.tavan.telemetry.ingest;

import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.TooLongLine;

/**
 * Turns a message on a topic (MQTT, or the same topic carried by the national queue) into
 * a frame for the {@link IngestWriter}: finds the rig and its profile, decodes, or rejects
 * with a reason. Both transports go through here so a rig is judged the same way whatever
 * carried its frame.
 */
public final class TopicFrames {

    private static final Logger log = LoggerFactory.getLogger(TopicFrames.class);

    private final IngestProfiles profiles;
    private final RigDirectory directory;
    private final IngestWriter writer;

    public TopicFrames(IngestProfiles profiles, RigDirectory directory, IngestWriter writer) {
        this.profiles = profiles;
        this.directory = directory;
        this.writer = writer;
    }

    /**
     * Decodes and queues one message (a gateway's heartbeat is recorded at once instead); false
     * when the writer is stopping or the thread was interrupted (the message then stays unacknowledged).
     */
    public boolean deliver(String topic, byte[] payload, Instant received, Runnable ack) {
        Optional<GatewayReports.Topic> report = GatewayReports.ofTopic(topic);
        if (report.isPresent() && report.get().kind() == GatewayReports.Kind.STATUS) {
            gatewayStatus(report.get().rigId(), payload, received);
            ack.run();
            return true;
        }
        IngestWriter.Frame frame = decodeRetrying(topic, payload, received, ack);
        if (frame == null) {
            return false;
        }
        // A gateway's report is counted by the writer once it knows the report is new: the
        // gateway resends its reports after a reconnect, and a resent one is a duplicate.
        if (frame.decoded() == null && frame.reportId() == null) {
            writer.countRejection(frame.rigId(), topic, frame.rejectReason(), frame.rejectMessage());
        }
        return writer.submit(frame);
    }

    /**
     * While the database cannot tell us the rig, wait here: this holds back the transport's
     * thread (and so the broker) instead of leaving a message unacknowledged, which an MQTT broker
     * would not send again before a reconnect. Returns null only when interrupted.
     */
    private IngestWriter.Frame decodeRetrying(String topic, byte[] payload, Instant received, Runnable ack) {
        long backoff = 100;
        while (true) {
            try {
                return decode(topic, payload, received, ack);
            } catch (RuntimeException e) {
                log.warn("Cannot look up the rig of a frame on {} ({}); retrying in {} ms", topic, e.toString(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    /**
     * A heartbeat is not a frame: it is recorded on the rig at once, outside the writer's batches,
     * and one that cannot be recorded is only logged (the next comes in a few seconds).
     */
    private void gatewayStatus(String rigId, byte[] payload, Instant received) {
        try {
            if (!directory.gatewaySeen(rigId, GatewayReports.Status.parse(payload), received)) {
                log.info("Gateway status for '{}', which is not an active registered rig, ignored", rigId);
            }
        } catch (RuntimeException e) {
            log.warn("Gateway status for '{}' not recorded: {}", rigId, e.toString());
        }
    }

    private IngestWriter.Frame decode(String topic, byte[] payload, Instant received, Runnable ack) {
        Optional<GatewayReports.Topic> report = GatewayReports.ofTopic(topic);
        if (report.isPresent()) {
            return rejectionReport(report.get().rigId(), topic, payload, received, ack);
        }
        Optional<String> gatewayRig = IngestProfiles.gatewayRig(topic);
        String rigId;
        IngestProfile profile;
        if (gatewayRig.isPresent()) {
            rigId = gatewayRig.get();
            Optional<IngestProfile> registered = directory.profileOf(rigId).flatMap(profiles::byId);
            if (registered.isEmpty()) {
                return IngestWriter.Frame.rejected(null, received, "unknown_rig",
                        "No active rig '" + rigId + "' with a loaded profile (gateway topic " + topic + ")", ack);
            }
            profile = registered.get();
        } else {
            Optional<IngestProfiles.Match> match = profiles.forTopic(topic);
            if (match.isEmpty()) {
                return IngestWriter.Frame.rejected(null, received, "unknown_topic", "No profile matches topic " + topic, ack);
            }
            rigId = match.get().rigId();
            profile = match.get().profile();
            Optional<String> registered = directory.profileOf(rigId);
            if (registered.isEmpty()) {
                return IngestWriter.Frame.rejected(null, received, "unknown_rig",
                        "No active rig '" + rigId + "' is registered (topic " + topic + ")", ack);
            }
            if (!registered.get().equals(profile.id())) {
                return IngestWriter.Frame.rejected(rigId, received, "not_allowed", "Rig '" + rigId + "' is registered as "
                        + registered.get() + " but published on a " + profile.id() + " topic", ack);
            }
        }
        try {
            DecodedFrame decoded = profile.decoder().decode(payload);
            return IngestWriter.Frame.accepted(rigId, received, payload, decoded, ack);
        } catch (FrameRejected e) {
            return IngestWriter.Frame.rejected(rigId, received, e.reason(), e.getMessage(), ack);
        } catch (RuntimeException e) {
            // A decoder bug must not stop ingest nor make the broker resend this frame forever.
            return IngestWriter.Frame.rejected(rigId, received, "decoder_error", e.toString(), ack);
        }
    }

    /**
     * A line the gateway dropped, counted on the rig as a directly attached port counts it
     * (SerialIngest); a report that cannot be read is a rejection of its own kind.
     */
    private IngestWriter.Frame rejectionReport(String rigId, String topic, byte[] payload, Instant received,
                                               Runnable ack) {
        if (directory.profileOf(rigId).isEmpty()) {
            return IngestWriter.Frame.rejected(null, received, "unknown_rig",
                    "No active rig '" + rigId + "' with a loaded profile (gateway topic " + topic + ")", ack);
        }
        try {
            GatewayReports.Rejection report = GatewayReports.parseRejection(payload);
            return IngestWriter.Frame.reported(rigId, received, TooLongLine.REASON, report.line().message(),
                    report.reportId(), ack);
        } catch (FrameRejected e) {
            return IngestWriter.Frame.rejected(rigId, received, e.reason(), e.getMessage(), ack);
        }
    }
}
