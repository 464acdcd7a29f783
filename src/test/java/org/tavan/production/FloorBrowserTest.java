package org.tavan.production;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
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
                // The station's Persian name, not its code; the code stays in data-station.
                assertThat(browser.text("[data-testid=station]")).isEqualTo("جوشکاری");
                assertThat(browser.attribute("[data-testid=station]", "data-station")).isEqualTo("welding");
                // RTL: labels and values hug the right; the LTR serial and model code sit at the
                // right edge of their cells too, not pushed to the left by an LTR cell.
                assertRightAligned(browser, "[data-testid=model]", "[data-testid=model] bdi");
                assertRightAligned(browser, "[data-testid=serial]", "[data-testid=serial] bdi");
                assertThat(rect(browser, "[data-testid=model]").getX())
                        .isLessThan(rect(browser, "dl.unit-facts dt").getX());
                assertThat(browser.text("[data-testid=state]")).isEqualTo("در انتظار");

                browser.click("[data-testid=start]");
                assertThat(browser.text("[data-testid=floor-done]")).isEqualTo("کار شروع شد.");
                assertThat(browser.text("[data-testid=state]")).isEqualTo("در حال انجام");
                // Done and failed are the same full width, apart; failure reasons are the step's chips.
                Rectangle done = rect(browser, "[data-testid=complete]");
                Rectangle failed = rect(browser, "[data-testid=fail]");
                assertThat(done.getWidth()).as("done as wide as failed").isEqualTo(failed.getWidth());
                Rectangle firstChip = rect(browser, ".chip");
                assertThat(firstChip.getY() - (done.getY() + done.getHeight())).as("gap under done").isGreaterThanOrEqualTo(8);
                assertThat(firstChip.getHeight()).isGreaterThanOrEqualTo(48);
                assertThat(browser.text(".chips")).contains("ترک جوش").contains("قطعه کم است");
                assertThat(browser.smallTargets()).as("small targets on the unit page").isEmpty();

                browser.click("[data-testid=complete]");
                assertThat(browser.text("[data-testid=floor-done]")).isEqualTo("مرحله انجام شد.");
                assertThat(browser.text("[data-testid=station]")).isEqualTo("کنترل ابعاد");
                assertThat(browser.text("[data-testid=next]")).contains("منتظر آزمون");
                browser.screenshot("floor-unit-after-step");
            }
            assertThat(admin.get("/api/floor/units/" + serial).json().at("/history/0/outcome").asText()).isEqualTo("done");

            // In English the same page reads left to right: names in English, values on the left.
            ok(admin.post("/api/users", Map.of("username", "john", "displayName", "John Smith",
                    "password", "john-password-1", "roles", List.of("floor"), "language", "en")));
            try (Browser browser = Browser.start(app.httpPort())) {
                browser.signIn("john", "john-password-1").visit("/floor/units/" + serial);
                assertThat(browser.attribute("html", "dir")).isEqualTo("ltr");
                assertThat(browser.text("[data-testid=station]")).isEqualTo("Dimension check");
                Rectangle cell = rect(browser, "[data-testid=model]");
                Rectangle code = rect(browser, "[data-testid=model] bdi");
                assertThat(Math.abs(code.getX() - cell.getX())).as("model code at the left of its cell").isLessThanOrEqualTo(1);
                browser.visit("/floor/station");
                assertThat(browser.text(".unit-row [data-station=dimension_check]")).isEqualTo("Dimension check");
                assertThat(browser.text("h1")).as("title as its tile").isEqualTo("Work at my station");
                browser.click("[data-station-choice=dimension_check]");
                assertThat(browser.text("[data-testid=units-title]")).isEqualTo("Dimension check");
                assertThat(browser.all(".unit-row")).hasSize(1);
                // The tablet keeps its station: the tile leads back to it.
                browser.visit("/floor/station");
                org.tavan.telemetry.ingest.Eventually.until(java.time.Duration.ofSeconds(20),
                        () -> browser.path().equals("/floor/station?station=dimension_check"), browser::path);
                for (var row : browser.all(".station-row, .unit-row")) {
                    assertThat(row.getRect().getHeight()).as("row height").isGreaterThanOrEqualTo(48);
                }
            }
        }
    }

    /** The element's right edge is the container's (within a pixel): right-aligned in RTL. */
    private static void assertRightAligned(Browser browser, String container, String element) {
        Rectangle outer = rect(browser, container);
        Rectangle inner = rect(browser, element);
        assertThat(inner.getWidth()).as(element + " width").isPositive();
        assertThat(inner.getWidth()).as(element + " narrower than its cell").isLessThan(outer.getWidth());
        assertThat(Math.abs((outer.getX() + outer.getWidth()) - (inner.getX() + inner.getWidth())))
                .as(element + " at the right edge of " + container + ": " + inner + " in " + outer)
                .isLessThanOrEqualTo(1);
    }

    private static Rectangle rect(Browser browser, String css) {
        return browser.driver().findElement(By.cssSelector(css)).getRect();
    }

    private static void ok(Http.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
    }
}
