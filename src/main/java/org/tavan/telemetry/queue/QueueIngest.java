package org.tavan.telemetry.queue;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tavan.telemetry.ingest.IngestSource;
import org.tavan.telemetry.ingest.TopicFrames;

/**
 * Rig messages of the national deployment. Rigs and gateways publish MQTT (QoS 1) to
 * RabbitMQ's MQTT plugin, which acknowledges a publish only once the queues it was routed to
 * have it. Every rig topic is routed to one durable quorum queue that all Tavan instances
 * consume from as competing consumers: each message goes to one instance, which acknowledges
 * it only after its commit. An instance that dies leaves its unacknowledged messages to the
 * others at once (the broker requeues them when the connection drops); one added takes its
 * share of the next messages. Per-rig order is not preserved across instances; the sequence
 * rule copes with that (see SequenceEpochs), and the database's unique keys make a redelivery
 * a counted duplicate.
 */
public final class QueueIngest implements IngestSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueIngest.class);
    /** RabbitMQ's MQTT plugin publishes every MQTT message to this exchange. */
    static final String MQTT_EXCHANGE = "amq.topic";
    // Enough to keep the writer's batches full while the previous one commits.
    private static final int PREFETCH = 4_000;

    private final String uri;
    private final String queue;
    private final List<String> topicFilters;
    private final TopicFrames frames;
    private final Clock clock;
    private final String instanceName;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tavan-queue-connect");
        t.setDaemon(true);
        return t;
    });
    private volatile Connection connection;
    private volatile Channel stats;
    private volatile String lastProblem = "not connected yet";
    private volatile boolean closed;

    public QueueIngest(String uri, String queue, List<String> topicFilters, TopicFrames frames, Clock clock,
                       String instanceName) {
        this.uri = uri;
        this.queue = queue;
        this.topicFilters = List.copyOf(topicFilters);
        this.frames = frames;
        this.clock = clock;
        this.instanceName = instanceName;
    }

    /** Connects in the background, retrying every second until the broker answers. */
    public void start() {
        connector.execute(this::connectUntilDone);
    }

    private void connectUntilDone() {
        while (!closed) {
            try {
                connect();
                return;
            } catch (IOException | TimeoutException | RuntimeException e) {
                lastProblem = "cannot connect: " + e;
                log.warn("National queue at {} not reachable ({}); retrying in 1 s", url(), e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void connect() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(uri);
        } catch (java.net.URISyntaxException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("ingest.queue.url is not a usable AMQP URI: " + e.getMessage(), e);
        }
        // The client re-opens the connection, the channel and the consumer by itself after a
        // broker restart; deliveries of the lost channel are redelivered by the broker.
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1_000);
        factory.setRequestedHeartbeat(10);
        Connection c = factory.newConnection(instanceName);
        Channel channel = c.createChannel();
        declare(channel);
        channel.basicQos(PREFETCH);
        channel.basicConsume(queue, false, instanceName, new Deliveries(channel));
        stats = c.createChannel();
        ((Recoverable) c).addRecoveryListener(new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable recovered) {
                lastProblem = null;
                log.info("National queue connection recovered");
            }

            @Override
            public void handleRecoveryStarted(Recoverable recovering) {
            }
        });
        c.addShutdownListener(cause -> {
            if (!closed) {
                lastProblem = "connection lost: " + cause.getMessage();
                log.warn("National queue connection lost: {}", cause.getMessage());
            }
        });
        connection = c;
        lastProblem = null;
        log.info("Consuming rig messages from queue {} at {}, bound to {}", queue, url(), topicFilters);
    }

    /**
     * The queue and its bindings, declared by every instance at each start (declaring is
     * idempotent). A quorum queue keeps its messages on disk, replicated in a cluster.
     */
    private void declare(Channel channel) throws IOException {
        channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
        for (String filter : topicFilters) {
            channel.queueBind(queue, MQTT_EXCHANGE, routingKeyOf(filter));
        }
    }

    /** RabbitMQ's MQTT plugin swaps '/' and '.' between topics and routing keys; '+' is '*'. */
    static String routingKeyOf(String mqttFilter) {
        return topicOf(mqttFilter).replace('+', '*');
    }

    /** The swap is its own inverse, so the same one turns a routing key back into the topic. */
    static String topicOf(String routingKey) {
        StringBuilder out = new StringBuilder(routingKey.length());
        for (char ch : routingKey.toCharArray()) {
            out.append(ch == '.' ? '/' : ch == '/' ? '.' : ch);
        }
        return out.toString();
    }

    private final class Deliveries extends DefaultConsumer {

        Deliveries(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            Channel channel = getChannel();
            long tag = envelope.getDeliveryTag();
            String topic = topicOf(envelope.getRoutingKey());
            try {
                // Blocks while the writer's queue is full: back-pressure up to the prefetch.
                frames.deliver(topic, body, clock.instant(), () -> {
                    try {
                        channel.basicAck(tag, false);
                    } catch (IOException | RuntimeException e) {
                        throw new IllegalStateException("ack of delivery " + tag + " failed: " + e, e);
                    }
                });
            } catch (RuntimeException e) {
                log.error("Frame on {} left unacknowledged (redelivered when this connection closes)", topic, e);
            }
        }

        @Override
        public void handleShutdownSignal(String consumerTag, ShutdownSignalException sig) {
            if (!closed && !sig.isInitiatedByApplication()) {
                lastProblem = "consumer stopped: " + sig.getMessage();
            }
        }
    }

    @Override
    public String kind() {
        return "queue";
    }

    @Override
    public String url() {
        URI parsed = URI.create(uri);
        return parsed.getScheme() + "://" + parsed.getHost() + ":" + (parsed.getPort() < 0 ? 5672 : parsed.getPort())
                + "/" + queue;
    }

    @Override
    public boolean isConnected() {
        Connection c = connection;
        return c != null && c.isOpen();
    }

    @Override
    public String lastProblem() {
        return isConnected() ? null : lastProblem;
    }

    @Override
    public long waitingAtBroker() {
        Channel s = stats;
        if (s == null || !s.isOpen()) {
            return -1;
        }
        try {
            return s.messageCount(queue);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        Connection c = connection;
        if (c != null) {
            try {
                c.close(5_000);
            } catch (IOException | RuntimeException e) {
                log.debug("Closing the queue connection: {}", e.toString());
            }
        }
        try {
            connector.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
