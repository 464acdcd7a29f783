package org.tavan.quality;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tavan.quality.ProductionToReleaseApiTest.expect;
import static org.tavan.quality.ProductionToReleaseApiTest.refused;

/** Each refusal of the workshop path is a clear 409 and changes nothing: no row, no audit entry. */
class RefusalsApiTest {

    @TempDir
    Path dir;

    App app;
    Http http;
    ProductionToReleaseApiTest.Db db;
    String serial;

    @BeforeEach
    void workshopWithOneUnitAtDimensionCheck() {
        app = TestApps.start(dir);
        http = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
        db = new ProductionToReleaseApiTest.Db(app);
        expect(http.post("/api/inventory/locations", Map.of("code", "WS-TEH", "name", "کارگاه", "kind", "workshop")), 201);
        expect(http.postRaw("/api/catalog/import", "application/json", ProductionToReleaseApiTest.CATALOG), 201);
        expect(http.post("/api/inventory/receipts", Map.of("sku", "TUBE", "location", "WS-TEH", "quantity", 6)), 201);
        expect(http.post("/api/inventory/receipts", Map.of("sku", "WHEEL", "location", "WS-TEH", "quantity", 2)), 201);
        long wo = expect(http.post("/api/production/work-orders", Map.of("variantCode", "WCM-40", "quantity", 1,
                "workshopCode", "WS-TEH", "dueDate", "2026-12-20")), 201).get("id").asLong();
        serial = expect(http.post("/api/production/work-orders/" + wo + "/release", Map.of()), 200).at("/serials/0").asText();
        expect(http.post("/api/floor/units/" + serial + "/start", Map.of("station", "welding")), 200);
        expect(http.post("/api/floor/units/" + serial + "/complete", Map.of("station", "welding")), 200);
        long s = expect(http.post("/api/quality/sessions", Map.of("serial", serial)), 201).get("id").asLong();
        expect(http.post("/api/quality/sessions/" + s + "/readings", Map.of("measurements",
                java.util.List.of(Map.of("name", "seat_width_mm", "value", 400.0, "unit", "mm")))), 200);
        expect(http.post("/api/quality/sessions/" + s + "/checklist", Map.of("key", "brakes_hold", "passed", true)), 200);
        expect(http.post("/api/quality/sessions/" + s + "/verdict", Map.of()), 201);
        // Registry rigs: a tilt table whose calibration fell due yesterday, and a hearing-aid test box.
        BrokerRig.register(http, "tt-old", "tilt-table-json", -1, "CAL-2025-003");
        BrokerRig.register(http, "hb-1", "hearing-aid-testbox", 30, "CAL-2026-071");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void short_component_stock_refuses_the_release_of_a_work_order() {
        long wo = expect(http.post("/api/production/work-orders", Map.of("variantCode", "WCM-40", "quantity", 1,
                "workshopCode", "WS-TEH", "dueDate", "2026-12-20")), 201).get("id").asLong();
        ProductionToReleaseApiTest.Snapshot before = db.snapshot();
        refused(http.post("/api/production/work-orders/" + wo + "/release", Map.of()), 409, "stock_short");
        assertThat(db.snapshot()).isEqualTo(before);
    }

    @Test
    void an_out_of_order_step_is_refused() {
        ProductionToReleaseApiTest.Snapshot before = db.snapshot();
        refused(http.post("/api/floor/units/" + serial + "/start", Map.of("station", "final_inspection")), 409,
                "step_out_of_order");
        refused(http.post("/api/floor/units/" + serial + "/complete", Map.of("station", "welding")), 409,
                "step_out_of_order");
        assertThat(db.snapshot()).isEqualTo(before);
    }

    @Test
    void a_rig_with_overdue_calibration_is_refused() {
        ProductionToReleaseApiTest.Snapshot before = db.snapshot();
        refused(http.post("/api/quality/sessions", Map.of("serial", serial, "rigId", "tt-old")), 409, "rig_calibration_overdue");
        assertThat(db.snapshot()).isEqualTo(before);
    }

    @Test
    void a_rig_of_the_wrong_kind_is_refused() {
        ProductionToReleaseApiTest.Snapshot before = db.snapshot();
        refused(http.post("/api/quality/sessions", Map.of("serial", serial, "rigId", "hb-1")), 409, "rig_kind_mismatch");
        assertThat(db.snapshot()).isEqualTo(before);
    }

    @Test
    void release_without_a_pass_for_every_test_is_refused() {
        ProductionToReleaseApiTest.Snapshot before = db.snapshot();
        var r = refused(http.post("/api/quality/units/" + serial + "/release", Map.of()), 409, "release_without_pass");
        assertThat(r.at("/details/missing/0").asText()).contains("stability_test");
        assertThat(db.snapshot()).isEqualTo(before);
    }

    @Test
    void bad_input_is_a_400_naming_the_field() {
        ProductionToReleaseApiTest.Snapshot before = db.snapshot();
        var r = http.post("/api/production/work-orders", Map.of("variantCode", "WCM-40", "quantity", 0,
                "workshopCode", "WS-TEH", "dueDate", "2026-12-20"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("quantity");
        assertThat(http.post("/api/catalog/models", Map.of("code", "XX", "name", "x", "nameFa", "x",
                "deviceClass", "walker", "iso9999", "12-06")).status()).isEqualTo(400);
        assertThat(db.snapshot()).isEqualTo(before);
    }
}
