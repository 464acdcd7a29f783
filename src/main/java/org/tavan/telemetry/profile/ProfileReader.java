package org.tavan.telemetry.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.tavan.telemetry.profile.Layout.EventCode;
import org.tavan.telemetry.profile.Layout.EventSpec;
import org.tavan.telemetry.profile.Layout.TimeEncoding;
import org.tavan.telemetry.profile.Layout.TimeSpec;
import org.tavan.telemetry.profile.Layout.ValueSpec;
import org.tavan.telemetry.profile.Section.Bad;

/**
 * Reads a profile file (JSON, {@code format: 1}, comments allowed) and validates everything a
 * decoder will rely on, so a loaded profile cannot fail at decode time for a reason in the file.
 */
final class ProfileReader {

    static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
    private static final Pattern PLACEHOLDER = NameTemplate.PLACEHOLDER;
    private static final Pattern EVENT_KIND = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> PARITIES = Set.of("none", "even", "odd", "mark", "space");
    private static final Set<String> SUMMARIES = Set.of("max", "min", "mean");
    private static final List<String> INDEX_NAMES = List.of("i", "j", "k");

    private ProfileReader() {
    }

    static FirmwareProfile read(Path file) throws InvalidProfile {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw problem(file, "(file)", "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() : ""));
        } catch (IOException e) {
            throw problem(file, "(file)", "cannot be read: " + e.getMessage());
        }
        try {
            return parse(new Section(root, ""), file);
        } catch (Bad bad) {
            throw problem(file, bad.field, bad.getMessage());
        }
    }

    private static InvalidProfile problem(Path file, String field, String message) {
        return new InvalidProfile(List.of(new ProfileProblem(file, field, message)));
    }

    private static FirmwareProfile parse(Section root, Path file) throws Bad {
        int format = root.integer("format", 0, Integer.MAX_VALUE);
        if (format != FORMAT) {
            throw new Bad("format", "this Tavan reads profile format " + FORMAT + ", found " + format);
        }
        String id = root.nonBlank("id");
        if (!ID.matcher(id).matches()) {
            throw new Bad("id", "must be lower-case letters, digits, '.', '_' or '-' (at most 64), found '" + id + "'");
        }
        String version = root.nonBlank("version");
        String rigKind = root.nonBlank("rigKind");
        if (!ID.matcher(rigKind).matches()) {
            throw new Bad("rigKind", "must be lower-case letters, digits, '.', '_' or '-', found '" + rigKind + "'");
        }
        String description = root.optText("description").orElse("");
        Transport transport = transport(root.section("transport"));
        Layout.Payload payload = payload(root.section("payload"));
        Optional<Checksum> checksum = root.optSection("checksum").isPresent()
                ? Optional.of(checksum(root.section("checksum"))) : Optional.empty();
        Optional<FieldRef> sequence = root.optSection("sequence").isPresent()
                ? Optional.of(ref(root.section("sequence"), payload, true)) : Optional.empty();
        Optional<TimeSpec> deviceTime = root.optSection("deviceTime").isPresent()
                ? Optional.of(deviceTime(root.section("deviceTime"), payload)) : Optional.empty();

        List<ValueSpec> values = new ArrayList<>();
        List<MeasurementSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Section> measurementSections = root.sections("measurements");
        if (measurementSections.isEmpty() && !root.has("events")) {
            throw new Bad("measurements", "a profile needs at least one measurement or event field");
        }
        for (Section m : measurementSections) {
            ValueSpec value = measurement(m, payload);
            if (!names.add(value.name())) {
                throw new Bad(m.at("name"), "'" + value.name() + "' is used twice");
            }
            values.add(value);
            specs.add(new MeasurementSpec(value.name(), value.unit(), value.type()));
            for (Map.Entry<String, String> summary : value.summaries().entrySet()) {
                if (!names.add(summary.getValue())) {
                    throw new Bad(m.at("summaries") + "." + summary.getKey(), "'" + summary.getValue() + "' is used twice");
                }
                specs.add(new MeasurementSpec(summary.getValue(), value.unit(), MeasurementSpec.Type.DECIMAL));
            }
        }
        List<EventSpec> events = new ArrayList<>();
        for (Section e : root.sections("events")) {
            events.add(event(e, payload));
        }
        root.done();

        if (payload instanceof Layout.Delimited d && d.fieldCount() > 0) {
            checkPositions(d.fieldCount(), sequence, deviceTime, values, events);
        }
        Layout layout = new Layout(payload, checksum, transport.maxFrameBytes(), sequence, deviceTime, values, events);
        FrameAssembler assembler = new FrameAssembler(layout);
        FrameDecoder decoder;
        FrameEncoder encoder;
        if (payload instanceof Layout.Delimited d) {
            decoder = new DelimitedFrameDecoder(layout, d, assembler);
            encoder = new DelimitedFrameEncoder(layout, d);
        } else if (payload instanceof Layout.KeyValue kv) {
            decoder = new KeyValueFrameDecoder(layout, kv, assembler);
            encoder = new KeyValueFrameEncoder(layout, kv);
        } else {
            decoder = new JsonFrameDecoder(layout, assembler);
            encoder = new JsonFrameEncoder(layout);
        }
        return new FirmwareProfile(id, version, rigKind, description, transport, specs, layout, decoder, encoder, file);
    }

