package org.tavan.telemetry.serial;

import java.util.List;
import java.util.TreeSet;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.rigs.RigId;

/**
 * Sends one rig's journal to the broker at QoS 1, for ever: connects (and reconnects with a
 * bounded backoff), publishes every entry from the acknowledged offset on, and advances the
 * offset only on PUBACK. The journal is the only queue, so the MQTT session is clean and Paho
 * keeps nothing of its own: after any reconnect or restart the unacknowledged entries are simply
 * published again. A persistent session would not help a publisher (MQTT 3.1.1 keeps no state
 * for inbound QoS 1 at the broker) and Paho's resend of its own persisted in-flight messages
 * would only add a second copy of what the journal resends.
 * After a lost connection the last {@code resendTail} acknowledged entries are sent again as
 * well: a broker killed before it saved what it had acknowledged loses them, and Tavan stores
 * each frame once by sequence and content hash.
 */
final class GatewaySender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewaySender.class);
    /** Below Paho's max in-flight (set to twice this) so a publish never fails for a full window. */
    static final int WINDOW = 500;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final RigId rig;
    private final String broker;
    private final String password;
    private final GatewayJournal journal;
    private final String topic;
    private final long resendTail;
    private final GatewayHeartbeat heartbeat;
    private final Thread thread;
    /** PUBACKed entries above the contiguous offset (PUBACKs of different connections may interleave). */
    private final TreeSet<Long> done = new TreeSet<>();
    private volatile boolean running = true;
    private int inFlight;

    GatewaySender(RigId rig, String broker, String password, GatewayJournal journal, String topic, long resendTail,
                  GatewayHeartbeat heartbeat) {
        this.rig = rig;
        this.broker = broker;
        this.password = password;
        this.journal = journal;
        this.topic = topic;
        this.resendTail = resendTail;
        this.heartbeat = heartbeat;
        this.thread = new Thread(this::sendForever, "tavan-gateway-send-" + rig);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void sendForever() {
        long backoff = 250;
        String lastProblem = null;
        boolean hadConnection = false;
        while (running) {
            MqttAsyncClient client = null;
            try {
                client = new MqttAsyncClient(broker, "gateway-" + rig.value(), new MemoryPersistence());
                client.connect(options()).waitForCompletion(10_000);
                log.info("Gateway for {} connected to {}; {} frames to send", rig, broker, journal.next() - journal.acked());
                lastProblem = null;
                backoff = 250;
                long acked = journal.acked();
                long from = hadConnection ? Math.max(journal.first(), acked - resendTail) : acked;
                hadConnection = true;
                sendWhileConnected(client, from, acked);
            } catch (MqttException | RuntimeException e) {
                if (!e.toString().equals(lastProblem)) {
                    log.warn("Broker {} not reachable for {}: {}; {} frames wait in the journal", broker, rig, e,
                            journal.next() - journal.acked());
                }
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                return;
            } finally {
                closeQuietly(client);
                synchronized (this) {
                    inFlight = 0;
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(WINDOW * 2);
        options.setKeepAliveInterval(10);
        options.setConnectionTimeout(10);
        options.setUserName(rig.value());
        if (password != null) {
            options.setPassword(password.toCharArray());
        }
        return options;
    }

    /**
     * Entries below {@code ackedAtConnect} are the resent tail. Over-long line reports are left out
     * of it: Tavan recognises a second copy of a frame but not of a report, so resending one would
     * count the same dropped line twice; a broker that crashes before saving a report it
     * acknowledged loses that one count instead.
     */
    private void sendWhileConnected(MqttAsyncClient client, long from, long ackedAtConnect)
            throws MqttException, InterruptedException {
        long cursor = from;
        long lastSave = System.nanoTime();
        long lastStatus = System.nanoTime() - heartbeat.every().toNanos(); // the first goes out at once
        while (running && client.isConnected()) {
            if (heartbeat.enabled() && System.nanoTime() - lastStatus >= heartbeat.every().toNanos()) {
                sendStatus(client);
                lastStatus = System.nanoTime();
            }
            synchronized (this) {
                while (inFlight >= WINDOW && client.isConnected()) {
                    wait(100);
                }
            }
            List<GatewayJournal.Entry> entries = journal.read(cursor, WINDOW - currentInFlight());
            for (GatewayJournal.Entry e : entries) {
                if (e.kind() == GatewayJournal.Kind.FRAME || e.index() >= ackedAtConnect) {
                    publish(client, e);
                }
                cursor = e.index() + 1;
            }
            if (System.nanoTime() - lastSave > 200_000_000L) {
                journal.persistAck();
                lastSave = System.nanoTime();
            }
            if (entries.isEmpty()) {
                journal.awaitEntry(cursor, 100);
            }
        }
        journal.persistAck();
    }

    /**
     * QoS 0 and outside the journal: a heartbeat lost or never sent only matters if the next ones
     * are lost too, and an old one resent after a restart would be a false "up".
     */
    private void sendStatus(MqttAsyncClient client) {
        MqttMessage message = new MqttMessage(heartbeat.payload());
        message.setQos(0);
        try {
            client.publish(topic + "/status", message);
        } catch (MqttException e) {
            log.debug("status of {} not sent: {}", rig, e.toString());
        }
    }

    private synchronized int currentInFlight() {
        return inFlight;
    }

    private void publish(MqttAsyncClient client, GatewayJournal.Entry e) throws MqttException {
        String to = e.kind() == GatewayJournal.Kind.FRAME ? topic : topic + "/rejected";
        MqttMessage message = new MqttMessage(e.kind() == GatewayJournal.Kind.FRAME ? e.bytes()
                : ("too_long " + new String(e.bytes(), java.nio.charset.StandardCharsets.US_ASCII) + " "
                        + journal.id() + ":" + e.index()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        message.setQos(1);
        synchronized (this) {
            inFlight++;
        }
        client.publish(to, message, null, new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acknowledged(e.index());
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                // Connection lost before the PUBACK: the entry is sent again after the reconnect.
                synchronized (GatewaySender.this) {
                    inFlight = Math.max(0, inFlight - 1);
                    GatewaySender.this.notifyAll();
                }
            }
        });
    }

    private synchronized void acknowledged(long index) {
        inFlight = Math.max(0, inFlight - 1);
        done.add(index);
        long offset = journal.acked();
        while (!done.isEmpty() && done.first() <= offset) {
            if (done.first() == offset) {
                offset++;
            }
            done.pollFirst();
        }
        journal.acknowledge(offset);
        notifyAll();
    }

    private static void closeQuietly(MqttAsyncClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            log.debug("disconnect: {}", e.toString());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("close: {}", e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.persistAck();
    }
}
