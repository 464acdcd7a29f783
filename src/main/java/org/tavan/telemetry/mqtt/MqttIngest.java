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
import org.tavan.telemetry.ingest.IngestProfiles;
import org.tavan.telemetry.ingest.IngestWriter;
import org.tavan.telemetry.ingest.TopicFrames;

/**
 * Rig frames over MQTT. Subscribes (QoS 1) to every profile's topic filter on each connect,
 * and hands each message, on Paho's callback thread, to {@link TopicFrames}; the
 * {@link IngestWriter} acknowledges it to the broker only after the commit. Nothing here may throw: an
 * exception out of messageArrived would shut the Paho client down.
 */
public final class MqttIngest implements MqttConnection.Listener {

    private static final Logger log = LoggerFactory.getLogger(MqttIngest.class);

    private final IngestProfiles profiles;
    private final TopicFrames frames;
    private final Optional<String> sharedGroup;
    private final Clock clock;
    private final MqttConnection connection;

    public MqttIngest(MqttConnection connection, IngestProfiles profiles, TopicFrames frames,
                      Optional<String> sharedGroup, Clock clock) {
        this.connection = connection;
        this.profiles = profiles;
        this.frames = frames;
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
        try {
            frames.deliver(topic, message.getPayload(), received, ackOf(message));
        } catch (RuntimeException e) {
            log.error("Frame on {} left unacknowledged (redelivered after the next reconnect)", topic, e);
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
