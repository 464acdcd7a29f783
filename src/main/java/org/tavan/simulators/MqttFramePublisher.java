package org.tavan.simulators;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes each frame as one QoS 1 message with Paho, as a well-behaved rig does: up to
 * {@code window} messages in flight, and when the broker goes away (restart, network) it
 * reconnects and publishes again every message the broker had not acknowledged, so a broker
 * restart mid-run loses nothing on the rig's side (it may repeat a message, which ingest must
 * recognise by its sequence number).
 */
public final class MqttFramePublisher implements FramePublisher {

    private static final long ACK_TIMEOUT_MS = 30_000;

    private record Pending(IMqttDeliveryToken token, byte[] payload) {
    }

    private final String topic;
    private final int window;
    private final Duration patience;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final Deque<Pending> inFlight = new ArrayDeque<>();
    private int reconnects;
    private long acknowledged;

    /**
     * @param patience how long to keep trying to reach the broker again after losing it
     */
    public MqttFramePublisher(String url, String clientId, String username, String password, String topic, int window,
                              Duration patience) throws MqttException {
        this.topic = topic;
        this.window = window;
        this.patience = patience;
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
        this(url, clientId, username, password, topic, 500, Duration.ofSeconds(60));
    }

    /** Messages the broker acknowledged (PUBACK); each frame counts once, however often it had to be sent. */
    public long acknowledged() {
        return acknowledged;
    }

    /** How often the broker was lost and reached again (not counting deliberate dropouts). */
    public int reconnects() {
        return reconnects;
    }

    @Override
    public void send(byte[] frame) throws MqttException, InterruptedException {
        while (inFlight.size() >= window) {
            awaitOldest();
        }
        publish(frame);
    }

    private void publish(byte[] frame) throws MqttException, InterruptedException {
        while (true) {
            try {
                inFlight.add(new Pending(client.publish(topic, frame, 1, false), frame));
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT && !inFlight.isEmpty()) {
                    awaitOldest();
                } else if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT) {
                    Thread.sleep(1);
                } else {
                    recover(e);
                }
            }
        }
    }

    private void awaitOldest() throws MqttException, InterruptedException {
        Pending oldest = inFlight.peek();
        try {
            oldest.token().waitForCompletion(ACK_TIMEOUT_MS);
            inFlight.poll();
            acknowledged++;
        } catch (MqttException e) {
            recover(e);
        }
    }

    /** Reaches the broker again and republishes whatever it had not acknowledged. */
    private void recover(MqttException cause) throws MqttException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!client.isConnected()) {
            try {
                client.connect(options).waitForCompletion(10_000);
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) {
                    cause.addSuppressed(e);
                    throw cause;
                }
                Thread.sleep(250);
            }
        }
        reconnects++;
        List<byte[]> unacknowledged = new ArrayList<>();
        for (Pending p : inFlight) {
            if (p.token().isComplete() && p.token().getException() == null) {
                acknowledged++;
            } else {
                unacknowledged.add(p.payload());
            }
        }
        inFlight.clear();
        for (byte[] frame : unacknowledged) {
            publish(frame);
        }
    }

    @Override
    public void flush() throws MqttException, InterruptedException {
        while (!inFlight.isEmpty()) {
            awaitOldest();
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
