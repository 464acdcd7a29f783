package org.tavan.simulators;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.telemetry.profile.MqttTransport;
import org.tavan.testing.Services;

import static org.assertj.core.api.Assertions.assertThat;

/** Simulated MQTT rigs publish to the machine's Mosquitto; a plain Paho subscriber receives and decodes every frame. */
class MosquittoSimulationTest {

    private static final String URL = "tcp://127.0.0.1:1883";

    record Received(String topic, byte[] payload) {
    }

    static Stream<String> mqttProfiles() {
        return SimulatedRigTest.SHIPPED.profiles().stream().filter(p -> p.mqtt().isPresent()).map(FirmwareProfile::id);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mqttProfiles")
    void every_published_frame_reaches_a_subscriber_and_decodes_or_is_rejected(String profileId) throws Exception {
        Services.requireMosquitto();
        FirmwareProfile profile = SimulatedRigTest.SHIPPED.byId(profileId).orElseThrow();
        String rigId = "sim-" + System.nanoTime();
        SimulatedRig rig = new SimulatedRig(profile, SimulatedRigTest.SIMULATORS.resolve(profileId + ".json"), rigId,
                Scenario.CORRUPT, 11, SimulatedRigTest.START);

        List<Received> received = publishAndCollect(rig, 140, Duration.ZERO);

        MqttTransport mqtt = profile.mqtt().orElseThrow();
        int readings = 0;
        int rejected = 0;
        for (Received r : received) {
            assertThat(mqtt.rigIdOf(r.topic())).hasValue(rigId);
            try {
                DecodedFrame frame = profile.decoder().decode(r.payload());
                assertThat(frame.sequence()).hasValue(readings + 1L);
                readings++;
            } catch (FrameRejected e) {
                rejected++;
            }
        }
        assertThat(readings).isEqualTo(140);
        assertThat(rejected).isEqualTo(20);
    }

    @Test
    void a_rig_that_drops_out_and_reconnects_loses_nothing() throws Exception {
        Services.requireMosquitto();
        FirmwareProfile profile = SimulatedRigTest.SHIPPED.byId("curb-drop-kv").orElseThrow();
        SimulatedRig rig = new SimulatedRig(profile, SimulatedRigTest.SIMULATORS.resolve("curb-drop-kv.json"),
                "sim-" + System.nanoTime(), Scenario.DROPOUT, 5, SimulatedRigTest.START);

        List<Received> received = publishAndCollect(rig, 60, Duration.ofMillis(100));

        List<Long> sequences = new ArrayList<>();
        for (Received r : received) {
            sequences.add(profile.decoder().decode(r.payload()).sequence().orElseThrow());
        }
        assertThat(sequences).hasSize(60).doesNotHaveDuplicates();
        assertThat(sequences).isSorted();
    }

    private static List<Received> publishAndCollect(SimulatedRig rig, int readings, Duration downtime) throws Exception {
        int expected = rig.take(readings).size();
        LinkedBlockingQueue<Received> queue = new LinkedBlockingQueue<>();
        MqttClient subscriber = new MqttClient(URL, "sub-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        subscriber.connect(options);
        try {
            String topic = rig.topic("ws-test").orElseThrow();
            subscriber.subscribe(topic, 1, (t, message) -> queue.add(new Received(t, message.getPayload())));
            SimulationRun.Summary summary;
            try (MqttFramePublisher publisher = new MqttFramePublisher(URL, "pub-" + System.nanoTime(), "", "", topic)) {
                summary = SimulationRun.run(rig, readings, publisher, 0, downtime);
            }
            assertThat(summary.readings()).isEqualTo(readings);
            List<Received> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                Received r = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (r != null) {
                    received.add(r);
                }
            }
            assertThat(received).as("messages received").hasSize(expected);
            return received;
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }
}
