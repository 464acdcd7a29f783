package org.tavan.quality;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tavan.quality.ProductionToReleaseApiTest.expect;
import static org.tavan.quality.ProductionToReleaseApiTest.refused;

/**
 * A fatigue run outlives a pause, a service restart and a rig restart; too many part replacements
 * fail it. The rigs are registry rigs of the shipped curb-drop-kv profile publishing their drop
 * counter over the embedded broker; the run is scaled down to 1,000 drops.
 */
class LongRunApiTest {

    @TempDir
    Path dir;

    static final String CATALOG = """
            {"plans": {"FATIGUE": {"name": "Curb drop", "rigKinds": ["curb-drop-kv"],
               "measurements": [{"name": "drop_height", "unit": "mm", "aggregate": "mean", "lower": 48, "upper": 52,
                                 "standard": "ISO 7176-8", "clause": "drop from 50 mm", "unverified": true}],
               "checklist": [{"key": "no_crack", "text": "No visible crack"}],
               "longRun": {"counter": "drops", "cycleTarget": 1000, "checkpoints": [0.25, 0.5, 0.75],
                           "checkpointTolerance": 0.05, "maxReplacements": 1},
               "source": "ISO 7176-8 (scaled down for the test)"}},
             "models": [{"code": "WCT", "name": "Wheelchair type-test sample", "nameFa": "نمونهٔ آزمون نوعی",
                         "deviceClass": "manual_wheelchair", "iso9999": "12.22.03", "whoPriority": true,
                         "variants": [{"code": "WCT-40", "name": "seat 40", "specs": {"seat_width_mm": 400}}],
                         "routing": [{"station": "fatigue_test", "testPlanCode": "FATIGUE"}]}]}
            """;

    @Test
    void a_fatigue_run_survives_pause_and_restart_and_fails_on_too_many_replacements() throws Exception {
        String a;
        String b;
        long session;
        String dd1;
        String dd2;
        try (App app = TestApps.start(dir)) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            expect(admin.post("/api/inventory/locations", Map.of("code", "WS-TEH", "name", "کارگاه", "kind", "workshop")), 201);
            expect(admin.postRaw("/api/catalog/import", "application/json", CATALOG), 201);
            long wo = expect(admin.post("/api/production/work-orders", Map.of("variantCode", "WCT-40", "quantity", 2,
                    "workshopCode", "WS-TEH", "dueDate", "2026-12-20")), 201).get("id").asLong();
            JsonNode released = expect(admin.post("/api/production/work-orders/" + wo + "/release", Map.of()), 200);
            a = released.at("/serials/0").asText();
            b = released.at("/serials/1").asText();
            dd1 = BrokerRig.register(admin, "dd-1", "curb-drop-kv", 90, "CAL-DD-1");
            dd2 = BrokerRig.register(admin, "dd-2", "curb-drop-kv", 90, "CAL-DD-2");

            session = expect(admin.post("/api/quality/sessions", Map.of("serial", a, "rigId", "dd-1")), 201).get("id").asLong();
            try (BrokerRig rig = BrokerRig.connect(app, admin, "dd-1", "curb-drop-kv", dd1)) {
                drops(rig, 100, 200, 250);
                expect(admin.post("/api/quality/sessions/" + session + "/checkpoints", Map.of("note", "re-tightened")), 200);
                drops(rig, 400, 600);
            }
            refused(admin.post("/api/quality/sessions/" + session + "/checkpoints", Map.of("note", "early")), 409,
                    "checkpoint_out_of_window");
            JsonNode paused = expect(admin.post("/api/quality/sessions/" + session + "/pause", Map.of("note", "night")), 200);
            assertThat(paused.get("status").asText()).isEqualTo("paused");
            refused(admin.post("/api/quality/sessions/" + session + "/verdict", Map.of()), 409, "session_paused");
        }

        try (App app = TestApps.start(dir)) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            JsonNode after = expect(admin.get("/api/quality/sessions/" + session), 200);
            assertThat(after.get("status").asText()).isEqualTo("paused");
            assertThat(after.at("/live/longRun/cyclesDone").asLong()).isEqualTo(600);
            assertThat(after.at("/live/longRun/progress").asDouble()).isEqualTo(0.6);
            expect(admin.post("/api/quality/sessions/" + session + "/resume", Map.of("note", "morning")), 200);
            try (BrokerRig rig = BrokerRig.connect(app, admin, "dd-1", "curb-drop-kv", dd1)) {
                rig.restart();          // the rig was power-cycled: sequence and drop counter start again
                drops(rig, 0, 200, 400);
            }
            expect(admin.post("/api/quality/sessions/" + session + "/replacements", Map.of("part", "rear tyre")), 200);
            refused(admin.post("/api/quality/sessions/" + session + "/verdict", Map.of()), 409, "verdict_incomplete");
            expect(admin.post("/api/quality/sessions/" + session + "/checklist", Map.of("key", "no_crack", "passed", true)), 200);
            JsonNode pass = expect(admin.post("/api/quality/sessions/" + session + "/verdict", Map.of()), 201);
            assertThat(pass.get("outcome").asText()).isEqualTo("pass");
            assertThat(pass.at("/detail/result/longRun/cyclesDone").asLong()).isEqualTo(1000);
            assertThat(pass.at("/detail/result/longRun/checkpointsRecorded/0").asLong()).isEqualTo(250);
            assertThat(expect(admin.get("/api/floor/units/" + a), 200).get("nextAction").asText()).isEqualTo("release");

            long sb = expect(admin.post("/api/quality/sessions", Map.of("serial", b, "rigId", "dd-2")), 201).get("id").asLong();
            try (BrokerRig rig = BrokerRig.connect(app, admin, "dd-2", "curb-drop-kv", dd2)) {
                drops(rig, 100);
            }
            expect(admin.post("/api/quality/sessions/" + sb + "/replacements", Map.of("part", "castor tyre")), 200);
            expect(admin.post("/api/quality/sessions/" + sb + "/replacements", Map.of("part", "castor tyre")), 200);
            JsonNode fail = expect(admin.post("/api/quality/sessions/" + sb + "/verdict", Map.of()), 201);
            assertThat(fail.get("outcome").asText()).isEqualTo("fail");
            assertThat(fail.at("/detail/result/failures/0").asText()).isEqualTo("long_run:replacements");
            assertThat(expect(admin.get("/api/floor/units/" + b), 200).get("state").asText()).isEqualTo("rework_waiting");
            // A closed session's verdict is final.
            refused(admin.post("/api/quality/sessions/" + sb + "/verdict", Map.of()), 409, "session_closed");
            long verdicts = app.database().read(h -> h.createQuery("SELECT COUNT(*) FROM verdicts").mapTo(Long.class).one());
            assertThat(verdicts).isEqualTo(2);
        }
    }

    private static void drops(BrokerRig rig, long... counts) throws Exception {
        for (long c : counts) {
            rig.send(BrokerRig.drop(c, 50.0));
        }
    }
}
