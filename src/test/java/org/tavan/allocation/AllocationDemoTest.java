package org.tavan.allocation;

import java.nio.file.Path;

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
            JsonNode proposals = officer.get("/api/allocation/proposals?status=proposed").json();
            assertThat(proposals.size()).isGreaterThanOrEqualTo(4);
            for (JsonNode p : proposals) {
                assertThat(p.at("/reasons/fitRulesPassed")).isNotEmpty();
            }
        }
    }
}
