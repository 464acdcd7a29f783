package org.tavan.telemetry.ingest;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.config.TavanConfig;
import org.tavan.rigs.Rigs;
import org.tavan.simulators.Scenario;
import org.tavan.simulators.SimulatedFrame;
import org.tavan.simulators.SimulatedRig;
import org.tavan.testing.TestApps;

/**
 * The ingest benchmark (docs/benchmarks.md): {@code mvn -o -q -Pbench test} (through
 * {@link IngestBenchmarkRun}), or this class's main method.
 * Not a test: it measures, in one run on one machine, the QoS 1 rate a plain Paho subscriber
 * gets from the broker (the ceiling), Tavan's committed-readings rate with the same publishers,
 * the pressure mat's values per second, and the serial path at 115,200 baud.
 */
public final class IngestBenchmark {

    /**
     * 100,000 frames from 40 rigs by default (-Dtavan.bench.rigs=4 for the earlier runs' 4 rigs):
     * a national deployment serves hundreds of rigs, and 4 rigs hashed onto 8 partitions could
     * all land on one instance's partitions, so (4b) measured one busy instance beside an idle one.
     */
    static final int RIGS = Integer.getInteger("tavan.bench.rigs", 40);
    static final int PARTITIONS = 8;
    static final int FRAMES_PER_RIG = 100_000 / RIGS;
    static final int MAT_FRAMES = 3_000;
    static final int SERIAL_FRAMES = 3_000;

    private IngestBenchmark() {
    }

    record Rig(String id, String topic, List<byte[]> frames) {
    }

    public static void main(String[] args) throws Exception {
        run();
        System.exit(0);
    }

    /** Three by default; fewer (-Dtavan.bench.rounds=1) only to profile a run, never for figures. */
    static final int ROUNDS = Integer.getInteger("tavan.bench.rounds", 3);
    /** All by default; e.g. -Dtavan.bench.only=2,3 to try a broker setting quickly, never for figures. */
    /**
     * One round before the counted ones, its figures printed but not counted: in the first round
     * the JIT is still compiling the broker's and the writer's paths, which cost (3) a quarter of
     * its rate and made the first round's ratios differ from the rest.
     */
    static final int WARM_UP_ROUNDS = Integer.getInteger("tavan.bench.warmup", 1);
    static final java.util.Set<String> ONLY = java.util.Set.of(System.getProperty("tavan.bench.only", "1,2,3,4").split(","));

