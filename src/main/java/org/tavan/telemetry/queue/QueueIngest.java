package org.tavan.telemetry.queue;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.security.SecureRandom;
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
import org.tavan.storage.Database;
import org.tavan.telemetry.ingest.IngestSource;
import org.tavan.telemetry.ingest.TopicFrames;

/**
 * Rig messages of the national deployment. Rigs and gateways publish MQTT (QoS 1) to
 * RabbitMQ's MQTT plugin, which acknowledges a publish only once the queues it was routed to
 * have it. Every rig topic goes from amq.topic to a consistent-hash exchange that spreads topics
 * over a fixed number of durable quorum queues, the partitions, so all messages of one rig
 * topic land in one partition, in order. Each partition is read by one instance at a time
 * ({@link PartitionLeases} shares them out; the queues are single-active-consumer as well), which
 * acknowledges a message only after its commit: two instances' writers never wait on the same
 * rigs' rows, and adding an instance adds a writer instead of a second queue at the same locks.
 * An instance that dies leaves its unacknowledged messages in their partitions (the broker
 * requeues them when the connection drops) and its partitions to the others within
 * {@link PartitionLeases#SILENCE}. During a hand-over two instances may briefly write the same
 * rig; the sequence rule copes with late frames (see SequenceEpochs), and the database's unique
 * keys make a redelivery a counted duplicate.
 */
public final class QueueIngest implements IngestSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueIngest.class);
    /** RabbitMQ's MQTT plugin publishes every MQTT message to this exchange. */
    static final String MQTT_EXCHANGE = "amq.topic";
    // Per partition; with every partition on one instance still enough to keep the writer's
    // batches full while the previous one commits, and bounded in memory.
    private static final int PREFETCH = 1_000;
    // Points on the hash ring per partition: more points spread rigs more evenly over partitions.
    private static final String RING_WEIGHT = "20";

    private final String uri;
    private final String queue;
    private final List<String> topicFilters;
    private final TopicFrames frames;
    private final Clock clock;
    private final String instanceName;
    private final int partitions;
    private final PartitionLeases leases;
    /** Partition number to its channel; each channel carries at most that partition's consumer. */
    private final Map<Integer, Channel> channels = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<Integer> consuming = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tavan-queue-connect");
        t.setDaemon(true);
        return t;
    });
    private volatile Connection connection;
    private volatile Channel stats;
    private volatile String lastProblem = "not connected yet";
    private volatile boolean closed;

    public QueueIngest(String uri, String queue, int partitions, List<String> topicFilters, TopicFrames frames,
                       Clock clock, String instanceName, Database database) {
        this.uri = uri;
        this.queue = queue;
        this.partitions = partitions;
        this.topicFilters = List.copyOf(topicFilters);
        this.frames = frames;
        this.clock = clock;
        this.instanceName = instanceName;
        // The instance name is configured and may be reused by a restarted instance while the
        // old one's lease still runs; the suffix keeps the two apart.
        this.leases = new PartitionLeases(database, clock, instanceName + "~" + Long.toHexString(new SecureRandom().nextLong()),
                partitions);
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
        Channel setup = c.createChannel();
        declare(setup);
        setup.close();
        for (int p = 0; p < partitions; p++) {
            Channel channel = c.createChannel();
            channel.basicQos(PREFETCH);
            channels.put(p, channel);
        }
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
        log.info("Reading rig messages from {} partitions {}.p00.. at {}, bound to {}", partitions, queue, url(), topicFilters);
        connector.scheduleWithFixedDelay(this::shareOut, 0, 1, TimeUnit.SECONDS);
    }

    /**
     * Once a second: renews this instance's partitions and subscribes or cancels to match. Only
     * while connected: an instance cut off from the engine lets its leases lapse so that the
     * others, who can still reach it, take its partitions.
     */
    private void shareOut() {
        if (closed || !isConnected()) {
            return;
        }
        Set<Integer> held;
        try {
            held = leases.renew();
        } catch (RuntimeException e) {
            // Keep reading what we read: the queues' single active consumer still keeps each
            // partition to one reader if the others move on without us.
            log.warn("Cannot renew this instance's ingest partitions ({}); reading partitions {} meanwhile", e.toString(),
                    consuming);
            return;
        }
        for (int p = 0; p < partitions; p++) {
            boolean want = held.contains(p);
            if (want && !consuming.contains(p)) {
                subscribe(p);
            } else if (!want && consuming.contains(p)) {
                unsubscribe(p);
            }
        }
    }

    private void subscribe(int partition) {
        Channel channel = channels.get(partition);
        try {
            channel.basicConsume(partitionQueue(partition), false, consumerTag(partition), new Deliveries(channel));
            consuming.add(partition);
            log.info("Reading partition {} ({})", partition, partitionQueue(partition));
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot read partition {}: {}", partition, e.toString());
        }
    }

    private void unsubscribe(int partition) {
        try {
            // Messages already delivered stay on the channel until the writer acknowledges them
            // after its commit; only new ones go to the partition's next reader.
            channels.get(partition).basicCancel(consumerTag(partition));
            log.info("Gave partition {} to another instance", partition);
        } catch (IOException | RuntimeException e) {
            log.warn("Cancelling the reader of partition {}: {}", partition, e.toString());
        }
        consuming.remove(partition);
    }

    private String consumerTag(int partition) {
        return instanceName + "-p" + partition;
    }

    String partitionQueue(int partition) {
        return String.format("%s.p%02d", queue, partition);
    }

    /**
     * The exchange, the partition queues and their bindings, declared by every instance at each
     * start (declaring is idempotent). A quorum queue keeps its messages on disk, replicated in
     * a cluster. The number of partitions is fixed for an installation: the hash ring places
     * each rig topic by the partitions bound to it.
     */
    private void declare(Channel channel) throws IOException {
        try {
            channel.exchangeDeclare(queue, "x-consistent-hash", true);
        } catch (IOException e) {
            throw new IOException("cannot declare the consistent-hash exchange " + queue + " (is the plugin enabled? "
                    + "rabbitmq-plugins enable rabbitmq_consistent_hash_exchange): " + e.getCause(), e);
        }
        for (int p = 0; p < partitions; p++) {
            channel.queueDeclare(partitionQueue(p), true, false, false,
                    Map.of("x-queue-type", "quorum", "x-single-active-consumer", true));
            channel.queueBind(partitionQueue(p), queue, RING_WEIGHT);
        }
        for (String filter : topicFilters) {
            channel.exchangeBind(queue, MQTT_EXCHANGE, routingKeyOf(filter));
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
            long waiting = 0;
            for (int p = 0; p < partitions; p++) {
                waiting += s.messageCount(partitionQueue(p));
            }
            return waiting;
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
                // Closing requeues whatever was delivered and not acknowledged (the writer has
                // already committed and acknowledged its last batch when this runs).
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
        try {
            leases.leave();
        } catch (RuntimeException e) {
            log.warn("Could not give back this instance's partitions ({}); the others take them after {} s", e.toString(),
                    PartitionLeases.SILENCE.toSeconds());
        }
    }
}
