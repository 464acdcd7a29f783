package org.tavan.telemetry.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tavan.telemetry.FrameRejected;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** docs/firmware-profiles.md cannot drift: its examples are files that load and decode as the text says. */
class DocsExamplesTest {

    private static final Path DOC = Path.of("docs/firmware-profiles.md");
    private static final Path EXAMPLES = Path.of("docs/examples");
    /** Format 2 examples: a profile that exists only in the tests, decoded without code. */
    static final Path TEST_EXAMPLES = Path.of("src/test/resources/profiles-v2");

    @Test
    void example_profiles_all_load() {
        ProfileCatalog catalog = ProfileCatalog.load(EXAMPLES);

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.profiles()).hasSize(3);
    }

    @Test
    void every_code_block_naming_a_file_equals_that_file() throws IOException {
        String doc = Files.readString(DOC);
        Matcher blocks = Pattern.compile("```json\\n(// (\\S+).*?)\\n```", Pattern.DOTALL).matcher(doc);
        int found = 0;
        while (blocks.find()) {
            Path file = Path.of(blocks.group(2));
            assertThat(Files.readString(file).strip()).as(file.toString()).isEqualTo(blocks.group(1).strip());
            found++;
        }
        assertThat(found).isEqualTo(4);
    }

    @Test
    void every_file_the_document_links_exists_and_every_profile_it_links_loads() throws Exception {
        String doc = Files.readString(DOC);
        Matcher links = Pattern.compile("\\]\\(([^)#]+)\\)").matcher(doc);
        int profiles = 0;
        while (links.find()) {
            Path file = DOC.getParent().resolve(links.group(1)).normalize();
            assertThat(file).as(links.group(1)).exists();
            if (file.startsWith("firmware-profiles") && file.toString().endsWith(".json")) {
                assertThat(FirmwareProfile.read(file).id()).isNotBlank();
                profiles++;
            }
        }
        assertThat(profiles).isGreaterThanOrEqualTo(8);
    }

    static Stream<Path> exampleFrames() throws IOException {
        List<Path> frames = new ArrayList<>();
        for (Path dir : List.of(EXAMPLES.resolve("frames"), TEST_EXAMPLES.resolve("frames"))) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".frame")).sorted().forEach(frames::add);
            }
        }
        return frames.stream();
    }

    @Test
    void the_test_only_binary_profile_loads() {
        ProfileCatalog catalog = ProfileCatalog.load(TEST_EXAMPLES);

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.profiles()).extracting(FirmwareProfile::payloadFormat).containsExactly("binary");
    }

    @Test
    void every_hex_frame_quoted_in_the_document_is_a_test_resource_byte_for_byte() throws IOException {
        String doc = Files.readString(DOC);
        Matcher quoted = Pattern.compile("`((?:src/test/resources|docs/examples)/\\S+\\.frame)` is\\s+`([0-9a-f ]+)`").matcher(doc);
        int found = 0;
        while (quoted.find()) {
            byte[] frame = Files.readAllBytes(Path.of(quoted.group(1)));
            assertThat(java.util.HexFormat.ofDelimiter(" ").formatHex(frame)).as(quoted.group(1)).isEqualTo(quoted.group(2));
            found++;
        }
        assertThat(found).isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFrames")
    void example_frames_decode_as_the_document_says(Path frameFile) throws Exception {
        String name = frameFile.getFileName().toString();
        FirmwareProfile profile = FirmwareProfile.read(frameFile.getParent().getParent()
                .resolve(name.substring(0, name.indexOf('.')) + ".json"));
        JsonNode expected = new ObjectMapper().readTree(
                frameFile.resolveSibling(name.replace(".frame", ".expected.json")).toFile());
        byte[] frame = Files.readAllBytes(frameFile);
        if (expected.has("rejected")) {
            FrameRejected rejected = catchThrowableOfType(FrameRejected.class, () -> profile.decoder().decode(frame));
            assertThat(rejected).isNotNull();
            assertThat(rejected.reason()).isEqualTo(expected.get("rejected").asText());
        } else {
            GoldenFramesTest.assertMatches(profile.decoder().decode(frame), expected);
        }
    }
}