    private static Transport transport(Section t) throws Bad {
        String kind = t.oneOf("mqtt", "serial");
        t.done();
        Section s = t.section(kind);
        if (kind.equals("mqtt")) {
            String topic = s.nonBlank("topic");
            List<String> problems = MqttTransport.problemsOf(topic);
            if (!problems.isEmpty()) {
                throw new Bad(s.at("topic"), String.join("; ", problems));
            }
            int max = s.optInteger("maxFrameBytes", 16, 16 * 1024 * 1024).orElse(MqttTransport.DEFAULT_MAX_FRAME_BYTES);
            s.done();
            return new MqttTransport(topic, max);
        }
        int baud = s.integer("baud", 50, 4_000_000);
        int dataBits = s.optInteger("dataBits", 5, 8).orElse(8);
        String parity = s.optText("parity").orElse("none");
        if (!PARITIES.contains(parity)) {
            throw new Bad(s.at("parity"), "must be one of none, even, odd, mark, space; found '" + parity + "'");
        }
        int stopBits = s.optInteger("stopBits", 1, 2).orElse(1);
        String terminator = s.text("lineTerminator");
        if (terminator.isEmpty() || terminator.length() > 4 || !terminator.chars().allMatch(c -> c < 0x20)) {
            throw new Bad(s.at("lineTerminator"), "must be 1 to 4 control characters such as \"\\r\\n\"");
        }
        int max = s.integer("maxFrameBytes", 8, 1024 * 1024);
        Optional<String> port = s.optText("portPattern");
        s.done();
        return new SerialTransport(baud, dataBits, parity, stopBits, terminator, max, port);
    }

    private static Layout.Payload payload(Section p) throws Bad {
        String format = p.text("format");
        Layout.Payload payload = switch (format) {
            case "json" -> new Layout.Json();
            case "delimited" -> {
                String separator = p.text("separator");
                if (separator.isEmpty()) {
                    throw new Bad(p.at("separator"), "must not be empty");
                }
                Optional<String> tag = p.optText("tag");
                if (tag.isPresent() && (tag.get().isEmpty() || tag.get().contains(separator))) {
                    throw new Bad(p.at("tag"), "must be non-empty and must not contain the separator");
                }
                int count = p.optInteger("fieldCount", 1, 10_000).orElse(0);
                yield new Layout.Delimited(separator, tag, count);
            }
            case "key-value" -> {
                String pairs = p.optText("pairSeparator").orElse(";");
                String kv = p.optText("keyValueSeparator").orElse("=");
                if (pairs.isEmpty() || kv.isEmpty() || pairs.contains(kv) || kv.contains(pairs)) {
                    throw new Bad(p.path(), "pairSeparator and keyValueSeparator must be non-empty and different");
                }
                yield new Layout.KeyValue(pairs, kv);
            }
            default -> throw new Bad(p.at("format"), "must be json, delimited or key-value; found '" + format + "'");
        };
        p.done();
        return payload;
    }

    private static Checksum checksum(Section c) throws Bad {
        String type = c.text("type");
        Checksum checksum = switch (type) {
            case "nmea-xor" -> new Checksum.NmeaXor();
            case "crc-16" -> {
                String name = c.text("variant");
                Checksum.Crc16.Variant variant = Checksum.Crc16.Variant.byName(name);
                if (variant == null) {
                    throw new Bad(c.at("variant"), "must be one of CRC-16/MODBUS, CRC-16/CCITT-FALSE, CRC-16/XMODEM, "
                            + "CRC-16/KERMIT; found '" + name + "'");
                }
                String separator = c.optText("separator").orElse("*");
                if (separator.isEmpty()) {
                    throw new Bad(c.at("separator"), "must not be empty");
                }
                yield new Checksum.Crc16(variant, separator);
            }
            default -> throw new Bad(c.at("type"), "must be nmea-xor or crc-16; found '" + type + "'");
        };
        c.done();
        return checksum;
    }

