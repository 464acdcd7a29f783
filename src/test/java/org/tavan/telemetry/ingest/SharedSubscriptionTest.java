package org.tavan.telemetry.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.config.TavanConfig;
import org.tavan.testing.Http;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** Two Tavan instances on one PostgreSQL schema split one rig's run through a shared subscription. */
class SharedSubscriptionTest {

    static final int FRAMES = 20_000;
    static final String RIG = "drum-shared-01";

    @TempDir
    Path dir;

    // Both instances share data.dir: it holds files every instance of one installation must
    // share (the beneficiaries' national-ID key); the database and the broker are external here.
    private Map<String, String> settings(OwnMosquitto broker, TavanConfig.Db db, String name) {
        Map<String, String> s = new HashMap<>(Map.of("db.url", db.url(), "db.user", db.user(), "mqtt.url", broker.url(),
                "mqtt.client.id", name, "mqtt.shared.group", "tavan", "http.port", "0", "http.host", "127.0.0.1",
                "data.dir", dir.resolve("data").toString(), "admin.password", "admin-test-password",
                "profiles.dir", dir.resolve("profiles").toString()));
        return s;
    }

    private static double accepted(ServiceProcess instance) {
        String metrics = new Http(instance.httpPort()).get("/metrics").body();
        Matcher m = Pattern.compile("tavan_ingest_frames_total\\{result=\"accepted\"} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void two_instances_with_a_shared_subscription_store_every_reading_exactly_once() throws Exception {
        TavanConfig.Db db = TestDatabases.postgres();
        try (OwnMosquitto broker = new OwnMosquitto(dir.resolve("broker")).start();
             ServiceProcess a = new ServiceProcess(dir, "tavan-a", settings(broker, db, "tavan-a"),
                     List.of(RIG + "=" + TestProfiles.DRUM)).start();
             ServiceProcess b = new ServiceProcess(dir, "tavan-b", settings(broker, db, "tavan-b"),
                     List.of(RIG + "=" + TestProfiles.DRUM)).start();
             LoadPublisher rig = new LoadPublisher(broker.url(), "sim-" + RIG)) {
            rig.publish(TestProfiles.drumTopic(RIG), 1, FRAMES, seq -> TestProfiles.drumFrame(seq, 700 + seq % 30, 1.0));
            Eventually.until(Duration.ofSeconds(45), () -> StoredReadings.of(db.url(), db.user(), RIG).rows() == FRAMES,
                    () -> StoredReadings.of(db.url(), db.user(), RIG) + "\n" + a.tail() + "\n" + b.tail());

            assertThat(StoredReadings.of(db.url(), db.user(), RIG)).isEqualTo(new StoredReadings(FRAMES, FRAMES, 1, FRAMES));
            double byA = accepted(a);
            double byB = accepted(b);
            assertThat(byA).as("instance a's share").isGreaterThan(0);
            assertThat(byB).as("instance b's share").isGreaterThan(0);
            assertThat(byA + byB).isEqualTo(FRAMES);
            // Both instances commit the same rig out of order; late frames fill the gaps they opened.
            Eventually.until(Duration.ofSeconds(15),
                    () -> StoredReadings.activity(db.url(), db.user(), RIG, "missing_readings") == 0,
                    () -> StoredReadings.gaps(db.url(), db.user(), RIG));
            assertThat(StoredReadings.activity(db.url(), db.user(), RIG, "frames_accepted")).isEqualTo(FRAMES);
        }
    }
}