    static void run() throws Exception {
        Path dir = Files.createTempDirectory("tavan-bench");
        Path profiles = Path.of("firmware-profiles");
        Path simulators = Path.of("simulators");
        List<Rig> rigs = new ArrayList<>();
        for (int r = 0; r < RIGS; r++) {
            SimulatedRig sim = SimulatedRig.load(profiles.resolve("curb-drop.json"), simulators, "curb-0" + r,
                    Scenario.BURST, r, Instant.now());
            rigs.add(new Rig(sim.rigId(), sim.topic("teh").orElseThrow(),
                    sim.take(FRAMES_PER_RIG).stream().map(SimulatedFrame::bytes).toList()));
        }
        long total = (long) RIGS * FRAMES_PER_RIG;
        System.out.printf("Ingest benchmark: %d rigs x %d curb-drop frames (key=value, CRC-16), %d cores, %d rounds"
                + " after %d warm-up round(s)%n", RIGS, FRAMES_PER_RIG, Runtime.getRuntime().availableProcessors(), ROUNDS,
                WARM_UP_ROUNDS);

        Map<String, String> rigPasswords = new java.util.LinkedHashMap<>();
        rigs.forEach(r -> rigPasswords.put(r.id(), "bench-" + r.id()));
        Figures figures = new Figures();
        try (OwnMosquitto broker = new OwnMosquitto(dir.resolve("broker")).start();
             org.tavan.telemetry.queue.OwnRabbit rabbit = new org.tavan.telemetry.queue.OwnRabbit(dir.resolve("rabbit"),
                     rigPasswords).start()) {
            for (int round = 1 - WARM_UP_ROUNDS; round <= ROUNDS; round++) {
                Path roundDir = dir.resolve("round-" + round);
                figures.counting(round >= 1);
                if (ONLY.contains("1")) {
                    figures.add("(1) plain Paho subscriber on Mosquitto", plainSubscriber(broker, rigs, total));
                }
                if (ONLY.contains("2")) {
                    figures.add("(2) Tavan on Mosquitto (SQLite)", tavanOnMqtt(roundDir.resolve("mosquitto"), broker.url(),
                            rigs, total));
                }
                if (ONLY.contains("3")) {
                    figures.add("(3) Tavan embedded default (Artemis, SQLite)", tavanOnMqtt(roundDir.resolve("embedded"), null,
                            rigs, total));
                }
                if (ONLY.contains("4")) {
                    figures.add("(4a) national, 1 instance (RabbitMQ, PostgreSQL)", national(roundDir.resolve("nat1"), rabbit, 1,
                            rigs, rigPasswords, total));
                    figures.add("(4b) national, 2 instances (RabbitMQ, PostgreSQL)", national(roundDir.resolve("nat2"), rabbit,
                            2, rigs, rigPasswords, total));
                }
                System.out.printf(round >= 1 ? "  round %d done%n" : "  warm-up round done (not counted)%n", round);
            }
        }
        System.out.println();
        System.out.println("committed readings/s, median of " + ROUNDS + " rounds [min - max]:");
        figures.print();
        figures.ratio("(2)/(1)", "(2) Tavan on Mosquitto (SQLite)", "(1) plain Paho subscriber on Mosquitto", 95);
        figures.ratio("(3)/(2)", "(3) Tavan embedded default (Artemis, SQLite)", "(2) Tavan on Mosquitto (SQLite)", 90);
        figures.ratio("(4b)/(4a)", "(4b) national, 2 instances (RabbitMQ, PostgreSQL)",
                "(4a) national, 1 instance (RabbitMQ, PostgreSQL)", 100);
        System.out.println();
        if (ONLY.size() == 4) {
            otherPaths(dir, profiles, simulators);
        }
    }

    /** Each configuration's rate per round, in the order measured. */
    static final class Figures {
        private final Map<String, List<Double>> byName = new java.util.LinkedHashMap<>();
        private boolean counting = true;

        void counting(boolean counted) {
            counting = counted;
        }

        void add(String name, double rate) {
            if (counting) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(rate);
            }
            System.out.printf("    %-52s %,10.0f /s%s%n", name, rate, counting ? "" : "  (warm-up)");
        }

        static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        void print() {
            byName.forEach((name, values) -> System.out.printf("%-52s %,10.0f  [%,.0f - %,.0f]%n", name, median(values),
                    values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    values.stream().mapToDouble(Double::doubleValue).max().orElse(0)));
        }

