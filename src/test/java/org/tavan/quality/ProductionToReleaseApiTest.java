package org.tavan.quality;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workshop's path over the HTTP API only: catalogue import → stock → work order → units and
 * labels → stations → test sessions with manual readings and a registered tilt table publishing
 * over MQTT → verdicts → release; a failing
 * run that leaves its unit in rework and unreleasable; and every refusal with nothing changed.
 */
class ProductionToReleaseApiTest {

    @TempDir
    Path dir;

    static final String CATALOG = """
            {"components": [
               {"sku": "TUBE", "name": "Steel tube", "uom": "piece", "reorderLevel": 5},
               {"sku": "WHEEL", "name": "Wheel 24 in", "uom": "piece", "reorderLevel": 2}],
             "plans": {
               "DIM": {"name": "Dimensions", "rigKinds": [],
                       "measurements": [{"name": "seat_width_mm", "unit": "mm", "lower": -5, "upper": 5,
                                         "relativeTo": "seat_width_mm", "relativeMode": "offset", "marginal": 1,
                                         "standard": "ISO 7176-7", "clause": "seat width", "unverified": true}],
                       "checklist": [{"key": "brakes_hold", "text": "Brakes hold", "textFa": "ترمزها نگه می‌دارند"}],
                       "source": "test"},
               "TILT": {"name": "Static stability", "rigKinds": ["tilt-table-json"],
                        "measurements": [{"name": "tip_rearward", "unit": "deg", "aggregate": "min",
                                          "lower": 10, "standard": "ISO 7176-1", "clause": "rearward"}],
                        "source": "test"}},
             "models": [{"code": "WCM", "name": "Manual wheelchair", "nameFa": "ویلچر دستی",
                         "deviceClass": "manual_wheelchair", "iso9999": "12.22.03", "whoPriority": true,
                         "variants": [{"code": "WCM-40", "name": "seat 40 cm", "specs": {"seat_width_mm": 400},
                                       "bom": [{"sku": "TUBE", "quantity": 6}, {"sku": "WHEEL", "quantity": 2}]}],
                         "routing": [{"station": "welding"}, {"station": "dimension_check", "testPlanCode": "DIM"},
                                     {"station": "stability_test", "testPlanCode": "TILT"},
                                     {"station": "final_inspection"}]}]}
            """;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_work_order_becomes_tested_released_stock_and_a_failing_unit_stays_in_rework(TestDatabases.Kind kind)
            throws Exception {
        try (App app = new App(TestApps.config(dir, TestDatabases.of(kind, dir))).start()) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            create(admin, "floor1", "floor");
            create(admin, "tech1", "technician");
            create(admin, "lead1", "quality");
            Http floor = new Http(app.httpPort()).signIn("floor1", "floor-password-1");
            Http tech = new Http(app.httpPort()).signIn("tech1", "tech1-password-1");
            Http lead = new Http(app.httpPort()).signIn("lead1", "lead1-password-1");
            Db db = new Db(app);

            expect(admin.post("/api/inventory/locations", Map.of("code", "WS-TEH", "name", "کارگاه تهران",
                    "kind", "workshop")), 201);
            expect(lead.postRaw("/api/catalog/import", "application/json", CATALOG), 201);
            expect(lead.post("/api/inventory/receipts", Map.of("sku", "TUBE", "location", "WS-TEH", "quantity", 20)), 201);
            expect(lead.post("/api/inventory/receipts", Map.of("sku", "WHEEL", "location", "WS-TEH", "quantity", 8)), 201);

            // Short stock: 5 units need 30 tubes; nothing changes.
            long wo5 = expect(lead.post("/api/production/work-orders", Map.of("variantCode", "WCM-40", "quantity", 5,
                    "workshopCode", "WS-TEH", "dueDate", "2026-12-20")), 201).get("id").asLong();
            Snapshot before = db.snapshot();
            JsonNode shortage = refused(lead.post("/api/production/work-orders/" + wo5 + "/release", Map.of()), 409, "stock_short");
            assertThat(shortage.at("/details/shortages/0/sku").asText()).isEqualTo("TUBE");
            assertThat(db.snapshot()).isEqualTo(before);
            assertThat(lead.get("/api/production/work-orders/" + wo5).json().get("status").asText()).isEqualTo("open");

            // Two units: released with serials, labels, components consumed.
            long wo = expect(lead.post("/api/production/work-orders", Map.of("variantCode", "WCM-40", "quantity", 2,
                    "workshopCode", "WS-TEH", "dueDate", "2026-12-20")), 201).get("id").asLong();
            JsonNode released = expect(lead.post("/api/production/work-orders/" + wo + "/release", Map.of()), 200);
            String a = released.at("/serials/0").asText();
            String b = released.at("/serials/1").asText();
            assertThat(a).matches("TVN-\\d{2}TEH-WCM-000001[0-9A-Z]");
            assertThat(balance(lead, "TUBE")).isEqualTo(8);
            Http.Response labels = floor.get("/production/work-orders/" + wo + "/labels");
            assertThat(labels.status()).isEqualTo(200);
            assertThat(labels.body()).contains("@page{size:A4", a, b, "<svg").containsPattern("(?s)<svg.*<svg");
            assertThat(floor.get("/production/work-orders/" + wo + "/labels?layout=roll-50x25").body()).contains("50mm 25mm");

            // Out-of-order step: refused, nothing changed.
            before = db.snapshot();
            refused(floor.post("/api/floor/units/" + a + "/start", Map.of("station", "dimension_check")), 409, "step_out_of_order");
            assertThat(db.snapshot()).isEqualTo(before);

            for (String serial : List.of(a, b)) {
                expect(floor.post("/api/floor/units/" + serial + "/start", Map.of("station", "welding")), 200);
                JsonNode afterWelding = expect(floor.post("/api/floor/units/" + serial + "/complete", Map.of("station", "welding")), 200);
                assertThat(afterWelding.get("station").asText()).isEqualTo("dimension_check");
                assertThat(afterWelding.get("nextAction").asText()).isEqualTo("open_test_session");
                refused(floor.post("/api/floor/units/" + serial + "/start", Map.of("station", "dimension_check")), 409,
                        "test_step_needs_session");
                // Dimensions by hand: seat width within ±5 mm of 400.
                long s = expect(tech.post("/api/quality/sessions", Map.of("serial", serial)), 201).get("id").asLong();
                expect(tech.post("/api/quality/sessions/" + s + "/readings", Map.of("measurements",
                        List.of(Map.of("name", "seat_width_mm", "value", 401.5, "unit", "mm")))), 200);
                refused(tech.post("/api/quality/sessions/" + s + "/verdict", Map.of()), 409, "verdict_incomplete");
                expect(tech.post("/api/quality/sessions/" + s + "/checklist", Map.of("key", "brakes_hold", "passed", true)), 200);
                assertThat(expect(tech.post("/api/quality/sessions/" + s + "/verdict", Map.of()), 201).get("outcome").asText())
                        .isEqualTo("pass");
            }

            // Rigs in the registry: one overdue, one of the wrong kind, one good tilt table that
            // publishes over the embedded broker with the shipped tilt-table-json profile.
            BrokerRig.register(admin, "tt-old", "tilt-table-json", -1, "CAL-2025-003");
            BrokerRig.register(admin, "hb-1", "hearing-aid-testbox", 180, "CAL-2026-071");
            String tt1 = BrokerRig.register(admin, "tt-1", "tilt-table-json", 180, "CAL-2026-114");

            before = db.snapshot();
            refused(tech.post("/api/quality/sessions", Map.of("serial", a, "rigId", "tt-old")), 409, "rig_calibration_overdue");
            refused(tech.post("/api/quality/sessions", Map.of("serial", a, "rigId", "hb-1")), 409, "rig_kind_mismatch");
            refused(lead.post("/api/quality/units/" + a + "/release", Map.of()), 409, "release_without_pass");
            assertThat(db.snapshot()).isEqualTo(before);

            // Unit A passes the tilt table and is released to stock.
            BrokerRig tilt = BrokerRig.connect(app, admin, "tt-1", "tilt-table-json", tt1);
            long sa = expect(tech.post("/api/quality/sessions", Map.of("serial", a, "rigId", "tt-1")), 201).get("id").asLong();
            tilt.send(BrokerRig.tilt(13.0, 13.0));
            tilt.send(BrokerRig.tilt(13.05, 12.5));
            JsonNode live = expect(tech.get("/api/quality/sessions/" + sa), 200);
            assertThat(live.get("liveOutcome").asText()).isEqualTo("pass");
            JsonNode verdictA = expect(tech.post("/api/quality/sessions/" + sa + "/verdict", Map.of()), 201);
            assertThat(verdictA.get("outcome").asText()).isEqualTo("pass");
            assertThat(verdictA.get("planVersion").asInt()).isEqualTo(1);
            assertThat(verdictA.get("rigId").asText()).isEqualTo("tt-1");
            assertThat(verdictA.get("rigKind").asText()).isEqualTo("tilt-table-json");
            assertThat(verdictA.get("rigCertificate").asText()).isEqualTo("CAL-2026-114");
            assertThat(verdictA.get("rigCalibrationDue").asText()).isNotEmpty();
            assertThat(verdictA.at("/detail/readingIds")).hasSize(2);
            assertThat(verdictA.at("/detail/result/measurements/0/value").asDouble()).isEqualTo(12.5);
            JsonNode closed = expect(tech.get("/api/quality/sessions/" + sa), 200);
            assertThat(closed.get("status").asText()).isEqualTo("closed");
            assertThat(closed.get("verdictId").asLong()).isEqualTo(verdictA.get("id").asLong());
            assertThat(closed.get("live")).as("a closed session shows the verdict stored when it was decided")
                    .isEqualTo(verdictA.at("/detail/result"));

            expect(floor.post("/api/floor/units/" + a + "/start", Map.of("station", "final_inspection")), 200);
            JsonNode finished = expect(floor.post("/api/floor/units/" + a + "/complete", Map.of("station", "final_inspection")), 200);
            assertThat(finished.get("nextAction").asText()).isEqualTo("release");
            assertThat(finished.get("history")).hasSize(4);
            JsonNode release = expect(lead.post("/api/quality/units/" + a + "/release", Map.of()), 200);
            assertThat(release.at("/movement/reason").asText()).isEqualTo("release");
            JsonNode stockUnit = expect(lead.get("/api/inventory/units/" + a), 200);
            assertThat(stockUnit.get("status").asText()).isEqualTo("available");
            assertThat(stockUnit.get("locationCode").asText()).isEqualTo("WS-TEH");
            assertThat(balance(lead, "WCM-40")).isEqualTo(1);

            // Unit B fails the tilt table: rework, a nonconformance, and no release.
            long sb = expect(tech.post("/api/quality/sessions", Map.of("serial", b, "rigId", "tt-1")), 201).get("id").asLong();
            tilt.send(BrokerRig.tilt(8.0, 8.0));
            JsonNode verdictB = expect(tech.post("/api/quality/sessions/" + sb + "/verdict", Map.of()), 201);
            assertThat(verdictB.get("outcome").asText()).isEqualTo("fail");
            assertThat(verdictB.get("nonconformanceId").isNumber()).isTrue();
            JsonNode unitB = expect(floor.get("/api/floor/units/" + b), 200);
            assertThat(unitB.get("state").asText()).isEqualTo("rework_waiting");
            assertThat(unitB.get("station").asText()).isEqualTo("rework");
            before = db.snapshot();
            refused(lead.post("/api/quality/units/" + b + "/release", Map.of()), 409, "release_without_pass");
            assertThat(db.snapshot()).isEqualTo(before);
            expect(floor.post("/api/floor/units/" + b + "/start", Map.of("station", "rework")), 200);
            JsonNode reworked = expect(floor.post("/api/floor/units/" + b + "/complete", Map.of("station", "rework")), 200);
            assertThat(reworked.get("station").asText()).isEqualTo("stability_test");
            refused(lead.post("/api/quality/units/" + b + "/release", Map.of()), 409, "release_without_pass");
            assertThat(expect(lead.get("/api/quality/nonconformances?open=true"), 200)).hasSize(1);

            // Board and reports.
            JsonNode board = expect(floor.get("/api/production/board"), 200);
            assertThat(board.at("/unitsPerStation/stability_test").asInt()).isEqualTo(1);
            JsonNode fpy = expect(lead.get("/api/quality/reports/first-pass-yield?by=station"), 200);
            assertThat(fpy.toString()).contains("\"group\":\"stability_test\",\"tested\":2,\"passedFirstTime\":1,\"firstPassYield\":0.5");
            Http.Response csv = lead.get("/api/quality/reports/failure-reasons?format=csv");
            assertThat(csv.body()).startsWith("item,failures,marginals\r\n").contains("TILT:tip_rearward,1,0");
            assertThat(lead.get("/api/quality/reports/stations?format=csv").body()).contains("welding,2,0");
            // The floor may not release or read reports.
            assertThat(floor.post("/api/quality/units/" + b + "/release", Map.of()).status()).isEqualTo(403);
            tilt.close();
        }
    }

    record Snapshot(long audit, long movements, long stockUnits, long units, long steps, long sessions, long verdicts,
                    String unitStates) {
    }

    record Db(App app) {
        Snapshot snapshot() {
            return app.database().read(h -> new Snapshot(count(h, "audit_log"), count(h, "stock_movements"),
                    count(h, "stock_units"), count(h, "units"), count(h, "unit_steps"), count(h, "test_sessions"),
                    count(h, "verdicts"),
                    String.join(",", h.createQuery("SELECT serial || ':' || state || ':' || step_seq FROM units ORDER BY serial")
                            .mapTo(String.class).list())));
        }

        private static long count(org.jdbi.v3.core.Handle h, String table) {
            return h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one();
        }
    }

    static void create(Http admin, String username, String role) {
        expect(admin.post("/api/users", Map.of("username", username, "displayName", "کاربر " + username,
                "password", username.equals("floor1") ? "floor-password-1" : username + "-password-1",
                "roles", List.of(role), "language", "fa")), 201);
    }

    static long balance(Http http, String sku) {
        JsonNode rows = expect(http.get("/api/inventory/balances?location=WS-TEH&sku=" + sku), 200);
        return rows.isEmpty() ? 0 : rows.get(0).get("quantity").asLong();
    }

    static JsonNode expect(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }

    static JsonNode refused(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(r.json().get("error").asText()).isNotBlank();
        return r.json();
    }
}
