package org.tavan.telemetry.ingest;

import java.nio.charset.StandardCharsets;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A rig as the broker sees it: publishes frames at QoS 1 with its own credentials. */
public final class RigPublisher implements AutoCloseable {

    private final MqttClient client;

    public RigPublisher(String brokerUrl, String clientId, String username, String password) throws MqttException {
        client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        // A broker that refuses a publish may simply never acknowledge it (Moquette does).
        client.setTimeToWait(5_000);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.toCharArray());
        }
        client.connect(options);
    }

    public void publish(String topic, String payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.US_ASCII));
        message.setQos(1);
        client.publish(topic, message);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1000);
        }
        client.close(true);
    }
}