        /** The ratio of medians, and the range of the per-round ratios beside it. */
        void ratio(String label, String top, String bottom, int goalPercent) {
            List<Double> t = byName.get(top);
            List<Double> b = byName.get(bottom);
            if (t == null || b == null) {
                return;
            }
            List<Double> perRound = new ArrayList<>();
            for (int i = 0; i < Math.min(t.size(), b.size()); i++) {
                perRound.add(100 * t.get(i) / b.get(i));
            }
            System.out.printf("ratio %-10s %6.1f %%  per round [%.1f - %.1f] %%  (goal >= %d %%)%n", label,
                    100 * median(t) / median(b), perRound.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    perRound.stream().mapToDouble(Double::doubleValue).max().orElse(0), goalPercent);
        }
    }

    /** Tavan in this JVM on SQLite: on an external broker when {@code brokerUrl} is set, else on its embedded one. */
    private static double tavanOnMqtt(Path dir, String brokerUrl, List<Rig> rigs, long total) throws Exception {
        TavanConfig base = TestApps.config(dir);
        TavanConfig config = new TavanConfig(base.http(), base.dataDir(), base.db(),
                new TavanConfig.Mqtt(Optional.ofNullable(brokerUrl), "127.0.0.1", 0, "", "", "tavan-bench-" + System.nanoTime()),
                Path.of("firmware-profiles"), base.adminPassword(), base.sessionLifetime(), base.uiLanguage());
        try (App app = new App(config).start()) {
            Map<String, String> passwords = register(app, rigs);
            String url = brokerUrl != null ? brokerUrl : "tcp://127.0.0.1:" + app.embeddedBrokerPort().orElseThrow();
            long start = publishAll(url, rigs, brokerUrl != null ? "bench-mosq-" : "", brokerUrl != null ? null : passwords);
            long end = awaitAccepted(List.of(app), total);
            requireExactlyOnce(app.database().url(), null, total);
            return total / ((end - start) / 1e9);
        }
    }

    /** {@code instances} Tavans in this JVM on one new PostgreSQL database, reading one new queue. */
    private static double national(Path dir, org.tavan.telemetry.queue.OwnRabbit rabbit, int instances, List<Rig> rigs,
                                   Map<String, String> rigPasswords, long total) throws Exception {
        TavanConfig.Db db = org.tavan.testing.TestDatabases.postgres();
        String queue = "tavan.bench." + System.nanoTime();
        List<App> apps = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                TavanConfig base = TestApps.config(dir.resolve("i" + i), db);
                TavanConfig config = new TavanConfig(base.http(), dir.resolve("data"), db,
                        new TavanConfig.Mqtt(Optional.empty(), "127.0.0.1", 0, "", "", "tavan-nat-" + i),
                        Path.of("firmware-profiles"), base.adminPassword(), base.sessionLifetime(), base.uiLanguage(),
                        new TavanConfig.Ingest(Optional.empty(), Duration.ofSeconds(60), 0, List.of(),
                                Optional.of(new TavanConfig.Queue(rabbit.amqpUrl(), queue, PARTITIONS)), Duration.ofSeconds(30)));
                App app = new App(config).start();
                apps.add(app);
                if (i == 0) {
                    register(app, rigs);
                }
                Eventually.until(Duration.ofSeconds(30), () -> app.metrics().find("tavan.ingest.stalled").gauge() != null
                        && new org.tavan.testing.Http(app.httpPort()).get("/health").status() == 200,
                        () -> "national instance not connected to " + rabbit.amqpUrl());
            }
            long start = publishAll(rabbit.mqttUrl(), rigs, "", rigPasswords);
            long end = awaitAccepted(apps, total);
            requireExactlyOnce(db.url(), db.user(), total);
            return total / ((end - start) / 1e9);
        } finally {
            for (App app : apps) {
                app.close();
            }
            // Left bound to amq.topic, the run's hash exchange would route a copy of every later
            // round's messages into its partition queues, which nobody reads: each round would
            // make RabbitMQ write one more copy of everything (the national figures fell round after
            // round, and (4b), measured after (4a), always paid one copy more).
            com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
            factory.setUri(rabbit.amqpUrl());
            try (com.rabbitmq.client.Connection c = factory.newConnection("bench-cleanup");
                 com.rabbitmq.client.Channel ch = c.createChannel()) {
                ch.exchangeDelete(queue);
                for (int p = 0; p < PARTITIONS; p++) {
                    ch.queueDelete(String.format("%s.p%02d", queue, p));
                }
            }
        }
    }

    private static Map<String, String> register(App app, List<Rig> rigs) {
        Map<String, String> passwords = new java.util.HashMap<>();
        for (Rig rig : rigs) {
            passwords.put(rig.id(), app.rigs().register(new Rigs.NewRig(rig.id(), "curb-drop-kv", "Bench", "Bay", null, null),
                    Actor.system("bench")).mqttPassword());
        }
        return passwords;
    }

    /** The moment the instances together counted {@code total} committed readings (looked at every 2 ms). */
    private static long awaitAccepted(List<App> apps, long total) {
        java.util.function.DoubleSupplier accepted = () -> apps.stream()
                .mapToDouble(app -> app.metrics().counter("tavan.ingest.frames", "result", "accepted").count()).sum();
        Eventually.until(Duration.ofMinutes(5), Duration.ofMillis(2), () -> accepted.getAsDouble() >= total,
                () -> accepted.getAsDouble() + " of " + total + " readings committed");
        return System.nanoTime();
    }

    private static void requireExactlyOnce(String db, String user, long total) {
        long rows = committed(db, user, "curb-0%");
        if (rows != total) {
            throw new AssertionError(rows + " rows stored for " + total + " frames");
        }
    }

    /** The pressure mat's values per second and the serial path at 115,200 baud, once each. */
    private static void otherPaths(Path dir, Path profiles, Path simulators) throws Exception {
        try (OwnMosquitto broker = new OwnMosquitto(dir.resolve("broker-other")).start()) {
            Path serialDir = Files.createDirectories(dir.resolve("serial"));
            Path tavanEnd = serialDir.resolve("drum-tavan");
            Path rigEnd = serialDir.resolve("drum-rig");
            Process socat = new ProcessBuilder("/usr/bin/socat", "pty,raw,echo=0,link=" + tavanEnd,
                    "pty,raw,echo=0,link=" + rigEnd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Eventually.until(Duration.ofSeconds(5), () -> Files.exists(tavanEnd), () -> "socat did not start");

            TavanConfig config = TestApps.config(dir.resolve("tavan-other"));
            config = new TavanConfig(config.http(), config.dataDir(), config.db(),
                    new TavanConfig.Mqtt(Optional.of(broker.url()), "127.0.0.1", 0, "", "", "tavan-bench"),
                    profiles, config.adminPassword(), config.sessionLifetime(), config.uiLanguage(),
                    new TavanConfig.Ingest(Optional.empty(), Duration.ofSeconds(60), 0,
                            List.of(new TavanConfig.SerialPort("drum-s1", tavanEnd.toString()))));
            try (App app = new App(config).start()) {
                Actor actor = Actor.system("bench");
                app.rigs().register(new Rigs.NewRig("mat-01", "pressure-mat-16", "Bench", "Fitting", null, null), actor);
                app.rigs().register(new Rigs.NewRig("drum-s1", "double-drum-drm", "Bench", "Drum", null, null), actor);
                String db = app.database().url();

                SimulatedRig mat = SimulatedRig.load(profiles.resolve("cushion-pressure-mat.json"), simulators, "mat-01",
                        Scenario.BURST, 7, Instant.now());
                List<byte[]> matFrames = mat.take(MAT_FRAMES).stream().map(SimulatedFrame::bytes).toList();
                int values = mat.profile().decoder().decode(matFrames.get(0)).measurements().size();
                long start = publishAll(broker.url(), List.of(new Rig("mat-01", mat.topic("teh").orElseThrow(), matFrames)), "bench-mat-", null);
                Eventually.until(Duration.ofMinutes(2), () -> committed(db, null, "mat-01") >= MAT_FRAMES,
                        () -> committed(db, null, "mat-01") + " mat frames");
                double matRate = MAT_FRAMES / ((System.nanoTime() - start) / 1e9);
                System.out.printf("pressure mat (%d values per frame):   %,10.0f frames/s = %,.0f values/s (%.0f bytes/frame stored)%n",
                        values, matRate, matRate * values, storedBytesPerFrame(db, "mat-01"));

                SimulatedRig drum = SimulatedRig.load(profiles.resolve("wheelchair-double-drum.json"), simulators,
                        "drum-s1", Scenario.BURST, 3, Instant.now());
                List<byte[]> lines = drum.take(SERIAL_FRAMES).stream().map(SimulatedFrame::bytes).toList();
                Eventually.until(Duration.ofSeconds(15), () -> app.rigs().get("drum-s1").status().equals("online"),
                        () -> "serial rig not online");
                long bytes = 0;
                start = System.nanoTime();
                try (OutputStream out = Files.newOutputStream(rigEnd)) {
                    for (byte[] line : lines) {
                        out.write(line);
                        out.write(new byte[] {'\r', '\n'});
                        bytes += line.length + 2;
                        // 115,200 baud, 8N1: 11,520 bytes per second on the wire
                        long due = start + (long) (bytes * 1e9 / 11_520);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                }
                Eventually.until(Duration.ofMinutes(1), () -> committed(db, null, "drum-s1") >= SERIAL_FRAMES,
                        () -> committed(db, null, "drum-s1") + " serial frames of " + SERIAL_FRAMES);
                double serialSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("serial 115,200 baud (%d-byte lines):  %,10.0f frames/s, %,d of %,d committed, %d rejected%n",
                        bytes / SERIAL_FRAMES, SERIAL_FRAMES / serialSeconds, committed(db, null, "drum-s1"), SERIAL_FRAMES,
                        app.rigs().get("drum-s1").framesRejected());
            } finally {
                socat.destroy();
            }
        }
    }

    private static double plainSubscriber(OwnMosquitto broker, List<Rig> rigs, long total) throws Exception {
        AtomicLong received = new AtomicLong();
        AtomicLong last = new AtomicLong();
        MqttAsyncClient sub = new MqttAsyncClient(broker.url(), "bench-plain", new MemoryPersistence());
        sub.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.incrementAndGet();
                last.set(System.nanoTime());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        sub.connect(options).waitForCompletion(10_000);
        sub.subscribe("workshop/+/curb-drop/+/telemetry", 1).waitForCompletion(10_000);
        long start = publishAll(broker.url(), rigs, "bench-plain-" + System.nanoTime() + "-", null);
        Eventually.until(Duration.ofMinutes(5), () -> received.get() >= total, () -> received.get() + " received");
        double rate = total / ((last.get() - start) / 1e9);
        sub.disconnect().waitForCompletion(5_000);
        sub.close();
        return rate;
    }

    /**
     * Connects every rig first (a rig signs in once a shift, and signing in to the embedded
     * broker verifies an Argon2 hash: that belongs to no burst), then one publisher thread per
     * rig at full speed. Returns the moment publishing started, once the broker accepted every frame.
     */
    private static long publishAll(String url, List<Rig> rigs, String clientPrefix, Map<String, String> passwords)
            throws Exception {
        List<LoadPublisher> publishers = new ArrayList<>();
        for (Rig rig : rigs) {
            publishers.add(passwords == null ? new LoadPublisher(url, clientPrefix + rig.id())
                    : new LoadPublisher(url, clientPrefix + rig.id(), rig.id(), passwords.get(rig.id())));
        }
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < rigs.size(); i++) {
            Rig rig = rigs.get(i);
            LoadPublisher p = publishers.get(i);
            Thread t = new Thread(() -> {
                try {
                    p.publishFrames(rig.topic(), rig.frames());
                    Eventually.until(Duration.ofMinutes(5), () -> p.acknowledged() >= rig.frames().size(),
                            () -> p.acknowledged() + " acknowledged");
                } catch (Exception | AssertionError e) {
                    synchronized (failures) {
                        failures.add(e instanceof Exception ex ? ex : new IllegalStateException(e));
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (LoadPublisher p : publishers) {
            p.close();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return start;
    }

    private static long committed(String db, String user, String rigLike) {
        try (var c = user == null ? java.sql.DriverManager.getConnection(db) : java.sql.DriverManager.getConnection(db, user, "");
             var s = c.prepareStatement("SELECT COUNT(*) FROM readings WHERE rig_id LIKE ?")) {
            s.setString(1, rigLike);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static double storedBytesPerFrame(String db, String rig) {
        try (var c = java.sql.DriverManager.getConnection(db);
             var s = c.prepareStatement("SELECT AVG(LENGTH(value_bytes)) FROM readings WHERE rig_id = ?")) {
            s.setString(1, rig);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
