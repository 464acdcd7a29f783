package org.tavan.production;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.rigs.RigDemo;
import org.tavan.simulators.MqttFramePublisher;
import org.tavan.simulators.Scenario;
import org.tavan.simulators.SimulatedFrame;
import org.tavan.simulators.SimulatedRig;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

class DemoWorkshopTest {

    @TempDir
    Path dir;

    @Test
    void the_demo_workshop_has_a_catalogue_stock_and_units_on_the_floor() {
        try (App app = new App(TestApps.config(dir)).withDemoData(true).start()) {
            Http floor = new Http(app.httpPort()).signIn("floor", "tavan-demo");
            assertThat(floor.get("/api/catalog/models").json()).hasSize(6);
            assertThat(floor.get("/api/settings").json().get("organisation.name").asText()).isEqualTo("سازمان بهزیستی کشور");
            JsonNode board = floor.get("/api/production/board").json();
            assertThat(board.at("/unitsPerStation/cutting").asInt()).isEqualTo(4);
            assertThat(board.at("/unitsPerStation/stability_test").asInt()).isEqualTo(2);
            String serial = null;
            for (JsonNode u : board.get("units")) {
                if (u.get("station").asText().equals("cutting")) {
                    serial = u.get("serial").asText();
                }
            }
            JsonNode unit = floor.get("/api/floor/units/" + serial.toLowerCase()).json();
            assertThat(unit.get("nextAction").asText()).isEqualTo("start");
            assertThat(floor.get("/api/inventory/reorder-alerts").json()).isEmpty();
            // A typo in the check character is a clear 400, not a 404.
            String typo = serial.substring(0, serial.length() - 1) + (serial.endsWith("0") ? "1" : "0");
            Http.Response bad = floor.get("/api/floor/units/" + typo);
            assertThat(bad.status()).as(bad.body()).isEqualTo(400);
            assertThat(bad.json().get("error").asText()).contains("check character");
        }
    }

    /**
     * What docs/production-and-quality.md ("Trying it in the demo") tells a visitor to do: a unit
     * of the demo work order waits at the stability test; the overdue tilt table is refused; the
     * calibrated one, fed by the simulator's tilt-table-json "pass" scenario over the embedded
     * broker, gives a pass, and the "fail" scenario sends the second unit to rework.
     */
    @Test
    void a_demo_unit_is_tested_on_the_demo_tilt_table_fed_by_the_simulator() throws Exception {
        try (App app = new App(TestApps.config(dir)).withDemoData(true).start()) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            Http tech = new Http(app.httpPort()).signIn("technician", "tavan-demo");
            List<String> waiting = new ArrayList<>();
            for (JsonNode u : tech.get("/api/production/board").json().get("units")) {
                if (u.get("station").asText().equals("stability_test")) {
                    waiting.add(u.get("serial").asText());
                }
            }
            assertThat(waiting).hasSize(2);
            JsonNode rig = tech.get("/api/rigs/" + RigDemo.TILT_RIG).json();
            assertThat(rig.get("profileId").asText()).isEqualTo("tilt-table-json");

            Http.Response overdue = tech.post("/api/quality/sessions", Map.of("serial", waiting.get(0),
                    "rigId", RigDemo.OVERDUE_TILT_RIG));
            assertThat(overdue.status()).as(overdue.body()).isEqualTo(409);
            assertThat(overdue.json().get("code").asText()).isEqualTo("rig_calibration_overdue");

            String password = admin.post("/api/rigs/" + RigDemo.TILT_RIG + "/credentials", Map.of()).json()
                    .get("mqttPassword").asText();
            long pass = open(tech, waiting.get(0));
            simulate(app, password, Scenario.PASS);
            JsonNode verdict = created(tech.post("/api/quality/sessions/" + pass + "/verdict", Map.of()));
            assertThat(verdict.get("outcome").asText()).as(verdict.toString()).isEqualTo("pass");
            assertThat(verdict.get("planCode").asText()).isEqualTo("WC-STABILITY");
            assertThat(verdict.at("/detail/readingIds")).hasSize(20);
            assertThat(admin.get("/api/floor/units/" + waiting.get(0)).json().get("station").asText())
                    .isEqualTo("final_inspection");

            long fail = open(tech, waiting.get(1));
            simulate(app, password, Scenario.FAIL);
            JsonNode failed = created(tech.post("/api/quality/sessions/" + fail + "/verdict", Map.of()));
            assertThat(failed.get("outcome").asText()).as(failed.toString()).isEqualTo("fail");
            assertThat(failed.at("/detail/result/failures").toString()).contains("tip_rearward");
            assertThat(admin.get("/api/floor/units/" + waiting.get(1)).json().get("state").asText())
                    .isEqualTo("rework_waiting");
        }
    }

    private static JsonNode created(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static long open(Http tech, String serial) {
        Http.Response r = tech.post("/api/quality/sessions", Map.of("serial", serial, "rigId", RigDemo.TILT_RIG));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** As `tavan simulate --profile firmware-profiles/tilt-table.json --rig tilt-teh-01 --scenario … --count 20`. */
    private static void simulate(App app, String password, Scenario scenario) throws Exception {
        SimulatedRig rig = SimulatedRig.load(Path.of("firmware-profiles/tilt-table.json"), Path.of("simulators"),
                RigDemo.TILT_RIG, scenario, 1, Instant.now());
        long before = accepted(app);
        try (MqttFramePublisher out = new MqttFramePublisher("tcp://127.0.0.1:" + app.embeddedBrokerPort().orElseThrow(),
                "sim-" + RigDemo.TILT_RIG, RigDemo.TILT_RIG, password, rig.topic("ws1").orElseThrow())) {
            for (SimulatedFrame frame : rig.take(20)) {
                out.send(frame.bytes());
            }
            out.flush();
        }
        Eventually.until(Duration.ofSeconds(15), () -> accepted(app) == before + 20, () -> "accepted " + accepted(app));
    }

    private static long accepted(App app) {
        return app.database().read(h -> h.createQuery("SELECT COUNT(*) FROM readings WHERE rig_id = :r")
                .bind("r", RigDemo.TILT_RIG).mapTo(Long.class).one());
    }
}
