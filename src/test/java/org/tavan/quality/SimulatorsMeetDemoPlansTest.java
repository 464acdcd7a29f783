package org.tavan.quality;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tavan.Json;
import org.tavan.catalog.TestPlan;
import org.tavan.simulators.Scenario;
import org.tavan.simulators.SimulatedFrame;
import org.tavan.simulators.SimulatedRig;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.Measurement;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.telemetry.profile.ProfileCatalog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/production-and-quality.md promises for the demo: a shipped simulator's pass scenario
 * earns a demo unit a passing verdict under the demo catalogue's plan, and its fail scenario a
 * failing one. Computed with the verdict calculator from the readings the simulator's frames
 * carry, against the variant's real datasheet values, so a change to a simulator file, a plan
 * limit or a variant spec that breaks the demo fails here.
 */
class SimulatorsMeetDemoPlansTest {

    private static final ProfileCatalog PROFILES = ProfileCatalog.load(Path.of("firmware-profiles"));

    @ParameterizedTest(name = "{0} on {1} ({2}, {3})")
    @CsvSource({"WC-STABILITY, WCM-40, tilt-table-json, simulators",
            "HA-TESTBOX, BTE-P, hearing-aid-testbox, simulators",
            "HA-TESTBOX, BTE-SP, hearing-aid-testbox, simulators",
            "BK-PROOF, BKP-P5, prosthesis-load-prl, simulators/static-proof"})
    void the_pass_scenario_passes_and_the_fail_scenario_fails(String planCode, String variantCode, String profileId,
                                                              String simulators) throws Exception {
        JsonNode seed = seed();
        ObjectMapper json = Json.mapper();
        TestPlan.Definition d = json.treeToValue(seed.get("plans").get(planCode), TestPlan.Definition.class);
        TestPlan plan = new TestPlan(1, planCode, 1, d.name(), d.rigKinds(), d.measurements(),
                d.checklist() == null ? List.of() : d.checklist(),
                d.longRun(), d.source(), Instant.EPOCH, "test");
        Map<String, Object> specs = specsOf(seed, variantCode);
        FirmwareProfile profile = PROFILES.byId(profileId).orElseThrow();

        String pass = outcome(plan, specs, profile, Path.of(simulators), Scenario.PASS);
        String fail = outcome(plan, specs, profile, Path.of(simulators), Scenario.FAIL);
        if (variantCode.equals("BTE-SP")) {
            // The simulator plays a BTE-P; a super-power aid's datasheet must not be met by it.
            assertThat(pass).isEqualTo("fail");
        } else {
            assertThat(pass).isIn("pass", "marginal");
            assertThat(fail).isEqualTo("fail");
        }
    }

    private static String outcome(TestPlan plan, Map<String, Object> specs, FirmwareProfile profile, Path simulators,
                                  Scenario scenario) {
        SimulatedRig rig = SimulatedRig.load(profile.source(), simulators, "demo-rig", scenario, 7,
                Instant.parse("2026-11-25T08:00:00Z"));
        List<Reading> readings = new ArrayList<>();
        long id = 0;
        Instant at = Instant.parse("2026-11-25T08:00:00Z");
        for (SimulatedFrame frame : rig.take(20)) {
            if (frame.kind() != SimulatedFrame.Kind.READING) {
                continue;
            }
            // Through the profile's own decoder, as ingest does: summaries such as ospl90_max appear here.
            DecodedFrame decoded;
            try {
                decoded = profile.decoder().decode(frame.bytes());
            } catch (FrameRejected e) {
                throw new AssertionError(scenario + ": the simulator sent a frame its profile rejects: " + e.getMessage());
            }
            for (Measurement m : decoded.measurements()) {
                readings.add(new Reading(++id, at, m.name(), m.value(), m.unit()));
            }
            at = at.plusSeconds(1);
        }
        assertThat(readings).as("the simulator sends readings").isNotEmpty();
        Map<String, Boolean> checklist = new HashMap<>();
        if (plan.checklist() != null) {
            plan.checklist().forEach(item -> checklist.put(item.key(), true));
        }
        VerdictCalculator.Result result = VerdictCalculator.compute(new VerdictCalculator.Input(plan, specs, readings,
                List.of(), checklist, 0, List.of()));
        assertThat(result.missing()).as(scenario + ": nothing the plan needs is missing").isEmpty();
        return result.outcome();
    }

    private static Map<String, Object> specsOf(JsonNode seed, String variantCode) {
        for (JsonNode model : seed.get("models")) {
            for (JsonNode variant : model.get("variants")) {
                if (variant.get("code").asText().equals(variantCode)) {
                    Map<String, Object> specs = new HashMap<>();
                    variant.get("specs").fields().forEachRemaining(e -> specs.put(e.getKey(),
                            e.getValue().isNumber() ? (Object) e.getValue().asDouble() : e.getValue().asText()));
                    return specs;
                }
            }
        }
        throw new AssertionError("no variant " + variantCode + " in the seed catalogue");
    }

    private static JsonNode seed() throws Exception {
        try (InputStream in = SimulatorsMeetDemoPlansTest.class.getResourceAsStream("/catalog/seed-catalog.json")) {
            return Json.mapper().readTree(in);
        }
    }
}
