package org.tavan.quality;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tavan.quality.ProductionToReleaseApiTest.expect;

/**
 * A report without from/to covers the last 30 days by the app's clock, the same clock that
 * stamped the steps it counts: an instance whose clock is years away from the machine's (here a
 * clock set to 2020) still reports its own work.
 */
class ReportWindowTest {

    @TempDir
    Path dir;

    @Test
    void default_report_windows_follow_the_app_clock() {
        Clock clock = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2020-03-01T08:00:00Z")));
        try (App app = new App(TestApps.config(dir), clock).start()) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            expect(admin.post("/api/inventory/locations", Map.of("code", "WS-TEH", "name", "کارگاه", "kind", "workshop")), 201);
            expect(admin.postRaw("/api/catalog/import", "application/json", ProductionToReleaseApiTest.CATALOG), 201);
            expect(admin.post("/api/inventory/receipts", Map.of("sku", "TUBE", "location", "WS-TEH", "quantity", 6)), 201);
            expect(admin.post("/api/inventory/receipts", Map.of("sku", "WHEEL", "location", "WS-TEH", "quantity", 2)), 201);
            long wo = expect(admin.post("/api/production/work-orders", Map.of("variantCode", "WCM-40", "quantity", 1,
                    "workshopCode", "WS-TEH", "dueDate", "2020-03-20")), 201).get("id").asLong();
            String serial = expect(admin.post("/api/production/work-orders/" + wo + "/release", Map.of()), 200)
                    .at("/serials/0").asText();
            assertThat(serial).startsWith("TVN-20TEH");
            expect(admin.post("/api/floor/units/" + serial + "/start", Map.of("station", "welding")), 200);
            expect(admin.post("/api/floor/units/" + serial + "/complete", Map.of("station", "welding")), 200);

            assertThat(admin.get("/api/quality/reports/stations?format=csv").body()).contains("\r\nwelding,1,0,");
            // The same window given explicitly by the machine's time finds nothing.
            String now = Instant.now().atOffset(ZoneOffset.UTC).minusDays(30).toInstant().toString();
            assertThat(admin.get("/api/quality/reports/stations?format=csv&from=" + now).body()).doesNotContain("welding");
        }
    }
}
