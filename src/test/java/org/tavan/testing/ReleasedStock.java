package org.tavan.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;

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

    /** A wheelchair whose routing has no rig test, so the units reach stock without a rig. */
    public static final String WHEELCHAIR_CATALOG = """
            {"components": [{"sku": "TUBE", "name": "Steel tube", "uom": "piece", "reorderLevel": 5}],
             "plans": {},
             "models": [{"code": "WCT", "name": "Manual wheelchair", "nameFa": "ویلچر دستی",
                         "deviceClass": "manual_wheelchair", "iso9999": "12.22.03", "whoPriority": true,
                         "variants": [{"code": "WCT-44", "name": "seat 44 cm",
                                       "specs": {"seat_width_mm": 440, "seat_depth_mm": 430, "max_user_mass_kg": 100},
                                       "bom": [{"sku": "TUBE", "quantity": 6}]}],
                         "routing": [{"station": "assembly"}, {"station": "final_inspection"}]}]}
            """;

    /** The centres the tests' people belong to: province code and the centre's code suffix. */
    private static final String[][] CENTRES = {{"08", "REY"}, {"08", "THR"}, {"04", "KSN"}, {"16", "ZHD"}};

    /**
     * A workshop WS-E2E → national warehouse NW-E2E → provincial warehouses PW-08, PW-04, PW-16
     * → centres C-08-REY, C-08-THR, C-04-KSN, C-16-ZHD; the wheelchair catalogue (variant WCT-44:
     * seat 440 × 430 mm, 100 kg) with tubes in stock for 20 chairs; users "lead" (quality) and
     * "floor" (floor). Returns the maker of released units at WS-E2E.
     */
    public static ReleasedStock wheelchairWorkshop(App app) {
        for (String[] u : new String[][] {{"lead", "quality"}, {"floor", "floor"}}) {
            app.users().create(new Users.NewUser(u[0], u[0], PASSWORD, List.of(u[1]), "fa"), Actor.system("test"));
        }
        Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
        List<Map<String, Object>> places = new ArrayList<>(List.of(
                Map.of("code", "WS-E2E", "name", "کارگاه", "kind", "workshop"),
                Map.of("code", "NW-E2E", "name", "انبار ملی", "kind", "national_warehouse", "parentCode", "WS-E2E")));
        for (String[] c : CENTRES) {
            if (places.stream().noneMatch(p -> p.get("code").equals("PW-" + c[0]))) {
                places.add(Map.of("code", "PW-" + c[0], "name", "انبار استانی", "kind", "provincial_warehouse",
                        "parentCode", "NW-E2E", "provinceCode", c[0]));
            }
            places.add(Map.of("code", "C-" + c[0] + "-" + c[1], "name", "مرکز " + c[1], "kind", "centre",
                    "parentCode", "PW-" + c[0], "provinceCode", c[0]));
        }
        for (Map<String, Object> place : places) {
            ok(admin.post("/api/inventory/locations", place), 201);
        }
        Http lead = new Http(app.httpPort()).signIn("lead", PASSWORD);
        ok(lead.postRaw("/api/catalog/import", "application/json", WHEELCHAIR_CATALOG), 201);
        ok(lead.post("/api/inventory/receipts", Map.of("sku", "TUBE", "location", "WS-E2E", "quantity", 120)), 201);
        return new ReleasedStock(lead, new Http(app.httpPort()).signIn("floor", PASSWORD), "WS-E2E");
    }

    private static final String PASSWORD = "released-stock-password";

    /** The quality lead's session (releases, refurbishment). */
    public Http quality() {
        return quality;
    }

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
