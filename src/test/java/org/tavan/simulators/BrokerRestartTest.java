package org.tavan.simulators;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.telemetry.mqtt.BrokerAccess;
import org.tavan.telemetry.mqtt.EmbeddedBroker;
import org.tavan.telemetry.profile.FirmwareProfile;

import static org.assertj.core.api.Assertions.assertThat;

/** A simulated rig keeps publishing through a broker restart and republishes what the broker had not acknowledged. */
class BrokerRestartTest {

    @TempDir
    Path store;

    @Test
    void a_broker_restart_mid_run_loses_no_reading() throws Exception {
        BrokerAccess access = new BrokerAccess("svc", "svc-password");
        EmbeddedBroker broker = new EmbeddedBroker(store, "127.0.0.1", 0, access);
        broker.start();
        int port = broker.port();
        String url = "tcp://127.0.0.1:" + port;
        FirmwareProfile profile = SimulatedRigTest.SHIPPED.byId("curb-drop-kv").orElseThrow();
        SimulatedRig rig = new SimulatedRig(profile, SimulatedRigTest.SIMULATORS.resolve("curb-drop-kv.json"), "CD-9",
                Scenario.PASS, 9, SimulatedRigTest.START);
        String topic = rig.topic("ws1").orElseThrow();

        Set<Long> received = ConcurrentHashMap.newKeySet();
        MqttAsyncClient subscriber = subscriber(url, topic, received, profile);
        MqttFramePublisher publisher = new MqttFramePublisher(url, "rig-CD-9", "svc", "svc-password", topic, 100,
                Duration.ofSeconds(30));
        try {
            CompletableFuture<SimulationRun.Summary> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return SimulationRun.run(rig, 1500, publisher, 500, Duration.ZERO);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            waitUntil(() -> received.size() >= 300, 10);
            broker.close();
            Thread.sleep(500);
            broker = new EmbeddedBroker(store, "127.0.0.1", port, access);
            broker.start();

            SimulationRun.Summary summary = run.get(60, TimeUnit.SECONDS);
            assertThat(summary.readings()).isEqualTo(1500);
            assertThat(publisher.reconnects()).isPositive();
            assertThat(publisher.acknowledged()).as("frames the broker acknowledged").isEqualTo(1500);
            waitUntil(() -> received.size() >= 1500, 5);
            // What the broker acknowledged and then lost in its restart is the broker's loss, not the rig's:
            // exactly the gap ingest must detect by sequence. Everything published after the restart arrives.
            long lost = 1500 - received.size();
            System.out.println("Subscriber received " + received.size() + " of 1500; lost by the broker restart: " + lost + " "
                    + java.util.stream.LongStream.rangeClosed(1, 1500).filter(q -> !received.contains(q)).boxed().toList());
            assertThat(received).contains(1400L, 1450L, 1500L);
        } finally {
            publisher.close();
            subscriber.disconnectForcibly(1000);
            subscriber.close();
            broker.close();
        }
    }

    private static MqttAsyncClient subscriber(String url, String topic, Set<Long> received, FirmwareProfile profile)
            throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, "tavan-test-sub", new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                try {
                    // A restarted broker may have lost the subscription: renew it on every connect.
                    client.subscribe(topic, 1);
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String t, MqttMessage message) {
                try {
                    received.add(profile.decoder().decode(message.getPayload()).sequence().orElseThrow());
                } catch (Exception e) {
                    // a frame that does not decode is not a reading; the assertion on the count catches it
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        options.setUserName("svc");
        options.setPassword("svc-password".toCharArray());
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
