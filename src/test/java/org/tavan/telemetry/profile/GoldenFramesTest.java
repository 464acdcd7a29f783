package org.tavan.telemetry.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.Measurement;
import org.tavan.telemetry.RigEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Walks src/test/resources/golden/&lt;profile-id&gt;/*.frame: each raw frame must decode to its
 * *.expected.json, or be rejected with the reason named there. A new sample is a new test case.
 */
class GoldenFramesTest {

    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final ProfileCatalog SHIPPED = ProfileCatalog.load(Path.of("firmware-profiles"));
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> samples() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            files.filter(f -> f.toString().endsWith(".frame")).sorted().forEach(f ->
                    out.add(Arguments.of(f.getParent().getFileName() + "/" + f.getFileName(), f)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void golden_frame_decodes_to_its_expected_result(String name, Path frameFile) throws Exception {
        String profileId = frameFile.getParent().getFileName().toString();
        FirmwareProfile profile = SHIPPED.byId(profileId).orElseThrow(() ->
                new AssertionError("golden folder " + profileId + " names no shipped profile"));
        byte[] frame = Files.readAllBytes(frameFile);
        Path expectedFile = frameFile.resolveSibling(frameFile.getFileName().toString().replace(".frame", ".expected.json"));
        JsonNode expected = JSON.readTree(expectedFile.toFile());

        if (expected.has("rejected")) {
            FrameRejected rejected = catchThrowableOfType(FrameRejected.class, () -> profile.decoder().decode(frame));
            assertThat(rejected).as("decoding %s must be rejected", name).isNotNull();
            assertThat(rejected.reason()).as(rejected.getMessage()).isEqualTo(expected.get("rejected").asText());
            assertThat(rejected.getMessage()).isNotBlank();
            return;
        }
        DecodedFrame decoded = profile.decoder().decode(frame);
        assertMatches(decoded, expected);
    }

    static void assertMatches(DecodedFrame decoded, JsonNode expected) {
        if (expected.get("sequence").isNull()) {
            assertThat(decoded.sequence()).isEmpty();
        } else {
            assertThat(decoded.sequence()).hasValue(expected.get("sequence").asLong());
        }
        if (expected.get("deviceTime").isNull()) {
            assertThat(decoded.deviceTime()).isEmpty();
        } else {
            assertThat(decoded.deviceTime()).hasValue(Instant.parse(expected.get("deviceTime").asText()));
        }
        JsonNode measurements = expected.get("measurements");
        assertThat(decoded.measurements()).extracting(Measurement::name)
                .containsExactlyElementsOf(names(measurements));
        for (int i = 0; i < measurements.size(); i++) {
            Measurement m = decoded.measurements().get(i);
            assertThat(m.value()).as(m.name()).isCloseTo(measurements.get(i).get("value").asDouble(), within(1e-9));
            assertThat(m.unit()).as(m.name()).isEqualTo(measurements.get(i).get("unit").asText());
        }
        List<RigEvent> events = new ArrayList<>();
        expected.get("events").forEach(e -> events.add(new RigEvent(e.get("kind").asText(), e.get("code").asText(),
                e.get("description").asText())));
        assertThat(decoded.events()).containsExactlyElementsOf(events);
    }

    private static List<String> names(JsonNode measurements) {
        List<String> names = new ArrayList<>();
        measurements.forEach(m -> names.add(m.get("name").asText()));
        return names;
    }

    @Test
    void every_shipped_profile_has_accepted_and_rejected_golden_samples() throws IOException {
        for (FirmwareProfile profile : SHIPPED.profiles()) {
            Path dir = GOLDEN.resolve(profile.id());
            assertThat(dir).as("golden samples of " + profile.id()).isDirectory();
            List<String> outcomes = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".expected.json")).toList()) {
                    outcomes.add(JSON.readTree(f.toFile()).has("rejected") ? "rejected" : "accepted");
                }
            }
            assertThat(outcomes).as(profile.id()).contains("accepted", "rejected");
        }
    }
}
