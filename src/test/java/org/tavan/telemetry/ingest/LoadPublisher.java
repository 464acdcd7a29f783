package org.tavan.telemetry.ingest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A simulated rig at full speed: publishes frames 1..n at QoS 1 with a wide in-flight window,
 * keeps its session across broker restarts and buffers while disconnected, so every frame is
 * eventually accepted by the broker. {@link #acknowledged()} counts broker PUBACKs.
 */
public final class LoadPublisher implements AutoCloseable {

    private final MqttAsyncClient client;
    private final AtomicLong acked = new AtomicLong();

    public LoadPublisher(String url, String clientId) throws MqttException {
        this(url, clientId, null, null);
    }

    /** A rig that signs in (the embedded broker admits registered rigs only). */
    public LoadPublisher(String url, String clientId, String username, String password) throws MqttException {
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                acked.incrementAndGet();
            }
        });
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(100_000);
        buffer.setDeleteOldestMessages(false);
        client.setBufferOpts(buffer);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(500);
        options.setMaxInflight(1000);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.toCharArray());
        }
        client.connect(options).waitForCompletion(10_000);
    }

    /** Publishes frames first..last of {@code frame(seq)} on the topic, waiting when the window is full. */
    public void publish(String topic, long first, long last, LongFunction<String> frame) throws InterruptedException {
        java.util.List<byte[]> frames = new java.util.ArrayList<>();
        for (long seq = first; seq <= last; seq++) {
            frames.add(frame.apply(seq).getBytes(StandardCharsets.US_ASCII));
        }
        publishFrames(topic, frames);
    }

    /** Publishes ready-made frames in order, waiting when the in-flight window is full. */
    public void publishFrames(String topic, java.util.List<byte[]> frames) throws InterruptedException {
        for (byte[] frame : frames) {
            MqttMessage message = new MqttMessage(frame);
            message.setQos(1);
            while (true) {
                try {
                    client.publish(topic, message);
                    break;
                } catch (MqttException e) {
                    Thread.sleep(1);
                }
            }
        }
    }

    public long acknowledged() {
        return acked.get();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(2_000).waitForCompletion(3_000);
        }
        client.close(true);
    }
}
