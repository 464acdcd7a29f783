package org.tavan.telemetry.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.tavan.telemetry.profile.Layout.EventSpec;
import org.tavan.telemetry.profile.Layout.TimeSpec;
import org.tavan.telemetry.profile.Layout.ValueSpec;
import org.tavan.telemetry.profile.Section.Bad;

/**
 * Reads a profile file (JSON, {@code format} 1 or 2, comments allowed) and validates everything a
 * decoder will rely on, so a loaded profile cannot fail at decode time for a reason in the file.
 * Format 1 files load exactly as they always did; format 2 adds binary frames, polling, status
 * words, several sentences, checksum coverage and derived measurements.
 */
final class ProfileReader {

    static final int FORMAT = 2;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

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

    /** What one kind of frame carries: the whole profile's, or one sentence's. */
    private record Body(Optional<FieldRef> sequence, Optional<TimeSpec> deviceTime, List<ValueSpec> values,
                        List<EventSpec> events, List<Layout.DerivedSpec> derived) {
        boolean isEmpty() {
            return values.isEmpty() && events.isEmpty();
        }
    }

    private static FirmwareProfile parse(Section root, Path file) throws Bad {
        int format = root.integer("format", 0, Integer.MAX_VALUE);
        if (format < 1 || format > FORMAT) {
            throw new Bad("format", "this Tavan reads profile formats 1 and " + FORMAT + ", found " + format);
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
        Transport transport = TransportReader.transport(root.section("transport"), format);
        Layout.Payload payload = PayloadReader.payload(root.section("payload"), format);
        checkTransport(transport, payload);
        Optional<Checksum> checksum = root.optSection("checksum").isPresent()
                ? Optional.of(PayloadReader.checksum(root.section("checksum"), format, payload)) : Optional.empty();

        List<MeasurementSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (format >= 2 && root.has("sentences")) {
            List<Section> sentences = root.sections("sentences");
            for (String key : List.of("sequence", "deviceTime", "measurements", "derived", "events")) {
                if (root.has(key)) {
                    throw new Bad(key, "a profile with sentences keeps its fields in each sentence");
                }
            }
            root.done();
            SentenceDecoder sentenceDecoder = sentences(sentences, payload, checksum, transport, format, specs, names);
            return new FirmwareProfile(id, version, rigKind, description, transport, specs, sentenceDecoder.layouts(),
                    sentenceDecoder, sentenceDecoder, file);
        }
        Body body = body(root, payload, format, specs, names);
        // Unknown keys first: a misspelt "measurments" must be named even though it leaves the profile empty.
        root.done();
        if (body.isEmpty()) {
            throw new Bad("measurements", "a profile needs at least one measurement or event field");
        }
        Layout layout = layout(payload, checksum, transport, body);
        return new FirmwareProfile(id, version, rigKind, description, transport, specs, List.of(layout), decoder(layout),
                encoder(layout), file);
    }

    private static void checkTransport(Transport transport, Layout.Payload payload) throws Bad {
        boolean binaryFraming = transport instanceof SerialTransport s && s.framing().isPresent();
        if (payload instanceof Layout.Binary && transport instanceof SerialTransport && !binaryFraming) {
            throw new Bad("transport.serial.framing", "is required for a binary payload: lines cannot carry binary frames");
        }
        if (!(payload instanceof Layout.Binary) && binaryFraming) {
            throw new Bad("transport.serial.framing", "is only for binary payloads; text frames end at lineTerminator");
        }
    }

    private static Body body(Section s, Layout.Payload payload, int format, List<MeasurementSpec> specs, Set<String> names)
            throws Bad {
        Optional<FieldRef> sequence = s.optSection("sequence").isPresent()
                ? Optional.of(FieldReader.ref(s.section("sequence"), payload, true)) : Optional.empty();
        Optional<TimeSpec> deviceTime = s.optSection("deviceTime").isPresent()
                ? Optional.of(FieldReader.deviceTime(s.section("deviceTime"), payload)) : Optional.empty();
        List<ValueSpec> values = new ArrayList<>();
        Set<String> plain = new LinkedHashSet<>();
        for (Section m : s.sections("measurements")) {
            ValueSpec value = FieldReader.measurement(m, payload);
            if (!names.add(value.name())) {
                throw new Bad(m.at("name"), "'" + value.name() + "' is used twice");
            }
            values.add(value);
            specs.add(new MeasurementSpec(value.name(), value.unit(), value.type()));
            if (!value.isArray()) {
                plain.add(value.name());
            }
            for (Map.Entry<String, String> summary : value.summaries().entrySet()) {
                if (!names.add(summary.getValue())) {
                    throw new Bad(m.at("summaries") + "." + summary.getKey(), "'" + summary.getValue() + "' is used twice");
                }
                plain.add(summary.getValue());
                specs.add(new MeasurementSpec(summary.getValue(), value.unit(), MeasurementSpec.Type.DECIMAL));
            }
        }
        List<Layout.DerivedSpec> derived = new ArrayList<>();
        if (format >= 2) {
            for (Section d : s.sections("derived")) {
                Layout.DerivedSpec spec = FieldReader.derived(d, plain);
                if (!names.add(spec.name())) {
                    throw new Bad(d.at("name"), "'" + spec.name() + "' is used twice");
                }
                plain.add(spec.name());
                derived.add(spec);
                specs.add(new MeasurementSpec(spec.name(), spec.unit(), MeasurementSpec.Type.DECIMAL));
            }
        }
        List<EventSpec> events = new ArrayList<>();
        for (Section e : s.sections("events")) {
            events.add(EventReader.event(e, payload, format));
        }
        return new Body(sequence, deviceTime, values, events, derived);
    }

    private static Layout layout(Layout.Payload payload, Optional<Checksum> checksum, Transport transport, Body body)
            throws Bad {
        List<FieldRef> refs = new ArrayList<>();
        body.sequence().ifPresent(refs::add);
        body.deviceTime().ifPresent(t -> {
            refs.add(t.ref());
            t.boot().ifPresent(refs::add);
        });
        body.values().forEach(v -> refs.add(v.ref()));
        body.events().forEach(e -> refs.add(e.ref()));
        if (payload instanceof Layout.Delimited d && d.fieldCount() > 0) {
            for (FieldRef r : refs) {
                if (r.position() > d.fieldCount()) {
                    throw new Bad("payload.fieldCount", "is " + d.fieldCount() + " but a field uses position " + r.position());
                }
            }
        }
        if (payload instanceof Layout.Binary b) {
            int end = 0;
            for (FieldRef r : refs) {
                end = Math.max(end, r.binary().end());
            }
            for (Layout.Constant c : b.constants()) {
                end = Math.max(end, c.field().end());
            }
            int min = end + (checksum.isPresent() ? 2 : 0);
            if (b.length() > 0 && b.length() < min) {
                throw new Bad("payload.length", "is " + b.length() + " but the fields" + (checksum.isPresent() ? " and checksum" : "")
                        + " need " + min + " bytes");
            }
            if (min > transport.maxFrameBytes()) {
                throw new Bad("transport", "maxFrameBytes is " + transport.maxFrameBytes() + " but a frame needs " + min + " bytes");
            }
            payload = b.withMinLength(min);
        }
        return new Layout(payload, checksum, transport.maxFrameBytes(), body.sequence(), body.deviceTime(), body.values(),
                body.events(), body.derived());
    }

    static FrameDecoder decoder(Layout layout) {
        FrameAssembler assembler = new FrameAssembler(layout);
        if (layout.payload() instanceof Layout.Delimited d) {
            return new DelimitedFrameDecoder(layout, d, assembler);
        }
        if (layout.payload() instanceof Layout.KeyValue kv) {
            return new KeyValueFrameDecoder(layout, kv, assembler);
        }
        if (layout.payload() instanceof Layout.Binary b) {
            return new BinaryFrameDecoder(layout, b, assembler);
        }
        return new JsonFrameDecoder(layout, assembler);
    }

    static FrameEncoder encoder(Layout layout) {
        if (layout.payload() instanceof Layout.Delimited d) {
            return new DelimitedFrameEncoder(layout, d);
        }
        if (layout.payload() instanceof Layout.KeyValue kv) {
            return new KeyValueFrameEncoder(layout, kv);
        }
        if (layout.payload() instanceof Layout.Binary b) {
            return new BinaryFrameEncoder(layout, b);
        }
        return new JsonFrameEncoder(layout);
    }

    private static SentenceDecoder sentences(List<Section> sections, Layout.Payload payload, Optional<Checksum> checksum,
                                             Transport transport, int format, List<MeasurementSpec> specs,
                                             Set<String> names) throws Bad {
        if (!(payload instanceof Layout.Delimited delimited)) {
            throw new Bad("sentences", "several sentences are for delimited text; found a " + payload.label() + " payload");
        }
        if (sections.isEmpty()) {
            throw new Bad("sentences", "must list at least one sentence");
        }
        List<SentenceDecoder.Sentence> sentences = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Section s : sections) {
            String name = s.nonBlank("name");
            if (!seen.add(name)) {
                throw new Bad(s.at("name"), "'" + name + "' is used twice");
            }
            if (s.has("banner")) {
                Section b = s.section("banner");
                String prefix = b.nonBlank("prefix");
                SentenceDecoder.Banner banner = new SentenceDecoder.Banner(prefix, EventReader.code(b));
                s.done();
                sentences.add(new SentenceDecoder.Sentence(name, null, null, null, null, banner));
                continue;
            }
            String tag = s.nonBlank("tag");
            if (tag.contains(delimited.separator())) {
                throw new Bad(s.at("tag"), "must not contain the separator");
            }
            int count = s.optInteger("fieldCount", 1, 10_000).orElse(0);
            Layout.Delimited own = new Layout.Delimited(delimited.separator(), Optional.of(tag), count);
            Body body = body(s, own, format, specs, names);
            s.done();
            if (body.isEmpty()) {
                throw new Bad(s.at("measurements"), "a sentence needs at least one measurement or event field");
            }
            Layout layout = layout(own, checksum, transport, body);
            sentences.add(new SentenceDecoder.Sentence(name, tag, layout, decoder(layout), encoder(layout), null));
        }
        return new SentenceDecoder(sentences, delimited.separator(), transport.maxFrameBytes());
    }
}
