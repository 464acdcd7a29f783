package org.tavan.quality;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.config.TavanConfig;
import org.tavan.simulators.Scenario;
import org.tavan.simulators.SerialFramePublisher;
import org.tavan.simulators.SimulatedFrame;
import org.tavan.simulators.SimulatedRig;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.serial.SocatPair;
import org.tavan.testing.Http;
import org.tavan.testing.Services;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tavan.quality.ProductionToReleaseApiTest.expect;
import static org.tavan.quality.ProductionToReleaseApiTest.refused;

/**
 * The serial twin of {@link MqttRigVerdictTest}, over the HTTP API only: two double-drum rigs of
 * the shipped {@code double-drum-drm} profile on socat pseudo-terminals, fed by the simulator
 * library with the profile's own encoder. Only frames received while the session is open count.
 */
class SerialRigVerdictTest {

    static final String PROFILE = "double-drum-drm";
    static final Instant RUN_START = Instant.parse("2026-11-25T06:00:00Z");

    // Like the shipped WC-FATIGUE-DRUM plan: rig kind = the profile id, measurements = the names
    // the profile emits (SeedPlansFitProfilesTest keeps the seed catalogue so).
    static final String CATALOG = """
            {"plans": {"DRUM-SERIAL": {"name": "Drum run-in over RS-232", "rigKinds": ["double-drum-drm"],
               "measurements": [
                 {"name": "speed", "unit": "m/s", "aggregate": "mean", "lower": 0.95, "upper": 1.05,
                  "standard": "ISO 7176-8", "clause": "1.0 m/s drum speed", "unverified": true},
                 {"name": "load_front", "unit": "N", "aggregate": "max", "upper": 450,
                  "standard": "organisation rule", "clause": "front drum load", "unverified": true}],
               "source": "test"}},
             "models": [{"code": "WCS", "name": "Wheelchair", "nameFa": "ویلچر", "deviceClass": "manual_wheelchair",
                         "iso9999": "12.22.03", "whoPriority": true,
                         "variants": [{"code": "WCS-40", "name": "seat 40", "specs": {"seat_width_mm": 400}}],
                         "routing": [{"station": "welding"}, {"station": "drum_test", "testPlanCode": "DRUM-SERIAL"}]}]}
            """;

    @TempDir
    Path dir;

