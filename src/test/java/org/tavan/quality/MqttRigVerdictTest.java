package org.tavan.quality;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.ingest.RigPublisher;
import org.tavan.telemetry.ingest.TestProfiles;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tavan.quality.ProductionToReleaseApiTest.expect;
import static org.tavan.quality.ProductionToReleaseApiTest.refused;

/**
 * A registered rig publishing over MQTT (embedded broker, ingest with a test profile): only the
 * frames received while the session is open count, the verdict cites them and holds them, and
 * the registry's calibration date is enforced.
 */
class MqttRigVerdictTest {

    @TempDir
    Path dir;

    static final String CATALOG = """
            {"plans": {"DRUM-QC": {"name": "Drum run-in", "rigKinds": ["test-drum"],
               "measurements": [
                 {"name": "speed", "unit": "m/s", "aggregate": "mean", "lower": 0.95, "upper": 1.05,
                  "standard": "ISO 7176-8", "clause": "1.0 m/s drum speed", "unverified": true},
                 {"name": "force", "unit": "N", "aggregate": "max", "upper": 2000,
                  "standard": "organisation rule", "clause": "peak force", "unverified": true}],
               "source": "test"}},
             "models": [{"code": "WCD", "name": "Wheelchair", "nameFa": "ویلچر", "deviceClass": "manual_wheelchair",
                         "iso9999": "12.22.03", "whoPriority": true,
                         "variants": [{"code": "WCD-40", "name": "seat 40", "specs": {"seat_width_mm": 400}}],
                         "routing": [{"station": "drum_test", "testPlanCode": "DRUM-QC"}]}]}
            """;

    @Test
    void a_rig_run_over_mqtt_gives_a_traceable_verdict_and_a_failing_run_leaves_rework() throws Exception {
        try (App app = new App(TestApps.config(dir)).withIngestProfiles(TestProfiles.all()).start()) {
            Http http = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            expect(http.post("/api/inventory/locations", Map.of("code", "WS-TEH", "name", "کارگاه", "kind", "workshop")), 201);
            expect(http.postRaw("/api/catalog/import", "application/json", CATALOG), 201);
            long wo = expect(http.post("/api/production/work-orders", Map.of("variantCode", "WCD-40", "quantity", 2,
                    "workshopCode", "WS-TEH", "dueDate", "2026-12-20")), 201).get("id").asLong();
            JsonNode released = expect(http.post("/api/production/work-orders/" + wo + "/release", Map.of()), 200);
            String a = released.at("/serials/0").asText();
            String b = released.at("/serials/1").asText();
            String password = register(http, "drum-01", "2027-06-30");
            register(http, "drum-old", "2020-01-01");
            refused(http.post("/api/quality/sessions", Map.of("serial", a, "rigId", "drum-old")), 409, "rig_calibration_overdue");

            String url = "tcp://127.0.0.1:" + app.embeddedBrokerPort().orElseThrow();
            try (RigPublisher rig = new RigPublisher(url, "drum-01", "drum-01", password)) {
                // Frames before the session: stored by ingest, but not the session's.
                for (int seq = 1; seq <= 5; seq++) {
                    rig.publish(TestProfiles.drumTopic("drum-01"), TestProfiles.drumFrame(seq, 5000, 0.2));
                }
                Eventually.until(Duration.ofSeconds(15), () -> framesAccepted(http) == 5, () -> "frames: " + framesAccepted(http));
                // received_at has millisecond resolution: open strictly after the last early frame.
                long seen = System.currentTimeMillis();
                Eventually.until(Duration.ofSeconds(10), () -> System.currentTimeMillis() > seen, () -> "the clock did not move");

                long sa = expect(http.post("/api/quality/sessions", Map.of("serial", a, "rigId", "drum-01")), 201).get("id").asLong();
                for (int seq = 6; seq <= 25; seq++) {
                    rig.publish(TestProfiles.drumTopic("drum-01"), TestProfiles.drumFrame(seq, 1200 + seq, 1.0));
                }
                Eventually.until(Duration.ofSeconds(15), () -> framesAccepted(http) == 25, () -> "frames: " + framesAccepted(http));
                JsonNode verdict = expect(http.post("/api/quality/sessions/" + sa + "/verdict", Map.of()), 201);
                assertThat(verdict.get("outcome").asText()).as(verdict.toString()).isEqualTo("pass");
                assertThat(verdict.get("rigCertificate").asText()).isEqualTo("CAL-drum-01");
                assertThat(verdict.get("rigKind").asText()).isEqualTo("test-drum");
                assertThat(verdict.at("/detail/readingIds")).hasSize(20);
                assertThat(verdict.at("/detail/result/measurements/1/value").asDouble()).isEqualTo(1225.0);
                long holds = app.database().read(h -> h.createQuery("SELECT COUNT(*) FROM reading_holds").mapTo(Long.class).one());
                assertThat(holds).isEqualTo(1);
                expect(http.post("/api/quality/units/" + a + "/release", Map.of()), 200);

                long sb = expect(http.post("/api/quality/sessions", Map.of("serial", b, "rigId", "drum-01")), 201).get("id").asLong();
                for (int seq = 26; seq <= 30; seq++) {
                    rig.publish(TestProfiles.drumTopic("drum-01"), TestProfiles.drumFrame(seq, 1200, 0.8));
                }
                Eventually.until(Duration.ofSeconds(15), () -> framesAccepted(http) == 30, () -> "frames: " + framesAccepted(http));
                JsonNode fail = expect(http.post("/api/quality/sessions/" + sb + "/verdict", Map.of()), 201);
                assertThat(fail.get("outcome").asText()).isEqualTo("fail");
                assertThat(expect(http.get("/api/floor/units/" + b), 200).get("state").asText()).isEqualTo("rework_waiting");
                refused(http.post("/api/quality/units/" + b + "/release", Map.of()), 409, "release_without_pass");
            }
        }
    }

    private static String register(Http http, String rig, String calibrationDue) {
        Http.Response r = http.post("/api/rigs", Map.of("rigId", rig, "profileId", TestProfiles.DRUM,
                "workshop", "WS-TEH", "station", "drum_test", "calibrationCertificate", "CAL-" + rig,
                "calibrationDue", calibrationDue));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("mqttPassword").asText();
    }

    private static long framesAccepted(Http http) {
        return http.get("/api/rigs/drum-01").json().get("framesAccepted").asLong();
    }
}
