package org.tavan.telemetry.queue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.config.TavanConfig;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.ingest.LoadPublisher;
import org.tavan.telemetry.ingest.ServiceProcess;
import org.tavan.telemetry.ingest.StoredReadings;
import org.tavan.telemetry.ingest.TestProfiles;
import org.tavan.testing.Http;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The national deployment as docs/national-deployment.md sets it up: rigs publish MQTT to
 * RabbitMQ, three Tavan instances on one PostgreSQL database share its partition queues.
 * While 4 rigs × 5,000 readings flow: one instance is killed -9 and started again, RabbitMQ
 * is restarted gracefully and then killed -9 and started again, and one instance is removed
 * for good. Every reading the broker acknowledged must be stored exactly once with no false
 * gap, and no instance may hit a deadlock.
 */
class NationalIngestTest {

    static final int RIGS = 4;
    static final int PER_RIG = 5_000;
    static final int TOTAL = RIGS * PER_RIG;

    @TempDir
    Path dir;

    private Map<String, String> settings(OwnRabbit rabbit, TavanConfig.Db db, String name) {
        return new HashMap<>(Map.of("db.url", db.url(), "db.user", db.user(), "ingest.queue.url", rabbit.amqpUrl(),
                "mqtt.client.id", name, "http.port", "0", "http.host", "127.0.0.1",
                "data.dir", dir.resolve("data").toString(), "admin.password", "admin-test-password",
                "profiles.dir", dir.resolve("profiles").toString()));
    }

    private static List<String> rigIds() {
        List<String> ids = new ArrayList<>();
        for (int r = 1; r <= RIGS; r++) {
            ids.add("drum-nat-0" + r);
        }
        return ids;
    }

    private static long stored(TavanConfig.Db db) {
        long sum = 0;
        for (String rig : rigIds()) {
            sum += Math.max(0, StoredReadings.of(db.url(), db.user(), rig).rows());
        }
        return sum;
    }

