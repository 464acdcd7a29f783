package org.tavan.simulators;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes each frame as one QoS 1 message with Paho. Keeps up to {@code window} messages in
 * flight and waits for the oldest acknowledgement beyond that, so a burst runs at the broker's pace
 * without Paho refusing publishes for a full in-flight window.
 */
public final class MqttFramePublisher implements FramePublisher {

    private static final long ACK_TIMEOUT_MS = 30_000;

    private final String topic;
    private final int window;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final Deque<IMqttDeliveryToken> inFlight = new ArrayDeque<>();

    public MqttFramePublisher(String url, String clientId, String username, String password, String topic, int window)
            throws MqttException {
        this.topic = topic;
        this.window = window;
        this.client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        this.options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        // Paho counts a message in flight a little longer than its token takes to complete: leave room.
        options.setMaxInflight(window * 2);
        if (username != null && !username.isEmpty()) {
            options.setUserName(username);
            options.setPassword(password == null ? new char[0] : password.toCharArray());
        }
        client.connect(options).waitForCompletion(15_000);
    }

    public MqttFramePublisher(String url, String clientId, String username, String password, String topic)
            throws MqttException {
        this(url, clientId, username, password, topic, 500);
    }

    @Override
    public void send(byte[] frame) throws MqttException, InterruptedException {
        if (inFlight.size() >= window) {
            inFlight.poll().waitForCompletion(ACK_TIMEOUT_MS);
        }
        long deadline = System.nanoTime() + ACK_TIMEOUT_MS * 1_000_000;
        while (true) {
            try {
                inFlight.add(client.publish(topic, frame, 1, false));
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!inFlight.isEmpty()) {
                    inFlight.poll().waitForCompletion(ACK_TIMEOUT_MS);
                } else {
                    Thread.sleep(1);
                }
            }
        }
    }

    @Override
    public void flush() throws MqttException {
        while (!inFlight.isEmpty()) {
            inFlight.poll().waitForCompletion(ACK_TIMEOUT_MS);
        }
    }

    @Override
    public void dropOut(Duration downtime) throws MqttException, InterruptedException {
        flush();
        client.disconnect(5_000).waitForCompletion(10_000);
        Thread.sleep(downtime.toMillis());
        client.connect(options).waitForCompletion(15_000);
    }

    @Override
    public void close() {
        try {
            flush();
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(10_000);
            }
            client.close(true);
        } catch (MqttException e) {
            throw new IllegalStateException("MQTT publisher did not close cleanly: " + e, e);
        }
    }
}
