package org.tavan.telemetry.mqtt;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.ingest.IngestProfile;
import org.tavan.telemetry.ingest.IngestProfiles;
import org.tavan.telemetry.ingest.IngestWriter;
import org.tavan.telemetry.ingest.RigDirectory;

/**
 * Rig frames over MQTT. Subscribes (QoS 1) to every profile's topic filter on each connect,
 * decodes each message on Paho's callback thread and hands it to the {@link IngestWriter},
 * which acknowledges it to the broker only after the commit. Nothing here may throw: an
 * exception out of messageArrived would shut the Paho client down.
 */
public final class MqttIngest implements MqttConnection.Listener {

    private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);

    private final IngestProfiles profiles;
    private final RigDirectory directory;
    private final IngestWriter writer;
    private final Optional<String> sharedGroup;
    private final Clock clock;
    private final MqttConnection connection;

    public MqttIngest(MqttConnection connection, IngestProfiles profiles, RigDirectory directory, IngestWriter writer,
                      Optional<String> sharedGroup, Clock clock) {
        this.connection = connection;
        this.profiles = profiles;
        this.directory = directory;
        this.writer = writer;
        this.sharedGroup = sharedGroup;
        this.clock = clock;
    }

    /** The filters as subscribed: {@code $share/<group>/<filter>} when instances share the work. */
    public List<String> subscriptions() {
        return profiles.subscriptionFilters().stream()
                .map(f -> sharedGroup.map(g -> "$share/" + g + "/" + f).orElse(f)).toList();
    }

    @Override
    public void connected(MqttAsyncClient client, boolean reconnect) {
        List<String> filters = subscriptions();
        int[] qos = new int[filters.size()];
        java.util.Arrays.fill(qos, 1);
        try {
            // Not waited for: blocking in Paho's callback thread would deadlock the client.
            client.subscribe(filters.toArray(String[]::new), qos);
            log.info("Subscribed to {}", filters);
        } catch (MqttException e) {
            log.error("Subscribing to {} failed: {}", filters, e.toString());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        Instant received = clock.instant();
        Runnable ack = ackOf(message);
        IngestWriter.Frame frame;
        try {
            frame = decode(topic, message.getPayload(), received, ack);
        } catch (RuntimeException e) {
            // The database could not tell us the rig (outage): leave the message unacknowledged.
            // It is redelivered when the session reconnects.
            log.error("Frame on {} left unacknowledged: {}", topic, e.toString());
            return;
        }
        if (frame.decoded() == null) {
            writer.countRejection(frame.rigId(), topic, frame.rejectReason(), frame.rejectMessage());
        }
        writer.submit(frame);
    }

    private IngestWriter.Frame decode(String topic, byte[] payload, Instant received, Runnable ack) {
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

    private Runnable ackOf(MqttMessage message) {
        int id = message.getId();
        int qos = message.getQos();
        MqttAsyncClient current = connection.client();
        return () -> {
            if (qos == 0 || current == null) {
                return;
            }
            try {
                current.messageArrivedComplete(id, qos);
            } catch (MqttException e) {
                throw new IllegalStateException("ack of message " + id + " failed: " + e, e);
            }
        };
    }
}
