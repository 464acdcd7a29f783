package org.tavan.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finished units made the way the workshop makes them, over HTTP only: a work order for a
 * catalogue variant is released, each unit walks its routing on the floor and is released to
 * stock by quality. For tests of what happens after release (allocation, distribution), whose
 * catalogue gives the model a routing without rig tests so no rig is needed.
 */
public final class ReleasedStock {

    private final Http quality;
    private final Http floor;
    private final String workshop;

    /** {@code quality} may release work orders and units; {@code floor} works the stations. */
    public ReleasedStock(Http quality, Http floor, String workshop) {
        this.quality = quality;
        this.floor = floor;
        this.workshop = workshop;
    }

    /** Makes and releases {@code n} units of the variant; returns their serials, in stock at the workshop. */
    public List<String> make(String variantCode, int n) {
        long order = ok(quality.post("/api/production/work-orders", Map.of("variantCode", variantCode, "quantity", n,
                "workshopCode", workshop, "dueDate", "2027-01-31")), 201).get("id").asLong();
        JsonNode released = ok(quality.post("/api/production/work-orders/" + order + "/release", Map.of()), 200);
        List<String> serials = new ArrayList<>();
        for (JsonNode s : released.get("serials")) {
            String serial = s.asText();
            walk(serial);
            ok(quality.post("/api/quality/units/" + serial + "/release", Map.of()), 200);
            serials.add(serial);
        }
        return serials;
    }

    /** The floor starts and completes every step (rework included) until the unit awaits release. */
    public void walk(String serial) {
        JsonNode unit = ok(floor.get("/api/floor/units/" + serial), 200);
        while (!unit.get("nextAction").asText().equals("release")) {
            assertThat(unit.get("nextAction").asText()).as("routing without rig tests").isIn("start", "start_rework");
            String station = unit.get("station").asText();
            ok(floor.post("/api/floor/units/" + serial + "/start", Map.of("station", station)), 200);
            unit = ok(floor.post("/api/floor/units/" + serial + "/complete", Map.of("station", station)), 200);
        }
    }

    private static JsonNode ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }
}