    @Test
    void three_instances_store_every_reading_once_through_instance_and_engine_crashes() throws Exception {
        TavanConfig.Db db = TestDatabases.postgres();
        Map<String, String> rigPasswords = new LinkedHashMap<>();
        List<String> registrations = new ArrayList<>();
        for (String rig : rigIds()) {
            rigPasswords.put(rig, "pw-" + rig);
            registrations.add(rig + "=" + TestProfiles.DRUM);
        }
        ExecutorService publishing = Executors.newFixedThreadPool(RIGS);
        try (OwnRabbit rabbit = new OwnRabbit(dir.resolve("rabbit"), rigPasswords).start();
             ServiceProcess a = new ServiceProcess(dir, "tavan-a", settings(rabbit, db, "tavan-a"), registrations);
             ServiceProcess b = new ServiceProcess(dir, "tavan-b", settings(rabbit, db, "tavan-b"), registrations);
             ServiceProcess c = new ServiceProcess(dir, "tavan-c", settings(rabbit, db, "tavan-c"), registrations)) {
            // The first instance declares the queue and its bindings before any rig publishes:
            // RabbitMQ drops (and still acknowledges) a publish that no queue is bound for.
            a.start();
            Eventually.until(Duration.ofSeconds(30), () -> queueReady(a), () -> "instance a never consumed: " + a.tail());
            b.start();
            c.start();

            List<LoadPublisher> rigs = new ArrayList<>();
            List<Future<?>> runs = new ArrayList<>();
            for (String rig : rigIds()) {
                LoadPublisher p = new LoadPublisher(rabbit.mqttUrl(), "sim-" + rig, rig, rigPasswords.get(rig));
                rigs.add(p);
                runs.add(publishing.submit(() -> {
                    p.publish(TestProfiles.drumTopic(rig), 1, PER_RIG, seq -> TestProfiles.drumFrame(seq, 700 + seq % 40, 1.0));
                    return null;
                }));
            }
            try {
                awaitStored(db, 2_000, a, b, c);
                a.kill();
                a.launch();

                awaitStored(db, 6_000, a, b, c);
                rabbit.stop();
                Eventually.until(Duration.ofSeconds(15), () -> health(c) == 503, () -> "c's /health while RabbitMQ is down");
                rabbit.start();

                awaitStored(db, 10_000, a, b, c);
                rabbit.kill();
                rabbit.start();

                awaitStored(db, 13_000, a, b, c);
                // Which rigs a partition carries is a hash of their topics, so with 4 rigs an
                // instance's partitions may carry none: what each instance is given is checked
                // on the partitions themselves, what was stored on the readings below.
                Eventually.until(Duration.ofSeconds(30), () -> partitionsHeld(db).equals(Map.of("a", 3, "b", 3, "c", 2)),
                        () -> "8 partitions over a, b, c as 3, 3, 2: " + partitionsHeld(db));
                b.stop(); // removed for good: a and c must take all of its share
                Eventually.until(Duration.ofSeconds(15), () -> partitionsHeld(db).equals(Map.of("a", 4, "c", 4)),
                        () -> "b's partitions given back to a and c at once: " + partitionsHeld(db));

                for (Future<?> run : runs) {
                    run.get(180, TimeUnit.SECONDS);
                }
                Eventually.until(Duration.ofSeconds(120), () -> stored(db) == TOTAL,
                        () -> "stored " + stored(db) + " of " + TOTAL + "\n--- a\n" + a.tail() + "\n--- c\n" + c.tail());
            } finally {
                for (LoadPublisher p : rigs) {
                    p.close();
                }
                publishing.shutdownNow();
            }

            assertThat(accepted(a) + accepted(c)).as("a and c stored what was left after b's removal").isPositive();
            for (String rig : rigIds()) {
                assertThat(StoredReadings.of(db.url(), db.user(), rig)).as(rig)
                        .isEqualTo(new StoredReadings(PER_RIG, PER_RIG, 1, PER_RIG));
                assertThat(StoredReadings.activity(db.url(), db.user(), rig, "frames_accepted")).as(rig).isEqualTo(PER_RIG);
                assertThat(StoredReadings.activity(db.url(), db.user(), rig, "missing_readings"))
                        .as(rig + " false gaps: " + StoredReadings.gaps(db.url(), db.user(), rig)).isZero();
            }
            for (String name : List.of("tavan-a", "tavan-b", "tavan-c")) {
                String log = Files.readString(dir.resolve(name + ".log"));
                assertThat(log).as(name + " log").doesNotContainIgnoringCase("deadlock");
            }
        } finally {
            publishing.shutdownNow();
        }
    }

    private static double accepted(ServiceProcess instance) {
        String metrics = new Http(instance.httpPort()).get("/metrics").body();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("tavan_ingest_frames_total\\{result=\"accepted\"} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** Partitions held per instance (a, b, c: the name before the lease id's suffix). */
    private static Map<String, Integer> partitionsHeld(TavanConfig.Db db) {
        Map<String, Integer> held = new java.util.TreeMap<>();
        try (java.sql.Connection conn = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
             java.sql.ResultSet rs = conn.createStatement().executeQuery(
                     "SELECT instance_id, COUNT(*) FROM ingest_partition_leases GROUP BY instance_id")) {
            while (rs.next()) {
                String name = rs.getString(1);
                held.merge(name.substring("tavan-".length(), name.indexOf('~')), rs.getInt(2), Integer::sum);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError("Cannot read the partition leases: " + e.getMessage(), e);
        }
        return held;
    }

    private static int health(ServiceProcess instance) {
        return new Http(instance.httpPort()).get("/health").status();
    }

    private static boolean queueReady(ServiceProcess instance) {
        try {
            return new Http(instance.httpPort()).get("/health").json().at("/broker/status").asText().equals("up");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void awaitStored(TavanConfig.Db db, long atLeast, ServiceProcess... instances) {
        Eventually.until(Duration.ofSeconds(90), () -> stored(db) >= atLeast, () -> {
            StringBuilder b = new StringBuilder("stored " + stored(db) + ", waiting for " + atLeast);
            for (ServiceProcess p : instances) {
                b.append("\n---\n").append(p.tail());
            }
            return b.toString();
        });
    }
}