    /** Reads {@code field} or {@code position}, whichever the payload format uses. */
    private static FieldRef ref(Section s, Layout.Payload payload, boolean closeSection) throws Bad {
        FieldRef ref;
        if (payload instanceof Layout.Delimited) {
            if (s.has("field")) {
                throw new Bad(s.at("field"), "delimited payloads name fields by position, not field");
            }
            ref = FieldRef.position(s.integer("position", 1, 10_000));
        } else {
            if (s.has("position")) {
                throw new Bad(s.at("position"), payload.label() + " payloads name fields by field, not position");
            }
            String field = s.nonBlank("field");
            if (payload instanceof Layout.Json) {
                ref = FieldRef.jsonPath(field);
                if (ref == null) {
                    throw new Bad(s.at("field"), "is not a JSON path like a.b[2].c or a[*].b; found '" + field + "'");
                }
            } else {
                ref = FieldRef.key(field);
            }
        }
        if (closeSection) {
            s.done();
        }
        return ref;
    }

    private static FieldRef scalarRef(Section s, Layout.Payload payload, boolean close) throws Bad {
        FieldRef ref = ref(s, payload, close);
        if (ref.wildcards() > 0) {
            throw new Bad(s.at("field"), "[*] is only allowed in measurements");
        }
        return ref;
    }

    private static TimeSpec deviceTime(Section s, Layout.Payload payload) throws Bad {
        FieldRef ref = scalarRef(s, payload, false);
        TimeEncoding encoding = encoding(s);
        Optional<FieldRef> boot = Optional.empty();
        Optional<TimeEncoding> bootEncoding = Optional.empty();
        if (encoding.isUptime()) {
            Section b = s.optSection("boot").orElseThrow(() -> new Bad(s.at("boot"),
                    "is required for an uptime: the field that holds the device's boot time"));
            boot = Optional.of(scalarRef(b, payload, false));
            TimeEncoding be = encoding(b);
            if (be.isUptime()) {
                throw new Bad(b.at("encoding"), "a boot time must be epoch-seconds, epoch-millis or iso-8601");
            }
            bootEncoding = Optional.of(be);
            b.done();
        } else if (s.has("boot")) {
            throw new Bad(s.at("boot"), "only an uptime encoding needs a boot time");
        }
        s.done();
        return new TimeSpec(ref, encoding, boot, bootEncoding);
    }

    private static TimeEncoding encoding(Section s) throws Bad {
        String label = s.text("encoding");
        for (TimeEncoding e : TimeEncoding.values()) {
            if (e.label.equals(label)) {
                return e;
            }
        }
        throw new Bad(s.at("encoding"), "must be epoch-seconds, epoch-millis, iso-8601, uptime-seconds or uptime-millis; "
                + "found '" + label + "'");
    }

    private static ValueSpec measurement(Section m, Layout.Payload payload) throws Bad {
        String name = m.nonBlank("name");
        FieldRef ref = ref(m, payload, false);
        String unit = m.text("unit");
        String typeLabel = m.optText("type").orElse("decimal");
        MeasurementSpec.Type type = switch (typeLabel) {
            case "decimal" -> MeasurementSpec.Type.DECIMAL;
            case "integer" -> MeasurementSpec.Type.INTEGER;
            default -> throw new Bad(m.at("type"), "must be decimal or integer; found '" + typeLabel + "'");
        };
        double scale = m.optNumber("scale").orElse(1.0);
        if (scale == 0) {
            throw new Bad(m.at("scale"), "must not be 0");
        }
        double offset = m.optNumber("offset").orElse(0.0);
        boolean optional = m.flag("optional", false);
        Optional<FieldRef> key = Optional.empty();
        if (m.has("key")) {
            String keyPath = m.text("key");
            key = Optional.ofNullable(FieldRef.jsonPath(keyPath));
            if (key.isEmpty() || !(payload instanceof Layout.Json)) {
                throw new Bad(m.at("key"), "must be a JSON path with [*] (only JSON payloads have arrays)");
            }
        }
        List<Integer> shape = m.integers("shape");
        Map<String, String> summaries = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : m.stringEntries("summaries")) {
            if (!SUMMARIES.contains(e.getKey())) {
                throw new Bad(m.at("summaries") + "." + e.getKey(), "must be max, min or mean");
            }
            if (!NAME.matcher(e.getValue()).matches()) {
                throw new Bad(m.at("summaries") + "." + e.getKey(), "is not a measurement name: '" + e.getValue() + "'");
            }
            summaries.put(e.getKey(), e.getValue());
        }
        m.done();

