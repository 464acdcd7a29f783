package org.tavan.telemetry.mqtt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tavan's own MQTT session, the same for the embedded broker and an external one. It keeps a
 * persistent session (clean session off) so QoS 1 messages wait at the broker while Tavan is
 * down, reconnects by itself, and tells listeners on every (re)connect so they can renew
 * their subscriptions: a broker that lost its session state will not resend them.
 */
public final class MqttConnection implements AutoCloseable {

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
            client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            client.setManualAcks(true);
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                    lastProblem = null;
                    log.info("MQTT {} to {} as {}", reconnect ? "reconnected" : "connected", serverURI, clientId);
                    for (Listener listener : listeners) {
                        try {
                            listener.connected(client, reconnect);
                        } catch (RuntimeException e) {
                            log.error("MQTT listener failed on connect", e);
                        }
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                    lastProblem = "connection lost: " + cause;
                    log.warn("MQTT connection to {} lost: {}", url, cause.toString());
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
            client.connect(options()).waitForCompletion(15_000);
        } catch (MqttException e) {
            lastProblem = e.toString();
            throw new IllegalStateException("Cannot connect to MQTT broker " + url + " as " + clientId + ": " + e, e);
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(5_000);
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

    public boolean isConnected() {
        return client != null && client.isConnected();
    }

    public String url() {
        return url;
    }

    public String lastProblem() {
        return isConnected() ? null : lastProblem;
    }

    public MqttAsyncClient client() {
        return client;
    }

    @Override
    public void close() {
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
