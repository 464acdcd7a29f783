package org.tavan.production;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Browser;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/** A floor worker on a tablet (portrait, Persian) types a serial and completes a step. */
class FloorBrowserTest {

    @TempDir
    Path dir;

    static final String CATALOG = """
            {"components": [{"sku": "TUBE", "name": "Steel tube", "uom": "piece", "reorderLevel": 5},
                            {"sku": "WHEEL", "name": "Wheel", "uom": "piece", "reorderLevel": 2}],
             "plans": {"DIM": {"name": "Dimensions", "rigKinds": [],
                       "checklist": [{"key": "brakes_hold", "text": "Brakes hold"}], "source": "test"}},
             "models": [{"code": "WCM", "name": "Manual wheelchair", "nameFa": "ویلچر دستی",
                         "deviceClass": "manual_wheelchair", "iso9999": "12.22.03", "whoPriority": true,
                         "variants": [{"code": "WCM-40", "name": "seat 40 cm", "specs": {"seat_width_mm": 400},
                                       "bom": [{"sku": "TUBE", "quantity": 6}, {"sku": "WHEEL", "quantity": 2}]}],
                         "routing": [{"station": "welding"}, {"station": "dimension_check", "testPlanCode": "DIM"}]}]}
            """;

    @Test
    void a_floor_worker_types_a_serial_starts_and_completes_the_step() {
        try (App app = TestApps.start(dir)) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            ok(admin.post("/api/inventory/locations", Map.of("code", "WS-TEH", "name", "کارگاه", "kind", "workshop")));
            ok(admin.postRaw("/api/catalog/import", "application/json", CATALOG));
            ok(admin.post("/api/inventory/receipts", Map.of("sku", "TUBE", "location", "WS-TEH", "quantity", 6)));
            ok(admin.post("/api/inventory/receipts", Map.of("sku", "WHEEL", "location", "WS-TEH", "quantity", 2)));
            long wo = admin.post("/api/production/work-orders", Map.of("variantCode", "WCM-40", "quantity", 1,
                    "workshopCode", "WS-TEH", "dueDate", "2026-12-20")).json().get("id").asLong();
            String serial = admin.post("/api/production/work-orders/" + wo + "/release", Map.of()).json().at("/serials/0").asText();
            ok(admin.post("/api/users", Map.of("username", "maryam", "displayName", "مریم احمدی",
                    "password", "maryam-password", "roles", List.of("floor"), "language", "fa")));

            try (Browser browser = Browser.start(app.httpPort())) {
                browser.signIn("maryam", "maryam-password");
                browser.visit("/floor/station");
                browser.fill("serial", "tvn-bad-serial");
                browser.click("[data-testid=scan-go]");
                assertThat(browser.text("[data-testid=floor-error]")).contains("شمارهٔ سریال درستی نیست");

                browser.fill("serial", serial.toLowerCase());
                browser.click("[data-testid=scan-go]");
                assertThat(browser.attribute("html", "dir")).isEqualTo("rtl");
                assertThat(browser.text("[data-testid=serial]")).isEqualTo(serial);
                assertThat(browser.text("[data-testid=station]")).isEqualTo("welding");
                assertThat(browser.text("[data-testid=state]")).isEqualTo("در انتظار");

                browser.click("[data-testid=start]");
                assertThat(browser.text("[data-testid=floor-done]")).isEqualTo("کار شروع شد.");
                assertThat(browser.text("[data-testid=state]")).isEqualTo("در حال انجام");

                browser.click("[data-testid=complete]");
                assertThat(browser.text("[data-testid=floor-done]")).isEqualTo("مرحله انجام شد.");
                assertThat(browser.text("[data-testid=station]")).isEqualTo("dimension_check");
                assertThat(browser.text("[data-testid=next]")).contains("منتظر آزمون");
                browser.screenshot("floor-unit-after-step");
            }
            assertThat(admin.get("/api/floor/units/" + serial).json().at("/history/0/outcome").asText()).isEqualTo("done");
        }
    }

    private static void ok(Http.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
    }
}
