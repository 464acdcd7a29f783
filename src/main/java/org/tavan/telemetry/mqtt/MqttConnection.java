package org.tavan.telemetry.mqtt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.telemetry.ingest.IngestSource;

/**
 * Tavan's own MQTT session, the same for the embedded broker and an external one. It keeps a
 * persistent session (clean session off) so QoS 1 messages wait at the broker while Tavan is
 * down, reconnects by itself (a new client for the same session), and tells listeners on every (re)connect so they can renew
 * their subscriptions: a broker that lost its session state will not resend them.
 */
public final class MqttConnection implements IngestSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);

    /** Told about each (re)connect and each message; see the ingest for the acknowledgement rules. */
    public interface Listener {
        void connected(MqttAsyncClient client, boolean reconnect);

        default void messageArrived(String topic, MqttMessage message) throws Exception {
        }
    }

    private final String url;
    private final String clientId;
    private final String username;
    private final String password;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile MqttAsyncClient client;
    private volatile String lastProblem = "not connected yet";
    private volatile boolean everConnected;
    private volatile boolean closed;
    private final ScheduledExecutorService reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tavan-mqtt-reconnect");
        t.setDaemon(true);
        return t;
    });

    private volatile java.util.function.LongSupplier waiting = () -> -1;

    public MqttConnection(String url, String clientId, String username, String password) {
        this.url = url;
        this.clientId = clientId;
        this.username = username;
        this.password = password;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Connects and waits up to 15 s for the first connection; later losses reconnect in the background. */
    public void connect() {
        try {
            client = newClient();
            client.connect(options()).waitForCompletion(15_000);
        } catch (MqttException e) {
            lastProblem = e.toString();
            closeQuietly(client);
            throw new IllegalStateException("Cannot connect to MQTT broker " + url + " as " + clientId + ": " + e, e);
        }
    }

    /*
     * Reconnecting is done here rather than by Paho's automatic reconnect: with manual acks and
     * many messages in flight, Paho 1.2.5 can hang in CommsSender.start() on reconnect and never
     * come back. A fresh client for the same client id resumes the same persistent session.
     */
    private MqttAsyncClient newClient() throws MqttException {
        MqttAsyncClient fresh = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        fresh.setManualAcks(true);
        fresh.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                lastProblem = null;
                boolean again = everConnected;
                everConnected = true;
                log.info("MQTT {} to {} as {}", again ? "reconnected" : "connected", serverURI, clientId);
                for (Listener listener : listeners) {
                    try {
                        listener.connected(fresh, again);
                    } catch (RuntimeException e) {
                        log.error("MQTT listener failed on connect", e);
                    }
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
                lastProblem = "connection lost: " + cause;
                log.warn("MQTT connection to {} lost: {}", url, cause.toString());
                scheduleReconnect(fresh, 500);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                for (Listener listener : listeners) {
                    listener.messageArrived(topic, message);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        return fresh;
    }

    private void scheduleReconnect(MqttAsyncClient lost, long delayMillis) {
        if (closed) {
            return;
        }
        reconnector.schedule(() -> reconnect(lost, delayMillis), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void reconnect(MqttAsyncClient lost, long lastDelay) {
        if (closed || client != lost) {
            return;
        }
        closeQuietly(lost);
        MqttAsyncClient fresh = null;
        try {
            fresh = newClient();
            client = fresh;
            fresh.connect(options()).waitForCompletion(15_000);
        } catch (MqttException | RuntimeException e) {
            lastProblem = "reconnecting: " + e;
            log.debug("MQTT reconnect to {} failed: {}", url, e.toString());
            scheduleReconnect(fresh == null ? lost : fresh, Math.min(5_000, lastDelay * 2));
        }
    }

    private static void closeQuietly(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnectForcibly(0, 500, false);
        } catch (MqttException | RuntimeException e) {
            // already down
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            // already closed
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        // Many QoS 1 messages in flight: the ingest acknowledges in batches after each commit.
        options.setMaxInflight(1000);
        if (!username.isEmpty()) {
            options.setUserName(username);
            options.setPassword(password.toCharArray());
        }
        return options;
    }

    /** The embedded broker can count what waits in this session's queues; an external one cannot. */
    public void countWaitingWith(java.util.function.LongSupplier counter) {
        this.waiting = counter;
    }

    @Override
    public String kind() {
        return "mqtt";
    }

    @Override
    public long waitingAtBroker() {
        return waiting.getAsLong();
    }

    @Override
    public boolean isConnected() {
        return client != null && client.isConnected();
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String lastProblem() {
        return isConnected() ? null : lastProblem;
    }

    public MqttAsyncClient client() {
        return client;
    }

    @Override
    public void close() {
        closed = true;
        reconnector.shutdownNow();
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            log.debug("MQTT disconnect: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("MQTT close: {}", e.toString());
        }
        client = null;
    }
}
