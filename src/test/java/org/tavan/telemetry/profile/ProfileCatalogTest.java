package org.tavan.telemetry.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileCatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHIPPED = Path.of("firmware-profiles");

    @TempDir
    Path dir;

    @Test
    void shipped_profiles_all_load_and_cover_both_transports_every_format_and_checksum() {
        ProfileCatalog catalog = ProfileCatalog.load(SHIPPED);

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.profiles()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(catalog.profiles()).extracting(FirmwareProfile::rigKind).contains("wheelchair-drum-fatigue",
                "wheelchair-curb-drop", "wheelchair-static-stability", "prosthesis-structural-load",
                "hearing-aid-test-box", "cushion-pressure-mat");
        assertThat(catalog.profiles()).extracting(FirmwareProfile::payloadFormat).contains("json", "delimited", "key-value");
        assertThat(catalog.profiles()).anyMatch(p -> p.mqtt().isPresent()).anyMatch(p -> p.serial().isPresent());
        assertThat(catalog.profiles()).flatExtracting(p -> p.checksum().stream().toList())
                .contains("nmea-xor", "CRC-16/MODBUS", "CRC-16/CCITT-FALSE");
    }

    @Test
    void mqtt_transport_derives_the_subscription_and_finds_the_rig_in_a_topic() {
        MqttTransport t = new MqttTransport("workshop/+/drum/{rig}/data");

        assertThat(t.subscriptionFilter()).isEqualTo("workshop/+/drum/+/data");
        assertThat(t.rigIdOf("workshop/tehran-1/drum/DRM-07/data")).hasValue("DRM-07");
        assertThat(t.rigIdOf("workshop/tehran-1/drum/DRM-07/status")).isEmpty();
        assertThat(t.rigIdOf("workshop/tehran-1/drum/DRM-07/data/x")).isEmpty();
        assertThat(t.rigIdOf("workshop/tehran-1/drum//data")).isEmpty();
        assertThat(t.topicFor("DRM-07", "tehran-1")).isEqualTo("workshop/tehran-1/drum/DRM-07/data");
    }

    @Test
    void serial_transport_carries_the_line_settings() {
        FirmwareProfile drum = ProfileCatalog.load(SHIPPED).byId("double-drum-drm").orElseThrow();

        SerialTransport serial = drum.serial().orElseThrow();
        assertThat(serial.baud()).isEqualTo(115200);
        assertThat(serial.dataBits()).isEqualTo(8);
        assertThat(serial.parity()).isEqualTo("none");
        assertThat(serial.stopBits()).isEqualTo(1);
        assertThat(serial.lineTerminatorBytes()).containsExactly('\r', '\n');
        assertThat(serial.maxFrameBytes()).isEqualTo(96);
        assertThat(serial.portPattern()).hasValue("/dev/ttyUSB*");
    }

    @Test
    void an_invalid_file_is_refused_with_file_field_and_problem_while_the_others_load() throws IOException {
        Files.copy(SHIPPED.resolve("curb-drop.json"), dir.resolve("a-curb.json"));
        ObjectNode typo = base();
        typo.set("measurments", typo.remove("measurements"));
        write("b-typo.json", typo);
        Files.copy(SHIPPED.resolve("tilt-table.json"), dir.resolve("c-tilt.json"));

        ProfileCatalog catalog = ProfileCatalog.load(dir);

        assertThat(catalog.profiles()).extracting(FirmwareProfile::id).containsExactly("curb-drop-kv", "tilt-table-json");
        assertThat(catalog.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dir.resolve("b-typo.json"));
            assertThat(p.field()).isEqualTo("measurments");
            assertThat(p.message()).contains("unknown key").contains("measurements");
        });
    }

    @Test
    void a_second_profile_with_the_same_id_is_refused() throws IOException {
        Files.copy(SHIPPED.resolve("curb-drop.json"), dir.resolve("a.json"));
        Files.copy(SHIPPED.resolve("curb-drop.json"), dir.resolve("b.json"));

        ProfileCatalog catalog = ProfileCatalog.load(dir);

        assertThat(catalog.profiles()).hasSize(1);
        assertThat(catalog.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(dir.resolve("b.json"));
            assertThat(p.field()).isEqualTo("id");
        });
    }

    @Test
    void a_file_that_is_not_json_is_refused_with_its_line() throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{\n  \"format\": 1,\n  \"id\": \n}\n");

        ProfileCatalog catalog = ProfileCatalog.load(dir);

        assertThat(catalog.profiles()).isEmpty();
        assertThat(catalog.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("line 4"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad("format version", p -> p.put("format", 3), "format", "reads profile formats 1 and 2"),
                bad("missing id", p -> p.remove("id"), "id", "is required"),
                bad("upper-case id", p -> p.put("id", "Curb Drop"), "id", "lower-case"),
                bad("unknown key in a measurement", p -> ((ObjectNode) p.withArray("measurements").get(0)).put("scael", 2),
                        "measurements[0].scael", "unknown key"),
                bad("zero scale", p -> ((ObjectNode) p.withArray("measurements").get(1)).put("scale", 0),
                        "measurements[1].scale", "must not be 0"),
                bad("scale as text", p -> ((ObjectNode) p.withArray("measurements").get(1)).put("scale", "0.1"),
                        "measurements[1].scale", "must be a number"),
                bad("unknown type", p -> ((ObjectNode) p.withArray("measurements").get(0)).put("type", "float"),
                        "measurements[0].type", "decimal or integer"),
                bad("duplicate measurement", p -> ((ObjectNode) p.withArray("measurements").get(1)).put("name", "drops"),
                        "measurements[1].name", "used twice"),
                bad("position in key-value", p -> ((ObjectNode) p.withArray("measurements").get(0)).put("position", 3),
                        "measurements[0].position", "by field"),
                bad("topic without rig", p -> p.with("transport").with("mqtt").put("topic", "workshop/+/curb/data"),
                        "transport.mqtt.topic", "{rig}"),
                bad("topic with #", p -> p.with("transport").with("mqtt").put("topic", "workshop/#/{rig}"),
                        "transport.mqtt.topic", "'#'"),
                bad("both transports", p -> p.with("transport").putObject("serial").put("baud", 9600),
                        "transport", "only one of"),
                bad("unknown checksum", p -> p.with("checksum").put("type", "md5"), "checksum.type", "nmea-xor or crc-16"),
                bad("unknown CRC variant", p -> p.with("checksum").put("variant", "CRC-16/ARC"), "checksum.variant",
                        "CRC-16/MODBUS"),
                bad("unknown time encoding", p -> p.with("deviceTime").put("encoding", "unix"), "deviceTime.encoding",
                        "epoch-seconds"),
                bad("uptime without boot", p -> p.with("deviceTime").put("encoding", "uptime-millis"), "deviceTime.boot",
                        "boot time"),
                bad("event without kind", p -> ((ObjectNode) p.withArray("events").get(0)).with("codes").with("START").remove("kind"),
                        "events[0].codes.START.kind", "is required"),
                bad("unknown payload format", p -> p.with("payload").put("format", "xml"), "payload.format", "json, delimited"),
                bad("placeholder without array", p -> ((ObjectNode) p.withArray("measurements").get(0)).put("name", "d_{i}"),
                        "measurements[0].name", "[*]"));
    }

    private static Arguments bad(String what, Consumer<ObjectNode> change, String field, String message) {
        return Arguments.of(what, change, field, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void an_invalid_profile_names_the_field_and_the_problem(String what, Consumer<ObjectNode> change, String field,
                                                           String message) throws IOException {
        ObjectNode profile = base();
        change.accept(profile);
        Path file = write("profile.json", profile);

        ProfileCatalog catalog = ProfileCatalog.load(dir);

        assertThat(catalog.profiles()).isEmpty();
        assertThat(catalog.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(file);
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(message);
        });
    }

    @Test
    void serial_settings_are_validated() throws IOException {
        ObjectNode profile = (ObjectNode) JSON.readTree(strip(Files.readString(SHIPPED.resolve("wheelchair-double-drum.json"))));
        ((ObjectNode) profile.get("transport").get("serial")).put("parity", "evn");
        write("drum.json", profile);

        assertThat(ProfileCatalog.load(dir).problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("transport.serial.parity");
            assertThat(p.message()).contains("none, even, odd");
        });
    }

    @Test
    void delimited_positions_beyond_the_field_count_are_refused() throws IOException {
        ObjectNode profile = (ObjectNode) JSON.readTree(strip(Files.readString(SHIPPED.resolve("wheelchair-double-drum.json"))));
        ((ArrayNode) profile.get("measurements")).addObject().put("name", "extra").put("position", 9).put("unit", "V");
        write("drum.json", profile);

        assertThat(ProfileCatalog.load(dir).problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("payload.fieldCount");
            assertThat(p.message()).contains("position 9");
        });
    }

    private ObjectNode base() throws IOException {
        return (ObjectNode) JSON.readTree(strip(Files.readString(SHIPPED.resolve("curb-drop.json"))));
    }

    /** The shipped files start with // comments, which Tavan's reader allows and plain Jackson does not. */
    private static String strip(String text) {
        return text.lines().filter(l -> !l.trim().startsWith("//")).reduce("", (a, b) -> a + b + "\n");
    }

    private Path write(String name, ObjectNode profile) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(profile), StandardCharsets.UTF_8);
        return file;
    }
}
