package org.tavan.catalog;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.tavan.telemetry.profile.FirmwareProfile;
import org.tavan.telemetry.profile.MeasurementSpec;
import org.tavan.telemetry.profile.ProfileCatalog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo catalogue's test plans speak the shipped firmware profiles' language: a plan's rig
 * kind is a profile id in firmware-profiles/ (the registry's profileId, which is what a session
 * compares), and every measurement a rig plan judges, and its long-run counter, is a name that
 * profile emits, in the same unit. A rename on either side fails here instead of in the workshop,
 * where a session would sit "missing" forever.
 */
class SeedPlansFitProfilesTest {

    private static final ProfileCatalog PROFILES = ProfileCatalog.load(Path.of("firmware-profiles"));

    @Test
    void every_rig_kind_is_a_shipped_profile_id_and_every_measurement_is_one_it_emits() throws Exception {
        assertThat(PROFILES.problems()).isEmpty();
        JsonNode seed = seed();
        List<String> problems = new ArrayList<>();
        Set<String> rigPlans = new HashSet<>();
        seed.get("plans").fields().forEachRemaining(entry -> {
            String code = entry.getKey();
            JsonNode plan = entry.getValue();
            for (JsonNode kind : plan.get("rigKinds")) {
                rigPlans.add(code);
                FirmwareProfile profile = PROFILES.byId(kind.asText()).orElse(null);
                if (profile == null) {
                    problems.add(code + ": rig kind '" + kind.asText() + "' is not a profile id in firmware-profiles/");
                    continue;
                }
                for (JsonNode m : plan.path("measurements")) {
                    String name = m.get("name").asText();
                    String unit = m.get("unit").asText();
                    List<MeasurementSpec> emitting = profile.measurementSpecs().stream()
                            .filter(spec -> spec.produces(name)).toList();
                    if (emitting.isEmpty()) {
                        problems.add(code + ": " + profile.id() + " emits no measurement '" + name + "'");
                    } else if (emitting.stream().noneMatch(spec -> spec.unit().equals(unit))) {
                        problems.add(code + ": " + name + " is in " + emitting.get(0).unit() + " from " + profile.id()
                                + ", the plan says " + unit);
                    }
                }
                JsonNode longRun = plan.path("longRun");
                if (!longRun.isMissingNode() && profile.measurementSpecs().stream()
                        .noneMatch(spec -> spec.produces(longRun.get("counter").asText()))) {
                    problems.add(code + ": " + profile.id() + " emits no counter '" + longRun.get("counter").asText() + "'");
                }
            }
        });
        assertThat(problems).isEmpty();
        // Not vacuous: the plans of the shipped rig kinds are all there.
        assertThat(rigPlans).containsExactlyInAnyOrder("WC-STABILITY", "WC-FATIGUE-DRUM", "WC-FATIGUE-CURB", "BK-PROOF",
                "HA-TESTBOX");
    }

    @Test
    void every_test_station_applies_a_plan_of_the_catalogue_and_datasheet_limits_use_keys_in_the_same_unit()
            throws Exception {
        JsonNode seed = seed();
        JsonNode plans = seed.get("plans");
        List<String> problems = new ArrayList<>();
        for (JsonNode model : seed.get("models")) {
            for (JsonNode step : model.get("routing")) {
                String plan = step.path("testPlanCode").asText(null);
                if (plan != null && !plans.has(plan)) {
                    problems.add(model.get("code").asText() + "/" + step.get("station").asText() + ": no plan " + plan);
                }
            }
        }
        plans.fields().forEachRemaining(entry -> {
            for (JsonNode m : entry.getValue().path("measurements")) {
                if (m.has("relativeTo")) {
                    SpecKey key = SpecKey.of(m.get("relativeTo").asText());
                    if (!m.get("unit").asText().equals(key.unit())) {
                        problems.add(entry.getKey() + ": " + m.get("name").asText() + " in " + m.get("unit").asText()
                                + " is limited against " + key.key() + " in " + key.unit());
                    }
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void a_template_measurement_matches_only_the_names_it_renders() {
        FirmwareProfile box = PROFILES.byId("hearing-aid-testbox").orElseThrow();
        MeasurementSpec thd = box.measurementSpecs().stream().filter(s -> s.name().equals("thd_{key}hz")).findFirst()
                .orElseThrow();
        assertThat(thd.produces("thd_500hz")).isTrue();
        assertThat(thd.produces("thd_percent")).isFalse();
        assertThat(thd.produces("thd_500")).isFalse();
        assertThat(box.measurementSpecs().stream().anyMatch(s -> s.produces("ospl90_max"))).isTrue();
    }

    private static JsonNode seed() throws Exception {
        try (InputStream in = SeedPlansFitProfilesTest.class.getResourceAsStream("/catalog/seed-catalog.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
