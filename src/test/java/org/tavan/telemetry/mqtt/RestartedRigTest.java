package org.tavan.telemetry.mqtt;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.config.TavanConfig;
import org.tavan.audit.Actor;
import org.tavan.rigs.Rigs;
import org.tavan.simulators.MqttFramePublisher;
import org.tavan.simulators.Scenario;
import org.tavan.simulators.SimulatedFrame;
import org.tavan.simulators.SimulatedRig;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated rig over the embedded broker restarts its sequence counter (power cycle) between
 * two runs; Tavan itself restarts in the middle; frames of the first run are sent again after
 * the rig's restart. Every reading is stored once, none is taken for a duplicate of the other
 * run, and no gap is reported.
 */
class RestartedRigTest {

    private static final String RIG = "cd-restart";
    private static final Path PROFILE = Path.of("firmware-profiles/curb-drop.json");
    private static final Path SIMULATORS = Path.of("simulators");

    @TempDir
    Path dir;

    private static List<SimulatedFrame> run(long seed, Instant start) {
        return SimulatedRig.load(PROFILE, SIMULATORS, RIG, Scenario.PASS, seed, start).take(500);
    }

    private static void publish(App app, String password, String topic, List<SimulatedFrame> frames) throws Exception {
        try (MqttFramePublisher rig = new MqttFramePublisher("tcp://127.0.0.1:" + app.embeddedBrokerPort().orElseThrow(),
                "rig-" + RIG, RIG, password, topic, 100, Duration.ofSeconds(10))) {
            for (SimulatedFrame f : frames) {
                rig.send(f.bytes());
            }
            rig.flush();
        }
    }

    private static JsonNode rig(Http http) {
        return http.get("/api/rigs/" + RIG).json();
    }

    @Test
    void a_rig_that_restarts_its_counter_keeps_both_runs_and_old_redeliveries_stay_duplicates() throws Exception {
        TavanConfig config = TestApps.config(dir);
        List<SimulatedFrame> first = run(1, Instant.parse("2026-11-25T06:00:00Z"));
        List<SimulatedFrame> second = run(2, Instant.parse("2026-11-25T07:00:00Z"));
        String topic = SimulatedRig.load(PROFILE, SIMULATORS, RIG, Scenario.PASS, 1, Instant.EPOCH).topic("ws1")
                .orElseThrow();
        String password;
        try (App app = new App(config).start()) {
            password = app.rigs().register(new Rigs.NewRig(RIG, "curb-drop-kv", "Tehran central workshop", "Curb",
                    null, null), Actor.system("test")).mqttPassword();
            Http http = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            publish(app, password, topic, first);
            publish(app, password, topic, second.subList(0, 250));
            Eventually.until(Duration.ofSeconds(20), () -> rig(http).get("framesAccepted").asLong() == 750,
                    () -> rig(http).toString());
        }
        // Tavan restarts: the epoch comes from the database, not from memory.
        try (App app = new App(config).start()) {
            Http http = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            // The tail of the first run again (as a broker redelivers after a crash), then the rest of the second run.
            publish(app, password, topic, first.subList(450, 500));
            publish(app, password, topic, second.subList(250, 500));
            Eventually.until(Duration.ofSeconds(20), () -> rig(http).get("framesAccepted").asLong() == 1000
                            && rig(http).get("duplicates").asLong() == 50, () -> rig(http).toString());

            JsonNode view = rig(http);
            assertThat(view.at("/sequenceGaps/missingReadings").asLong()).isZero();
            assertThat(view.at("/sequenceGaps/openRanges").asLong()).isZero();
            JsonNode readings = http.get("/api/rigs/" + RIG + "/readings?limit=1000").json();
            assertThat(readings).hasSize(1000);
            long sequenceFive = 0;
            for (JsonNode r : readings) {
                sequenceFive += r.get("sequence").asLong() == 5 ? 1 : 0;
            }
            assertThat(sequenceFive).as("sequence 5 of each run").isEqualTo(2);
        }
    }
}