    @Test
    void a_rig_run_over_a_serial_line_gives_a_verdict_on_its_session_frames_and_a_failing_run_leaves_rework()
            throws Exception {
        Services.requireProgram("socat", SocatPair.SOCAT, "apt-get install -y socat");
        try (SocatPair bay1 = new SocatPair(dir, "bay1").plugIn();
             SocatPair bay2 = new SocatPair(dir, "bay2").plugIn();
             App app = new App(TestApps.config(dir).withIngest(new TavanConfig.Ingest(Optional.empty(),
                     Duration.ofSeconds(60), 0, List.of(new TavanConfig.SerialPort("drum-s1", bay1.tavanEnd.toString()),
                     new TavanConfig.SerialPort("drum-s2", bay2.tavanEnd.toString()))))).start()) {
            Http http = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            expect(http.post("/api/inventory/locations", Map.of("code", "WS-ISF", "name", "کارگاه اصفهان", "kind", "workshop")), 201);
            expect(http.postRaw("/api/catalog/import", "application/json", CATALOG), 201);
            register(http, "drum-s1");
            register(http, "drum-s2");
            awaitOnline(http, "drum-s1");
            awaitOnline(http, "drum-s2");

            long wo = expect(http.post("/api/production/work-orders", Map.of("variantCode", "WCS-40", "quantity", 2,
                    "workshopCode", "WS-ISF", "dueDate", "2026-12-20")), 201).get("id").asLong();
            JsonNode released = expect(http.post("/api/production/work-orders/" + wo + "/release", Map.of()), 200);
            String a = released.at("/serials/0").asText();
            String b = released.at("/serials/1").asText();
            for (String serial : List.of(a, b)) {
                expect(http.post("/api/floor/units/" + serial + "/start", Map.of("station", "welding")), 200);
                JsonNode atTest = expect(http.post("/api/floor/units/" + serial + "/complete", Map.of("station", "welding")), 200);
                assertThat(atTest.get("station").asText()).isEqualTo("drum_test");
            }

            SimulatedRig passing = rig("drum-s1", Scenario.PASS);
            List<SimulatedFrame> run = passing.take(25);
            long sa;
            try (SerialFramePublisher line = new SerialFramePublisher(bay1.rigEnd.toString(), passing.profile().serial().orElseThrow())) {
                // Five frames before the session: stored by ingest, but not the session's.
                send(line, run.subList(0, 5));
                awaitAccepted(http, "drum-s1", 5);
                long seen = System.currentTimeMillis();
                // received_at has millisecond resolution: open strictly after the last early frame.
                Eventually.until(Duration.ofSeconds(1), () -> System.currentTimeMillis() > seen, () -> "clock");

                sa = expect(http.post("/api/quality/sessions", Map.of("serial", a, "rigId", "drum-s1")), 201).get("id").asLong();
                send(line, run.subList(5, 25));
                awaitAccepted(http, "drum-s1", 25);
            }
            JsonNode verdict = expect(http.post("/api/quality/sessions/" + sa + "/verdict", Map.of()), 201);
            assertThat(verdict.get("outcome").asText()).as(verdict.toString()).isEqualTo("pass");
            assertThat(verdict.get("rigId").asText()).isEqualTo("drum-s1");
            assertThat(verdict.get("rigKind").asText()).isEqualTo(PROFILE);
            assertThat(verdict.get("rigCertificate").asText()).isEqualTo("CAL-drum-s1");

            List<Long> cited = new ArrayList<>();
            verdict.at("/detail/readingIds").forEach(id -> cited.add(id.asLong()));
            List<Long> sessionFrames = new ArrayList<>();
            for (JsonNode r : expect(http.get("/api/rigs/drum-s1/readings?limit=100"), 200)) {
                if (r.get("sequence").asLong() > 5) {
                    sessionFrames.add(r.get("id").asLong());
                }
            }
            assertThat(sessionFrames).hasSize(20);
            assertThat(cited).containsExactlyInAnyOrderElementsOf(sessionFrames);
            assertThat(verdict.at("/detail/result/measurements/0/value").asDouble())
                    .isCloseTo(mean(run.subList(5, 25), "speed"), within(1e-9));
            assertThat(verdict.at("/detail/result/measurements/1/value").asDouble())
                    .isCloseTo(max(run.subList(5, 25), "load_front"), within(1e-9));

            JsonNode release = expect(http.post("/api/quality/units/" + a + "/release", Map.of()), 200);
            assertThat(release.at("/movement/reason").asText()).isEqualTo("release");
            assertThat(expect(http.get("/api/inventory/units/" + a), 200).get("status").asText()).isEqualTo("available");

            SimulatedRig failing = rig("drum-s2", Scenario.FAIL);
            long sb = expect(http.post("/api/quality/sessions", Map.of("serial", b, "rigId", "drum-s2")), 201).get("id").asLong();
            try (SerialFramePublisher line = new SerialFramePublisher(bay2.rigEnd.toString(), failing.profile().serial().orElseThrow())) {
                send(line, failing.take(20));
                awaitAccepted(http, "drum-s2", 20);
            }
            JsonNode fail = expect(http.post("/api/quality/sessions/" + sb + "/verdict", Map.of()), 201);
            assertThat(fail.get("outcome").asText()).as(fail.toString()).isEqualTo("fail");
            assertThat(fail.at("/detail/readingIds")).hasSize(20);
            assertThat(fail.get("nonconformanceId").isNumber()).isTrue();
            assertThat(expect(http.get("/api/floor/units/" + b), 200).get("state").asText()).isEqualTo("rework_waiting");
            refused(http.post("/api/quality/units/" + b + "/release", Map.of()), 409, "release_without_pass");
        }
    }

    private static SimulatedRig rig(String rigId, Scenario scenario) {
        return SimulatedRig.load(Path.of("firmware-profiles/wheelchair-double-drum.json"), Path.of("simulators"), rigId,
                scenario, 7, RUN_START);
    }

    private static void send(SerialFramePublisher line, List<SimulatedFrame> frames) throws Exception {
        for (SimulatedFrame f : frames) {
            line.send(f.bytes());
        }
        line.flush();
    }

    private static double mean(List<SimulatedFrame> frames, String name) {
        return frames.stream().mapToDouble(f -> f.intended().orElseThrow().values().get(name)).average().orElseThrow();
    }

    private static double max(List<SimulatedFrame> frames, String name) {
        return frames.stream().mapToDouble(f -> f.intended().orElseThrow().values().get(name)).max().orElseThrow();
    }

    private static void register(Http http, String rig) {
        Http.Response r = http.post("/api/rigs", Map.of("rigId", rig, "profileId", PROFILE, "workshop", "WS-ISF",
                "station", "drum_test", "calibrationCertificate", "CAL-" + rig, "calibrationDue", "2027-06-30"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static void awaitOnline(Http http, String rig) {
        Eventually.until(Duration.ofSeconds(10), () -> http.get("/api/rigs/" + rig).json().get("status").asText().equals("online"),
                () -> http.get("/api/rigs/" + rig).body());
    }

    private static void awaitAccepted(Http http, String rig, long frames) {
        Eventually.until(Duration.ofSeconds(10), () -> http.get("/api/rigs/" + rig).json().get("framesAccepted").asLong() == frames,
                () -> http.get("/api/rigs/" + rig).body());
    }
}
