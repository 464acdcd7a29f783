package org.tavan.production;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
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
            assertThat(board.at("/unitsPerStation/cutting").asInt()).isEqualTo(6);
            String serial = board.at("/units/0/serial").asText();
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
}
