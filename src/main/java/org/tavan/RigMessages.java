package org.tavan;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import org.tavan.config.TavanConfig;
import org.tavan.rigs.Rigs;
import org.tavan.storage.Database;
import org.tavan.telemetry.ingest.IngestProfiles;
import org.tavan.telemetry.ingest.IngestSource;
import org.tavan.telemetry.ingest.RigDirectory;
import org.tavan.telemetry.ingest.TopicFrames;
import org.tavan.telemetry.mqtt.BrokerAccess;
import org.tavan.telemetry.mqtt.EmbeddedBroker;
import org.tavan.telemetry.mqtt.MqttConnection;
import org.tavan.telemetry.mqtt.MqttIngest;
import org.tavan.telemetry.mqtt.RigBrokerGate;
import org.tavan.telemetry.queue.QueueIngest;

/**
 * Where this instance's rig messages come from, started as the configuration says: the national
 * queue; or an MQTT session on an external broker; or the embedded broker and a session on it.
 * {@code broker} and {@code mqtt} are null where they do not apply.
 */
record RigMessages(IngestSource source, EmbeddedBroker broker, MqttConnection mqtt) {

    /** Everything started is added to {@code started}, in the order it must be closed in reverse. */
    static RigMessages start(TavanConfig config, IngestProfiles profiles, RigDirectory directory, Rigs rigs,
                             TopicFrames frames, Clock clock, Database database, List<AutoCloseable> started) {
        if (config.ingest().queue().isPresent()) {
            TavanConfig.Queue q = config.ingest().queue().get();
            QueueIngest queue = new QueueIngest(q.url(), q.name(), q.partitions(), profiles.subscriptionFilters(), frames,
                    clock, config.mqtt().clientId(), database);
            started.add(queue);
            queue.start();
            return new RigMessages(queue, null, null);
        }
        String serviceUser = config.mqtt().username();
        String servicePassword = config.mqtt().password();
        String url;
        EmbeddedBroker broker = null;
        if (config.mqtt().embedded()) {
            serviceUser = App.SERVICE_MQTT_USER;
            servicePassword = randomSecret();
            BrokerAccess access = new BrokerAccess(serviceUser, servicePassword);
            access.admitRigs(new RigBrokerGate(rigs, directory, profiles));
            broker = new EmbeddedBroker(config.dataDir().resolve("broker"), config.mqtt().embeddedHost(),
                    config.mqtt().embeddedPort(), access);
            broker.start();
            started.add(broker);
            rigs.whenSignInWithdrawn(broker::disconnect);
            url = "tcp://127.0.0.1:" + broker.port();
        } else {
            url = config.mqtt().externalUrl().orElseThrow();
        }
        MqttConnection mqtt = new MqttConnection(url, config.mqtt().clientId(), serviceUser, servicePassword);
        started.add(mqtt);
        if (broker != null) {
            EmbeddedBroker own = broker;
            String clientId = config.mqtt().clientId();
            mqtt.countWaitingWith(() -> own.waitingFor(clientId));
        }
        // Before connecting: queued messages of the persistent session arrive right after CONNACK.
        mqtt.addListener(new MqttIngest(mqtt, profiles, frames, config.ingest().sharedGroup(), clock));
        mqtt.connect();
        return new RigMessages(mqtt, broker, mqtt);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
