package org.tavan.allocation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.demo.DemoData;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

class AllocationDemoTest {

    @TempDir
    Path dir;

    @Test
    void the_demo_workshop_has_a_waiting_list_and_proposals_with_reasons() {
        try (App app = new App(TestApps.config(dir)).withDemoData(true).start()) {
            Http officer = new Http(app.httpPort()).signIn("officer", DemoData.demoAdminPassword());
            assertThat(officer.get("/api/beneficiaries").json()).hasSize(8);
            // The provincial demo officer sees Tehran's person only, and only proposals for Tehran.
            Http tehran = new Http(app.httpPort()).signIn("officer-tehran", DemoData.demoAdminPassword());
            assertThat(tehran.get("/api/beneficiaries").json()).hasSize(1)
                    .allSatisfy(p -> assertThat(p.get("province").asText()).isEqualTo("08"));
            assertThat(tehran.get("/api/allocation/proposals").json())
                    .allSatisfy(p -> assertThat(p.get("province").asText()).isEqualTo("08"));
            JsonNode proposals = officer.get("/api/allocation/proposals?status=proposed").json();
            assertThat(proposals.size()).isGreaterThanOrEqualTo(4);
            for (JsonNode p : proposals) {
                assertThat(p.at("/reasons/fitRulesPassed")).isNotEmpty();
                // Proposed units are catalogue units on the stock ledger.
                JsonNode unit = officer.get("/api/inventory/units/" + p.get("serial").asText()).json();
                assertThat(unit.get("status").asText()).isEqualTo("available");
                assertThat(unit.get("sku").asText()).isEqualTo(p.get("variantId").asText());
            }
            assertThat(officer.get("/api/allocation/units").json()).hasSize(9);

            // The demo hangs together: an approved proposal ships to the person's centre, a stock location.
            long id = proposals.get(0).get("id").asLong();
            assertThat(officer.post("/api/allocation/proposals/" + id + "/approve", Map.of()).status()).isEqualTo(200);
            Http.Response opened = officer.post("/api/distribution/cases", Map.of("proposalId", id));
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            Http.Response shipped = officer.post("/api/distribution/cases/" + opened.json().get("id").asLong() + "/shipment",
                    Map.of("accessories", List.of("کیف ابزار"), "carrier", "پست"));
            assertThat(shipped.status()).as(shipped.body()).isEqualTo(200);
            assertThat(officer.get("/api/inventory/shipments?status=dispatched").json()).hasSize(1);
        }
    }
}
