package org.tavan.telemetry.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.config.TavanConfig;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default with its database stuck: rigs keep publishing, the broker keeps taking
 * their frames and every connection looks fine, but nothing is committed. /health must say so.
 */
class StalledIngestTest {

    static final String RIG = "drum-stall-01";

    @TempDir
    Path dir;

    @Test
    void health_turns_503_while_frames_wait_with_nothing_committed_and_200_once_they_are_stored() throws Exception {
        TavanConfig base = TestApps.config(dir);
        TavanConfig config = base.withIngest(new TavanConfig.Ingest(Optional.empty(), Duration.ofSeconds(60), 0, List.of(),
                Optional.empty(), Duration.ofSeconds(2)));
        try (App app = new App(config).withIngestProfiles(TestProfiles.all()).start()) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            Http.Response r = admin.post("/api/rigs", Map.of("rigId", RIG, "profileId", TestProfiles.DRUM,
                    "workshop", "Tehran central workshop", "station", "Bay 3"));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            String password = r.json().get("mqttPassword").asText();
            Http anyone = new Http(app.httpPort());
            String url = "tcp://127.0.0.1:" + app.embeddedBrokerPort().orElseThrow();
            try (RigPublisher rig = new RigPublisher(url, RIG, RIG, password)) {
                for (int seq = 1; seq <= 10; seq++) {
                    rig.publish(TestProfiles.drumTopic(RIG), TestProfiles.drumFrame(seq, 900 + seq, 1.0));
                }
                Eventually.until(Duration.ofSeconds(15), () -> accepted(admin) == 10, () -> "accepted " + accepted(admin));
                assertThat(anyone.get("/health").status()).isEqualTo(200);
                Eventually.until(Duration.ofSeconds(15),
                        () -> anyone.get("/health").json().at("/ingest/waitingAtBroker").asLong() == 0,
                        () -> "the embedded broker counts what waits for Tavan: " + anyone.get("/health").body());

                // Another process holding SQLite's write lock: Tavan's commits wait and fail.
                try (Connection blocker = DriverManager.getConnection(config.db().url())) {
                    try (Statement st = blocker.createStatement()) {
                        st.execute("BEGIN IMMEDIATE");
                    }
                    for (int seq = 11; seq <= 20; seq++) {
                        rig.publish(TestProfiles.drumTopic(RIG), TestProfiles.drumFrame(seq, 900 + seq, 1.0));
                    }
                    Eventually.until(Duration.ofSeconds(15), () -> anyone.get("/health").status() == 503,
                            () -> anyone.get("/health").body());
                    Http.Response stalled = anyone.get("/health");
                    assertThat(stalled.json().at("/ingest/status").asText()).isEqualTo("stalled");
                    assertThat(stalled.json().at("/ingest/problem").asText()).contains("nothing committed");
                    assertThat(stalled.json().at("/broker/status").asText()).as("the broker itself is fine").isEqualTo("up");
                    assertThat(anyone.get("/metrics").body()).contains("tavan_ingest_stalled 1.0");
                    // The administrators' screen says the same as the probe, in words.
                    Http.Response screen = admin.get("/admin/health");
                    assertThat(screen.status()).as(screen.body()).isEqualTo(200);
                    assertThat(screen.body()).contains("data-testid=\"health-ingest\" data-status=\"stalled\"")
                            .contains("متوقف: پیام‌ها در انتظارند");
                    try (Statement st = blocker.createStatement()) {
                        st.execute("ROLLBACK");
                    }
                }
                Eventually.until(Duration.ofSeconds(30), () -> anyone.get("/health").status() == 200,
                        () -> anyone.get("/health").body());
                Eventually.until(Duration.ofSeconds(15), () -> accepted(admin) == 20, () -> "accepted " + accepted(admin));
                assertThat(anyone.get("/health").json().at("/ingest/status").asText()).isEqualTo("flowing");
                assertThat(admin.get("/admin/health").body()).contains("data-status=\"flowing\"");
            }
        }
    }

    private static long accepted(Http admin) {
        return admin.get("/api/rigs/" + RIG).json().get("framesAccepted").asLong();
    }
}
