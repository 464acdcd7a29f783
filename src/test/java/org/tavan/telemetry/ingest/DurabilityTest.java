package org.tavan.telemetry.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise: no reading that a rig sent and the broker accepted is lost or counted twice,
 * whatever restarts in between. A simulated rig publishes 20,000 QoS 1 frames while Tavan
 * (a separate JVM) is SIGKILLed, or the broker restarts, in the middle of the run.
 */
class DurabilityTest {

    static final int FRAMES = 20_000;
    static final String RIG = "drum-dur-01";

    @TempDir
    Path dir;

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private Map<String, String> settings(OwnMosquitto broker, String db) {
        return Map.of("db.url", db, "mqtt.url", broker.url(), "mqtt.client.id", "tavan-durability",
                "http.port", "0", "http.host", "127.0.0.1", "data.dir", dir.resolve("data").toString(),
                "admin.password", "admin-test-password", "profiles.dir", dir.resolve("profiles").toString());
    }

    private Future<?> publishAll(OwnMosquitto broker) {
        return pool.submit(() -> {
            try (LoadPublisher rig = new LoadPublisher(broker.url(), "sim-" + RIG)) {
                rig.publish(TestProfiles.drumTopic(RIG), 1, FRAMES, seq -> TestProfiles.drumFrame(seq, 1500 + seq % 50, 1.2));
                Eventually.until(Duration.ofSeconds(40), () -> rig.acknowledged() == FRAMES,
                        () -> rig.acknowledged() + " of " + FRAMES + " accepted by the broker");
            }
            return null;
        });
    }

    private void assertExactlyEveryFrameOnce(String db, Future<?> publishing) throws Exception {
        publishing.get();
        Eventually.until(Duration.ofSeconds(40), () -> StoredReadings.of(db, null, RIG).rows() == FRAMES,
                () -> StoredReadings.of(db, null, RIG).toString());
        StoredReadings stored = StoredReadings.of(db, null, RIG);
        assertThat(stored).isEqualTo(new StoredReadings(FRAMES, FRAMES, 1, FRAMES));
        assertThat(StoredReadings.activity(db, null, RIG, "frames_accepted")).isEqualTo(FRAMES);
        assertThat(StoredReadings.activity(db, null, RIG, "missing_readings")).isZero();
    }

    @Test
    void a_sigkilled_service_loses_and_doubles_nothing() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("tavan.db");
        try (OwnMosquitto broker = new OwnMosquitto(dir.resolve("broker")).start();
             ServiceProcess tavan = new ServiceProcess(dir, "tavan", settings(broker, db),
                     List.of(RIG + "=" + TestProfiles.DRUM)).start()) {
            Future<?> publishing = publishAll(broker);
            Eventually.until(Duration.ofSeconds(30), () -> StoredReadings.of(db, null, RIG).rows() >= 3_000,
                    () -> StoredReadings.of(db, null, RIG) + "\n" + tavan.tail());
            tavan.kill();
            long atKill = StoredReadings.of(db, null, RIG).rows();
            assertThat(atKill).as("killed mid-run").isLessThan(FRAMES);
            tavan.start();
            assertExactlyEveryFrameOnce(db, publishing);
        }
    }

    @Test
    void a_broker_restart_mid_run_loses_and_doubles_nothing() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("tavan.db");
        try (OwnMosquitto broker = new OwnMosquitto(dir.resolve("broker")).start();
             ServiceProcess tavan = new ServiceProcess(dir, "tavan", settings(broker, db),
                     List.of(RIG + "=" + TestProfiles.DRUM)).start()) {
            Future<?> publishing = publishAll(broker);
            Eventually.until(Duration.ofSeconds(30), () -> StoredReadings.of(db, null, RIG).rows() >= 3_000,
                    () -> StoredReadings.of(db, null, RIG) + "\n" + tavan.tail());
            broker.stop();
            assertThat(StoredReadings.of(db, null, RIG).rows()).as("broker stopped mid-run").isLessThan(FRAMES);
            broker.start();
            assertExactlyEveryFrameOnce(db, publishing);
        }
    }
}
