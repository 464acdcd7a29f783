package org.tavan.telemetry.serial;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MqttDefaultFilePersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.rigs.RigId;
import org.tavan.telemetry.ingest.IngestProfile;
import org.tavan.telemetry.ingest.IngestProfiles;
import org.tavan.telemetry.profile.ProfileCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tavan gateway}: bridges serial rigs on this machine to an MQTT broker for a Tavan
 * server elsewhere. Each line is published as it came (raw frame, terminator removed) at QoS 1
 * on {@code tavan/gateway/<rig-id>}, signed in as the rig with its own credentials; the server
 * decodes it with the rig's registered profile. While the broker is unreachable, frames wait in
 * a queue kept in Paho's file persistence under {@code --queue-dir} and are sent when it is
 * back (GatewayTest). Whether Paho restores that buffer after a restart of the gateway itself
 * is not tested.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Bridge local serial rigs to an MQTT broker (raw frames on tavan/gateway/<rig-id>, QoS 1, on-disk queue).")
public final class GatewayCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(GatewayCommand.class);

    @Option(names = "--broker", required = true, paramLabel = "URL", description = "MQTT broker, tcp://host:1883 or ssl://host:8883")
    String broker;

    @Option(names = "--rig", required = true, paramLabel = "ID=PROFILE@PORT",
            description = "A serial rig: its id, its firmware profile id and its port (path or glob), e.g. "
                    + "drum-teh-01=double-drum-drm@/dev/serial/by-id/*FT232*. Repeat for each rig.")
    List<String> rigs;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "Properties file <rig-id>=<MQTT password> (the passwords shown when the rigs were registered)")
    Path credentials;

    @Option(names = "--profiles", paramLabel = "DIR", defaultValue = "firmware-profiles",
            description = "Firmware profiles directory (default: ${DEFAULT-VALUE})")
    Path profilesDir;

    @Option(names = "--queue-dir", paramLabel = "DIR", defaultValue = "gateway-queue",
            description = "Where frames wait while the broker is unreachable (default: ${DEFAULT-VALUE})")
    Path queueDir;

    record Bridge(RigId rig, IngestProfile profile, String port) {
    }

    private final List<Thread> keepers = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        AutoCloseable gateway = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                log.debug("stopping: {}", e.toString());
            }
            stopped.countDown();
        }, "tavan-gateway-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts every bridge; closing the result stops them (queued frames stay on disk). */
    AutoCloseable start() throws Exception {
        IngestProfiles profiles = new IngestProfiles(ProfileCatalog.load(profilesDir).profiles().stream()
                .map(IngestProfile::of).toList());
        Properties passwords = new Properties();
        if (credentials != null) {
            try (Reader reader = Files.newBufferedReader(credentials)) {
                passwords.load(reader);
            }
        }
        List<Bridge> bridges = new ArrayList<>();
        for (String spec : rigs) {
            bridges.add(parse(spec, profiles));
        }
        List<AutoCloseable> running = new ArrayList<>();
        for (Bridge bridge : bridges) {
            MqttAsyncClient client = connect(bridge.rig(), passwords.getProperty(bridge.rig().value()));
            running.add(() -> {
                if (client.isConnected()) {
                    client.disconnect(2_000).waitForCompletion(3_000);
                }
                client.close();
            });
            String topic = IngestProfiles.GATEWAY_PREFIX + bridge.rig().value();
            SerialLineReader reader = new SerialLineReader(bridge.rig().value(), bridge.port(),
                    () -> SerialLineReader.Either.of(bridge.profile().serial().orElseThrow()),
                    new SerialLineReader.Listener() {
                        @Override
                        public void opened() {
                        }

                        @Override
                        public void closed() {
                        }

                        @Override
                        public void frame(byte[] frame) {
                            publish(client, topic, frame);
                        }

                        @Override
                        public void tooLong(int bytesDropped, int limit) {
                            log.info("Rig {}: dropped a line of {} bytes (limit {})", bridge.rig(), bytesDropped, limit);
                        }
                    });
            reader.start();
            running.add(0, reader);
            System.out.println("Bridging " + bridge.rig() + " (" + bridge.profile().id() + ") on " + bridge.port()
                    + " to " + broker + " topic " + topic);
        }
        return () -> {
            keepers.forEach(Thread::interrupt);
            for (AutoCloseable c : running) {
                try {
                    c.close();
                } catch (Exception e) {
                    log.debug("stopping: {}", e.toString());
                }
            }
        };
    }

    private Bridge parse(String spec, IngestProfiles profiles) {
        int eq = spec.indexOf('=');
        int at = spec.indexOf('@');
        if (eq <= 0 || at <= eq + 1 || at == spec.length() - 1) {
            throw new IllegalArgumentException("--rig '" + spec + "' is not ID=PROFILE@PORT");
        }
        RigId rig;
        try {
            rig = RigId.of(spec.substring(0, eq));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--rig '" + spec + "': " + e.getMessage());
        }
        String profileId = spec.substring(eq + 1, at);
        IngestProfile profile = profiles.byId(profileId).filter(p -> p.serial().isPresent())
                .orElseThrow(() -> new IllegalArgumentException("--rig '" + spec + "': no serial firmware profile '"
                        + profileId + "' in " + profilesDir));
        return new Bridge(rig, profile, spec.substring(at + 1));
    }

    private MqttAsyncClient connect(RigId rig, String password) throws MqttException {
        Path store = queueDir.resolve(rig.value());
        MqttAsyncClient client = new MqttAsyncClient(broker, "gateway-" + rig.value(),
                new MqttDefaultFilePersistence(store.toAbsolutePath().toString()));
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setPersistBuffer(true);
        buffer.setBufferSize(1_000_000);
        buffer.setDeleteOldestMessages(false);
        client.setBufferOpts(buffer);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        // Reconnected by the loop below: Paho's own reconnect only starts after a first success.
        options.setAutomaticReconnect(false);
        options.setMaxInflight(1000);
        options.setUserName(rig.value());
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        Thread keeper = new Thread(() -> {
            String lastProblem = null;
            while (!Thread.currentThread().isInterrupted()) {
                if (!client.isConnected()) {
                    try {
                        client.connect(options).waitForCompletion(10_000);
                        log.info("Gateway for {} connected to {}", rig, broker);
                        lastProblem = null;
                    } catch (MqttException | RuntimeException e) {
                        if (!e.toString().equals(lastProblem)) {
                            log.warn("Broker {} not reachable for {}: {}; frames wait in {}", broker, rig, e, store);
                        }
                        lastProblem = e.toString();
                    }
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "tavan-gateway-connect-" + rig);
        keeper.setDaemon(true);
        keeper.start();
        keepers.add(keeper);
        return client;
    }

    private static void publish(MqttAsyncClient client, String topic, byte[] frame) {
        MqttMessage message = new MqttMessage(frame);
        message.setQos(1);
        while (true) {
            try {
                client.publish(topic, message);
                return;
            } catch (MqttException e) {
                // in-flight window full or the client still connecting: the line waits, not lost
                try {
                    Thread.sleep(5);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
