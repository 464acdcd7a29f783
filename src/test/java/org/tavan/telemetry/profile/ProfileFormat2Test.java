package org.tavan.telemetry.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.Measurement;
import org.tavan.telemetry.RigEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Format 2 validation and the pieces of it a file cannot show: expressions and exact key names. */
class ProfileFormat2Test {

    @TempDir
    Path dir;

    private ProfileProblem problemOf(String json) throws IOException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, json);
        InvalidProfile e = catchThrowableOfType(InvalidProfile.class, () -> FirmwareProfile.read(file));
        assertThat(e).as("the profile must be refused").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    private static String profile(int format, String rest) {
        return "{\"format\": " + format + ", \"id\": \"x\", \"version\": \"1\", \"rigKind\": \"k\","
                + " \"transport\": {\"mqtt\": {\"topic\": \"a/{rig}\"}}, \"payload\": {\"format\": \"key-value\"}" + rest + "}";
    }

    @ParameterizedTest(name = "format {0}")
    @CsvSource({"1", "2"})
    void a_misspelt_key_is_named_even_when_it_leaves_the_profile_empty(int format) throws IOException {
        ProfileProblem p = problemOf(profile(format, ", \"measurments\": [{\"name\": \"t\", \"field\": \"t\", \"unit\": \"C\"}]"));

        assertThat(p.field()).isEqualTo("measurments");
        assertThat(p.message()).startsWith("unknown key");
    }

    @Test
    void format_2_keys_are_unknown_in_a_format_1_file_so_old_files_mean_what_they_meant() throws IOException {
        ProfileProblem p = problemOf(profile(1, ", \"measurements\": [{\"name\": \"t\", \"field\": \"t\", \"unit\": \"C\"}],"
                + " \"derived\": [{\"name\": \"f\", \"unit\": \"F\", \"expression\": \"t * 1.8 + 32\"}]"));
        assertThat(p.field()).isEqualTo("derived");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "t * |ends where a number",
            "t + (1 |misses ')'",
            "system(t) |the functions are abs, min, max and sqrt",
            "t + q |uses 'q'",
            "t ; 1 |unexpected ';'",
            "min(t) |min takes 2 arguments"})
    void a_bad_expression_is_refused_at_load_naming_what_is_wrong(String expression, String message) throws IOException {
        ProfileProblem p = problemOf(profile(2, ", \"measurements\": [{\"name\": \"t\", \"field\": \"t\", \"unit\": \"C\"}],"
                + " \"derived\": [{\"name\": \"f\", \"unit\": \"F\", \"expression\": \"" + expression.strip() + "\"}]"));
        assertThat(p.field()).isEqualTo("derived[0].expression");
        assertThat(p.message()).contains(message);
    }

    @Test
    void expressions_follow_arithmetic_precedence_and_functions() throws Exception {
        Expression e = Expression.parse("-a + b * (2 - c) / 4 + max(abs(a), sqrt(b))");
        double a = -3;
        double b = 16;
        double c = 1;
        assertThat(e.evaluate(Map.of("a", a, "b", b, "c", c))).isEqualTo(-a + b * (2 - c) / 4 + Math.max(Math.abs(a), Math.sqrt(b)));
        assertThat(e.names()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(e.evaluate(Map.of("a", a))).isNaN();
    }

    @Test
    void a_derived_value_that_divides_by_zero_rejects_the_frame_and_one_with_a_missing_input_is_left_out() throws Exception {
        Path file = dir.resolve("d.json");
        Files.writeString(file, profile(2, ", \"measurements\": [{\"name\": \"l\", \"field\": \"l\", \"unit\": \"N\"},"
                + " {\"name\": \"r\", \"field\": \"r\", \"unit\": \"N\", \"optional\": true}],"
                + " \"derived\": [{\"name\": \"share\", \"unit\": \"%\", \"expression\": \"l / (l + r) * 100\"}]"));
        FirmwareProfile p = FirmwareProfile.read(file);

        DecodedFrame f = p.decoder().decode("l=30;r=10".getBytes());
        assertThat(f.measurements()).extracting(Measurement::name, Measurement::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("l", 30.0), org.assertj.core.groups.Tuple.tuple("r", 10.0),
                        org.assertj.core.groups.Tuple.tuple("share", 75.0));
        assertThat(p.decoder().decode("l=30".getBytes()).measurements()).extracting(Measurement::name).containsExactly("l");
        FrameRejected zero = catchThrowableOfType(FrameRejected.class, () -> p.decoder().decode("l=0;r=0".getBytes()));
        assertThat(zero.reason()).isEqualTo("bad_value");
        assertThat(zero.getMessage()).contains("share");
    }

    @Test
    void hex_codes_match_by_number_in_format_2_and_a_status_word_gives_one_event_per_bit() throws Exception {
        Path file = dir.resolve("e.json");
        Files.writeString(file, profile(2, ", \"events\": [{\"field\": \"s\", \"bits\": {\"0x01\": {\"kind\": \"fault\","
                + " \"description\": \"overload\"}, \"0x04\": {\"kind\": \"warning\", \"description\": \"low battery\"}}},"
                + " {\"field\": \"c\", \"codes\": {\"0x1F\": {\"kind\": \"paused\"}}}]"));
        FirmwareProfile p = FirmwareProfile.read(file);

        assertThat(p.decoder().decode("s=0x05;c=31".getBytes()).events()).containsExactly(
                new RigEvent("fault", "0x01", "overload"), new RigEvent("warning", "0x04", "low battery"),
                new RigEvent("paused", "0x1F", ""));
        assertThat(p.decoder().decode("s=5".getBytes()).events()).extracting(RigEvent::code).containsExactly("0x01", "0x04");
        assertThat(p.decoder().decode("s=0".getBytes()).events()).isEmpty();
    }

    @Test
    void a_binary_payload_needs_format_2_and_binary_framing_on_a_serial_line() throws IOException {
        String binary = "\"payload\": {\"format\": \"binary\"}, \"measurements\": [{\"name\": \"t\", \"offset\": 0,"
                + " \"type\": \"u8\", \"unit\": \"C\"}]";
        String v1 = "{\"format\": 1, \"id\": \"x\", \"version\": \"1\", \"rigKind\": \"k\", \"transport\": {\"mqtt\":"
                + " {\"topic\": \"a/{rig}\"}}, " + binary + "}";
        assertThat(problemOf(v1).message()).contains("format 2");
        String lines = v1.replace("\"format\": 1", "\"format\": 2").replace("{\"mqtt\": {\"topic\": \"a/{rig}\"}}",
                "{\"serial\": {\"baud\": 9600, \"lineTerminator\": \"\\n\", \"maxFrameBytes\": 64}}");
        assertThat(problemOf(lines).field()).isEqualTo("transport.serial.framing");
        String badType = v1.replace("\"format\": 1", "\"format\": 2").replace("\"u8\"", "\"u24\"");
        assertThat(problemOf(badType).field()).isEqualTo("measurements[0].type");
    }
}
