package org.tavan.telemetry.profile;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tavan.telemetry.profile.Layout.TimeEncoding;
import org.tavan.telemetry.profile.Layout.TimeSpec;
import org.tavan.telemetry.profile.Layout.ValueSpec;
import org.tavan.telemetry.profile.Section.Bad;

/** Reads where a value sits in a frame (field, position or offset) and the measurements and times made of it. */
final class FieldReader {

    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
    private static final Pattern PLACEHOLDER = NameTemplate.PLACEHOLDER;
    private static final Set<String> SUMMARIES = Set.of("max", "min", "mean");
    private static final List<String> INDEX_NAMES = List.of("i", "j", "k");

    private FieldReader() {
    }

    /** Reads {@code field}, {@code position} or {@code offset}, whichever the payload format uses. */
    static FieldRef ref(Section s, Layout.Payload payload, boolean closeSection) throws Bad {
        FieldRef ref;
        if (payload instanceof Layout.Binary b) {
            if (s.has("field") || s.has("position")) {
                throw new Bad(s.at(s.has("field") ? "field" : "position"), "binary payloads name fields by offset and type");
            }
            ref = FieldRef.binary(PayloadReader.field(s, b.littleEndian(), b.wordsSwapped()));
        } else if (payload instanceof Layout.Delimited) {
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

    static FieldRef scalarRef(Section s, Layout.Payload payload, boolean close) throws Bad {
        FieldRef ref = ref(s, payload, close);
        if (ref.wildcards() > 0) {
            throw new Bad(s.at("field"), "[*] is only allowed in measurements");
        }
        return ref;
    }

    static TimeSpec deviceTime(Section s, Layout.Payload payload) throws Bad {
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
        if (payload instanceof Layout.Binary && (encoding == TimeEncoding.ISO_8601
                || bootEncoding.filter(e -> e == TimeEncoding.ISO_8601).isPresent())) {
            throw new Bad(s.at("encoding"), "a binary frame holds a time as a number, not iso-8601 text");
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

    static ValueSpec measurement(Section m, Layout.Payload payload) throws Bad {
        String name = m.nonBlank("name");
        FieldRef ref = ref(m, payload, false);
        String unit = m.text("unit");
        MeasurementSpec.Type type;
        if (ref.binary() != null) {
            type = ref.binary().type().floating ? MeasurementSpec.Type.DECIMAL : MeasurementSpec.Type.INTEGER;
        } else {
            String typeLabel = m.optText("type").orElse("decimal");
            type = switch (typeLabel) {
                case "decimal" -> MeasurementSpec.Type.DECIMAL;
                case "integer" -> MeasurementSpec.Type.INTEGER;
                default -> throw new Bad(m.at("type"), "must be decimal or integer; found '" + typeLabel + "'");
            };
        }
        double scale = m.optNumber("scale").orElse(1.0);
        if (scale == 0) {
            throw new Bad(m.at("scale"), "must not be 0");
        }
        // In a binary payload "offset" is where the field sits; the value's offset is "valueOffset" there.
        double offset = m.optNumber(ref.binary() != null ? "valueOffset" : "offset").orElse(0.0);
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
        checkName(m, name, ref, key, shape, summaries);
        return new ValueSpec(name, ref, key, unit, type, scale, offset, optional, List.copyOf(shape), summaries,
                new NameTemplate(name));
    }

    private static void checkName(Section m, String name, FieldRef ref, Optional<FieldRef> key, List<Integer> shape,
                                  Map<String, String> summaries) throws Bad {
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
            return;
        }
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

    /**
     * A derived measurement; {@code known} holds the plain measurement names it may use (those of
     * the same frame, and derived ones listed before it).
     */
    static Layout.DerivedSpec derived(Section d, Set<String> known) throws Bad {
        String name = d.nonBlank("name");
        if (!NAME.matcher(name).matches()) {
            throw new Bad(d.at("name"), "must start with a letter and use letters, digits, '_' and '.'; found '" + name + "'");
        }
        String unit = d.text("unit");
        String text = d.nonBlank("expression");
        d.done();
        Expression expression;
        try {
            expression = Expression.parse(text);
        } catch (Expression.Invalid e) {
            throw new Bad(d.at("expression"), e.getMessage());
        }
        for (String used : expression.names()) {
            if (!known.contains(used)) {
                throw new Bad(d.at("expression"), "uses '" + used + "', which is no measurement of this frame listed before it"
                        + " (known: " + String.join(", ", known) + ")");
            }
        }
        return new Layout.DerivedSpec(name, unit, expression);
    }
}
