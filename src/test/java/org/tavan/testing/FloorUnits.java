package org.tavan.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A workshop with released wheelchairs whose routing is cutting, welding, then a dimension test. */
public final class FloorUnits {

    private FloorUnits() {
    }

    static final String CATALOG = """
            {"components": [{"sku": "TUBE", "name": "Steel tube", "uom": "piece", "reorderLevel": 5}],
             "plans": {"DIM": {"name": "Dimensions", "rigKinds": [],
                       "checklist": [{"key": "brakes_hold", "text": "Brakes hold"}], "source": "test"}},
             "models": [{"code": "WCM", "name": "Manual wheelchair", "nameFa": "ویلچر دستی",
                         "deviceClass": "manual_wheelchair", "iso9999": "12.22.03", "whoPriority": true,
                         "variants": [{"code": "WCM-40", "name": "seat 40 cm", "specs": {"seat_width_mm": 400},
                                       "bom": [{"sku": "TUBE", "quantity": 1}]}],
                         "routing": [{"station": "cutting"}, {"station": "welding"},
                                     {"station": "dimension_check", "testPlanCode": "DIM"}]}]}
            """;

    /** Releases a work order of {@code quantity} wheelchairs and returns their serials. */
    public static List<String> release(Http admin, int quantity) {
        ok(admin.post("/api/inventory/locations", Map.of("code", "WS-TEH", "name", "کارگاه", "kind", "workshop")));
        ok(admin.postRaw("/api/catalog/import", "application/json", CATALOG));
        ok(admin.post("/api/inventory/receipts", Map.of("sku", "TUBE", "location", "WS-TEH", "quantity", quantity)));
        long wo = admin.post("/api/production/work-orders", Map.of("variantCode", "WCM-40", "quantity", quantity,
                "workshopCode", "WS-TEH", "dueDate", "2026-12-20")).json().get("id").asLong();
        List<String> serials = new ArrayList<>();
        admin.post("/api/production/work-orders/" + wo + "/release", Map.of()).json().get("serials")
                .forEach(s -> serials.add(s.asText()));
        return serials;
    }

    public static void ok(Http.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
    }
}