        int wildcards = ref.wildcards();
        Matcher placeholders = PLACEHOLDER.matcher(name);
        Set<String> used = new HashSet<>();
        while (placeholders.find()) {
            used.add(placeholders.group(1));
        }
        if (!NAME.matcher(PLACEHOLDER.matcher(name).replaceAll("0")).matches()) {
            throw new Bad(m.at("name"), "must start with a letter and use letters, digits, '_' and '.', with "
                    + "placeholders {i}, {j}, {k}, {key} or {i:02} for array elements; found '" + name + "'");
        }
        if (wildcards == 0) {
            if (!used.isEmpty()) {
                throw new Bad(m.at("name"), "placeholders need a field with [*]");
            }
            if (key.isPresent() || !shape.isEmpty() || !summaries.isEmpty()) {
                throw new Bad(m.path(), "key, shape and summaries are only for fields with [*]");
            }
        } else {
            if (wildcards > 3) {
                throw new Bad(m.at("field"), "at most three [*]");
            }
            if (key.isPresent()) {
                if (key.get().wildcards() != wildcards) {
                    throw new Bad(m.at("key"), "must have as many [*] as field (" + wildcards + ")");
                }
                if (!used.contains("key")) {
                    throw new Bad(m.at("name"), "must contain {key} to name each element by its key");
                }
            } else {
                for (int i = 0; i < wildcards; i++) {
                    if (!used.contains(INDEX_NAMES.get(i))) {
                        throw new Bad(m.at("name"), "must contain {" + INDEX_NAMES.get(i) + "} for [*] number " + (i + 1));
                    }
                }
                if (used.contains("key")) {
                    throw new Bad(m.at("name"), "{key} needs a key path");
                }
            }
            if (!shape.isEmpty() && shape.size() != wildcards) {
                throw new Bad(m.at("shape"), "must give one size per [*] (" + wildcards + ")");
            }
        }
        return new ValueSpec(name, ref, key, unit, type, scale, offset, optional, List.copyOf(shape), summaries,
                new NameTemplate(name));
    }

    private static EventSpec event(Section e, Layout.Payload payload) throws Bad {
        FieldRef ref = scalarRef(e, payload, false);
        Map<String, EventCode> codes = new LinkedHashMap<>();
        for (Map.Entry<String, Section> c : e.entries("codes")) {
            Section code = c.getValue();
            String kind = code.text("kind");
            if (!EVENT_KIND.matcher(kind).matches()) {
                throw new Bad(code.at("kind"), "must be a lower-case word such as started, paused, checkpoint or fault");
            }
            String description = code.optText("description").orElse("");
            code.done();
            codes.put(c.getKey(), new EventCode(kind, description));
        }
        List<String> ignore = e.texts("ignore");
        for (String i : ignore) {
            if (codes.containsKey(i)) {
                throw new Bad(e.at("ignore"), "'" + i + "' is both a code and ignored");
            }
        }
        String unknown = e.optText("unknownCodes").orElse("fault");
        if (!unknown.equals("fault") && !unknown.equals("reject")) {
            throw new Bad(e.at("unknownCodes"), "must be fault (an event with the code) or reject (the frame); found '"
                    + unknown + "'");
        }
        if (codes.isEmpty()) {
            throw new Bad(e.at("codes"), "is required: which codes mean which event");
        }
        e.done();
        return new EventSpec(ref, codes, List.copyOf(ignore), unknown.equals("reject"));
    }

    private static void checkPositions(int count, Optional<FieldRef> sequence, Optional<TimeSpec> time,
                                       List<ValueSpec> values, List<EventSpec> events) throws Bad {
        List<FieldRef> refs = new ArrayList<>();
        sequence.ifPresent(refs::add);
        time.ifPresent(t -> {
            refs.add(t.ref());
            t.boot().ifPresent(refs::add);
        });
        values.forEach(v -> refs.add(v.ref()));
        events.forEach(e -> refs.add(e.ref()));
        for (FieldRef r : refs) {
            if (r.position() > count) {
                throw new Bad("payload.fieldCount", "is " + count + " but a field uses position " + r.position());
            }
        }
    }
}
