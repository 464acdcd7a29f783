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

    static final int RIGS = 4;
    static final int FRAMES_PER_RIG = 25_000;
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
        System.out.printf("Ingest benchmark: %d rigs x %d curb-drop frames (key=value, CRC-16), %d cores%n",
                RIGS, FRAMES_PER_RIG, Runtime.getRuntime().availableProcessors());

        try (OwnMosquitto broker = new OwnMosquitto(dir.resolve("broker")).start()) {
            double ceiling = plainSubscriber(broker, rigs, total);
            System.out.printf("(1) plain Paho subscriber, QoS 1:         %,10.0f messages/s%n", ceiling);

            Path serialDir = Files.createDirectories(dir.resolve("serial"));
            Path tavanEnd = serialDir.resolve("drum-tavan");
            Path rigEnd = serialDir.resolve("drum-rig");
            Process socat = new ProcessBuilder("/usr/bin/socat", "pty,raw,echo=0,link=" + tavanEnd,
                    "pty,raw,echo=0,link=" + rigEnd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Eventually.until(Duration.ofSeconds(5), () -> Files.exists(tavanEnd), () -> "socat did not start");

            TavanConfig config = TestApps.config(dir.resolve("tavan"));
            config = new TavanConfig(config.http(), config.dataDir(), config.db(),
                    new TavanConfig.Mqtt(Optional.of(broker.url()), "127.0.0.1", 0, "", "", "tavan-bench"),
                    profiles, config.adminPassword(), config.sessionLifetime(), config.uiLanguage(),
                    new TavanConfig.Ingest(Optional.empty(), Duration.ofSeconds(60), 0,
                            List.of(new TavanConfig.SerialPort("drum-s1", tavanEnd.toString()))));
            try (App app = new App(config).start()) {
                Actor actor = Actor.system("bench");
                for (Rig rig : rigs) {
                    app.rigs().register(new Rigs.NewRig(rig.id(), "curb-drop-kv", "Bench", "Bay", null, null), actor);
                }
                app.rigs().register(new Rigs.NewRig("mat-01", "pressure-mat-16", "Bench", "Fitting", null, null), actor);
                app.rigs().register(new Rigs.NewRig("drum-s1", "double-drum-drm", "Bench", "Drum", null, null), actor);
                String db = app.database().url();

                long start = System.nanoTime();
                publishAll(broker, rigs, "bench-tavan-");
                Eventually.until(Duration.ofMinutes(5), () -> committed(db, "curb-0%") >= total,
                        () -> committed(db, "curb-0%") + " of " + total + " committed");
                double tavan = total / ((System.nanoTime() - start) / 1e9);
                System.out.printf("(2) Tavan, committed readings:            %,10.0f readings/s%n", tavan);
                System.out.printf("    ratio (2)/(1):                        %10.1f %%  (goal >= 80 %%)%n", 100 * tavan / ceiling);
                System.out.printf("    stored exactly once:                  %s (%,d rows for %,d frames)%n",
                        committed(db, "curb-0%") == total, committed(db, "curb-0%"), total);

                SimulatedRig mat = SimulatedRig.load(profiles.resolve("cushion-pressure-mat.json"), simulators, "mat-01",
                        Scenario.BURST, 7, Instant.now());
                List<byte[]> matFrames = mat.take(MAT_FRAMES).stream().map(SimulatedFrame::bytes).toList();
                int values = mat.profile().decoder().decode(matFrames.get(0)).measurements().size();
                start = System.nanoTime();
                publishAll(broker, List.of(new Rig("mat-01", mat.topic("teh").orElseThrow(), matFrames)), "bench-mat-");
                Eventually.until(Duration.ofMinutes(2), () -> committed(db, "mat-01") >= MAT_FRAMES,
                        () -> committed(db, "mat-01") + " mat frames");
                double matRate = MAT_FRAMES / ((System.nanoTime() - start) / 1e9);
                System.out.printf("(3) pressure mat (%d values per frame):   %,10.0f frames/s = %,.0f values/s (%.0f bytes/frame stored)%n",
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
                Eventually.until(Duration.ofMinutes(1), () -> committed(db, "drum-s1") >= SERIAL_FRAMES,
                        () -> committed(db, "drum-s1") + " serial frames of " + SERIAL_FRAMES);
                double serialSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("(4) serial 115,200 baud (%d-byte lines):  %,10.0f frames/s, %,d of %,d committed, %d rejected%n",
                        bytes / SERIAL_FRAMES, SERIAL_FRAMES / serialSeconds, committed(db, "drum-s1"), SERIAL_FRAMES,
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
        long start = System.nanoTime();
        publishAll(broker, rigs, "bench-plain-");
        Eventually.until(Duration.ofMinutes(5), () -> received.get() >= total, () -> received.get() + " received");
        double rate = total / ((last.get() - start) / 1e9);
        sub.disconnect().waitForCompletion(5_000);
        sub.close();
        return rate;
    }

    /** One publisher thread per rig, all at full speed; returns when the broker accepted every frame. */
    private static void publishAll(OwnMosquitto broker, List<Rig> rigs, String clientPrefix) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (Rig rig : rigs) {
            Thread t = new Thread(() -> {
                try (LoadPublisher p = new LoadPublisher(broker.url(), clientPrefix + rig.id())) {
                    p.publishFrames(rig.topic(), rig.frames());
                    Eventually.until(Duration.ofMinutes(5), () -> p.acknowledged() >= rig.frames().size(),
                            () -> p.acknowledged() + " acknowledged");
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static long committed(String db, String rigLike) {
        try (var c = java.sql.DriverManager.getConnection(db);
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
