package org.tavan.telemetry.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise: no reading that a rig sent and the broker accepted is lost or counted twice,
 * whatever restarts in between. Four simulated rigs publish 5,000 QoS 1 frames each (persistent
 * sessions that reconnect and resend, like real rigs) while Tavan, a separate JVM, is SIGKILLed
 * twice or restarted gracefully in the middle of the run — first on the embedded default that
 * the README's run command starts (the broker dies with Tavan), then on Mosquitto.
 * <p>
 * Each stop comes while the rigs are publishing and a backlog waits at the broker or in flight,
 * and more frames are published while the service is down (they wait in the rigs' buffers).
 */
class DurabilityTest {

    static final int PER_RIG = 5_000;
    static final List<String> RIGS = List.of("drum-dur-01", "drum-dur-02", "drum-dur-03", "drum-dur-04");
    static final Duration RESUME_WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<LoadPublisher> publishers = new ArrayList<>();
    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void closePublishers() throws MqttException {
        pool.shutdownNow();
        for (LoadPublisher p : publishers) {
            p.close();
        }
    }

    private Map<String, String> settings(String db) {
        return new HashMap<>(Map.of("db.url", db, "mqtt.client.id", "tavan-durability",
                "http.port", "0", "http.host", "127.0.0.1", "data.dir", dir.resolve("data").toString(),
                "admin.password", "admin-test-password", "profiles.dir", dir.resolve("profiles").toString()));
    }

    private ServiceProcess onEmbeddedBroker(String db, int mqttPort) {
        Map<String, String> s = settings(db);
        s.put("mqtt.port", String.valueOf(mqttPort));
        s.put("mqtt.host", "127.0.0.1");
        return new ServiceProcess(dir, "tavan", s, RIGS.stream().map(r -> r + "=" + TestProfiles.DRUM).toList());
    }

    private ServiceProcess onMosquitto(String db, OwnMosquitto broker) {
        Map<String, String> s = settings(db);
        s.put("mqtt.url", broker.url());
        return new ServiceProcess(dir, "tavan", s, RIGS.stream().map(r -> r + "=" + TestProfiles.DRUM).toList());
    }

    /** One publisher per rig, signed in with the rig's password where the broker asks for one. */
    private void connectRigs(String url, Map<String, String> passwords) throws MqttException {
        for (String rig : RIGS) {
            publishers.add(passwords.isEmpty() ? new LoadPublisher(url, "sim-" + rig)
                    : new LoadPublisher(url, "sim-" + rig, rig, passwords.get(rig)));
        }
    }

    /** Each rig publishes frames first..last; while the broker is down they wait in the rig's buffer. */
    private void publish(long first, long last) throws InterruptedException {
        for (int i = 0; i < RIGS.size(); i++) {
            long base = 1000 + i * 100;
            publishers.get(i).publish(TestProfiles.drumTopic(RIGS.get(i)), first, last,
                    seq -> TestProfiles.drumFrame(seq, base + seq % 50, 1.2));
        }
    }

    private static long storedTotal(String db) {
        return RIGS.stream().mapToLong(r -> Math.max(0, StoredReadings.of(db, null, r).rows())).sum();
    }

    private static void waitForStored(String db, long atLeast, ServiceProcess tavan) {
        Eventually.until(Duration.ofSeconds(60), () -> storedTotal(db) >= atLeast,
                () -> storedTotal(db) + " of at least " + atLeast + " stored\n" + tavan.tail());
    }

    /** Starts the service again and checks that readings flow again soon after it is up. */
    private static void restartAndResume(ServiceProcess tavan, String db, boolean allPublished) {
        long before = storedTotal(db);
        tavan.start();
        if (!allPublished || before < (long) PER_RIG * RIGS.size()) {
            Eventually.until(RESUME_WITHIN, () -> storedTotal(db) > before,
                    () -> "no reading committed within " + RESUME_WITHIN + " of the restart (" + before + " stored)\n"
                            + tavan.tail());
        }
    }

    private void assertExactlyEveryFrameOnce(String db, ServiceProcess tavan) {
        for (LoadPublisher p : publishers) {
            Eventually.until(Duration.ofSeconds(60), () -> p.acknowledged() >= PER_RIG,
                    () -> p.acknowledged() + " of " + PER_RIG + " accepted by the broker\n" + tavan.tail());
        }
        long all = (long) PER_RIG * RIGS.size();
        Eventually.until(Duration.ofSeconds(60), () -> storedTotal(db) >= all,
                () -> storedTotal(db) + " of " + all + " stored; " + RIGS.stream()
                        .map(r -> r + " " + StoredReadings.of(db, null, r) + " gaps " + StoredReadings.gaps(db, null, r))
                        .toList() + "\n" + tavan.tail());
        for (String rig : RIGS) {
            assertThat(StoredReadings.of(db, null, rig)).as(rig)
                    .isEqualTo(new StoredReadings(PER_RIG, PER_RIG, 1, PER_RIG));
            assertThat(StoredReadings.activity(db, null, rig, "frames_accepted")).as(rig).isEqualTo(PER_RIG);
            assertThat(StoredReadings.activity(db, null, rig, "missing_readings")).as(rig).isZero();
        }
    }

    /** Publishes in the background, so the service can be stopped while frames are still coming. */
    private Future<?> publishing(long first, long last) {
        return pool.submit(() -> {
            publish(first, last);
            return null;
        });
    }

    /** The rigs' publishing of one part ended; bounded, as a publisher stuck on a dead broker would hang the suite. */
    private static void published(Future<?> part) throws Exception {
        try {
            part.get(120, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the rigs were still publishing after 120 s", e);
        }
    }

    /**
     * Two SIGKILLs while the rigs are publishing and a backlog waits to be stored, each followed
     * by a restart on the same data directory.
     */
    private void killTwiceMidRun(ServiceProcess tavan, String db, String url, boolean rigsSignIn) throws Exception {
        tavan.start();
        connectRigs(url, rigsSignIn ? tavan.rigPasswords() : Map.of());
        Future<?> part = publishing(1, 3_000);
        waitForStored(db, 3_000, tavan);
        tavan.kill();
        assertThat(storedTotal(db)).as("killed mid-run").isLessThan(12_000);
        published(part);

        part = publishing(3_001, 4_000);
        long before = storedTotal(db);
        // The second power cut comes while the restarted service is still catching up.
        tavan.launch();
        waitForStored(db, before + 1_000, tavan);
        tavan.kill();
        assertThat(storedTotal(db)).as("killed mid-run again").isLessThan(16_000);
        published(part);

        publish(4_001, PER_RIG);
        restartAndResume(tavan, db, true);
        assertExactlyEveryFrameOnce(db, tavan);
    }

    private void restartGracefullyMidRun(ServiceProcess tavan, String db, String url, boolean rigsSignIn)
            throws Exception {
        tavan.start();
        connectRigs(url, rigsSignIn ? tavan.rigPasswords() : Map.of());
        Future<?> part = publishing(1, 3_000);
        waitForStored(db, 3_000, tavan);
        tavan.stop();
        assertThat(storedTotal(db)).as("stopped mid-run").isLessThan(12_000);
        published(part);
        publish(3_001, PER_RIG);
        restartAndResume(tavan, db, true);
        assertExactlyEveryFrameOnce(db, tavan);
    }

    @Test
    void on_the_embedded_broker_two_sigkills_lose_and_double_nothing() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("tavan.db");
        int port = freePort();
        try (ServiceProcess tavan = onEmbeddedBroker(db, port)) {
            killTwiceMidRun(tavan, db, "tcp://127.0.0.1:" + port, true);
        }
    }

    @Test
    void on_the_embedded_broker_a_graceful_restart_loses_and_doubles_nothing() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("tavan.db");
        int port = freePort();
        try (ServiceProcess tavan = onEmbeddedBroker(db, port)) {
            restartGracefullyMidRun(tavan, db, "tcp://127.0.0.1:" + port, true);
        }
    }

    @Test
    void on_mosquitto_two_sigkills_lose_and_double_nothing() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("tavan.db");
        try (OwnMosquitto broker = new OwnMosquitto(dir.resolve("broker")).start();
             ServiceProcess tavan = onMosquitto(db, broker)) {
            killTwiceMidRun(tavan, db, broker.url(), false);
        }
    }

    @Test
    void on_mosquitto_a_broker_restart_mid_run_loses_and_doubles_nothing() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("tavan.db");
        try (OwnMosquitto broker = new OwnMosquitto(dir.resolve("broker")).start();
             ServiceProcess tavan = onMosquitto(db, broker)) {
            tavan.start();
            connectRigs(broker.url(), Map.of());
            Future<?> part = publishing(1, 3_000);
            waitForStored(db, 3_000, tavan);
            broker.stop();
            assertThat(storedTotal(db)).as("broker stopped mid-run").isLessThan(12_000);
            published(part);
            publish(3_001, PER_RIG);
            broker.start();
            assertExactlyEveryFrameOnce(db, tavan);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
