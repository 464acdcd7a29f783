package org.tavan.telemetry.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.Measurement;
import org.tavan.telemetry.RigEvent;
import org.tavan.telemetry.profile.Layout.EventCode;
import org.tavan.telemetry.profile.Layout.EventSpec;
import org.tavan.telemetry.profile.Layout.TimeSpec;
import org.tavan.telemetry.profile.Layout.ValueSpec;

/** Turns the fields of one frame into a {@link DecodedFrame}, the same way for every payload format. */
final class FrameAssembler {

    private static final Pattern PRINTABLE = Pattern.compile("[\\p{Print}&&[^\\p{Cntrl}]]+");
    private static final Pattern WHOLE_DECIMAL = Pattern.compile("-?\\d{1,15}\\.0+");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    private final Layout layout;

    FrameAssembler(Layout layout) {
        this.layout = layout;
    }

    DecodedFrame assemble(FrameFields fields) throws FrameRejected {
        OptionalLong sequence = OptionalLong.empty();
        if (layout.sequence().isPresent()) {
            FieldRef ref = layout.sequence().get();
            long seq = FieldText.integer(required(fields, ref, "sequence"), "sequence (" + ref + ")");
            if (seq < 0) {
                throw new FrameRejected("bad_value", "sequence (" + ref + ") is negative");
            }
            sequence = OptionalLong.of(seq);
        }
        Optional<Instant> deviceTime = layout.deviceTime().isPresent()
                ? Optional.of(deviceTime(fields, layout.deviceTime().get())) : Optional.empty();
        List<Measurement> measurements = new ArrayList<>();
        for (ValueSpec spec : layout.values()) {
            if (spec.isArray()) {
                addElements(fields, spec, measurements);
            } else {
                String text = fields.text(spec.ref());
                if (text == null) {
                    if (spec.optional()) {
                        continue;
                    }
                    throw new FrameRejected("missing_field", spec.name() + " (" + spec.ref() + ") is missing");
                }
                measurements.add(new Measurement(spec.name(), value(spec, text, spec.name()), spec.unit()));
            }
        }
        if (!layout.derived().isEmpty()) {
            derive(measurements);
        }
        List<RigEvent> events = new ArrayList<>();
        for (EventSpec spec : layout.events()) {
            if (spec.isStatusWord()) {
                statusWord(fields, spec, events);
            } else {
                event(fields, spec).ifPresent(events::add);
            }
        }
        return new DecodedFrame(sequence, deviceTime, measurements, events);
    }

    private static String required(FrameFields fields, FieldRef ref, String what) throws FrameRejected {
        String text = fields.text(ref);
        if (text == null) {
            throw new FrameRejected("missing_field", what + " (" + ref + ") is missing");
        }
        return text;
    }

    private static Instant deviceTime(FrameFields fields, TimeSpec spec) throws FrameRejected {
        String what = "device time (" + spec.ref() + ")";
        Instant time = FieldText.time(required(fields, spec.ref(), "device time"), spec.encoding(), what);
        if (!spec.encoding().isUptime()) {
            return time;
        }
        FieldRef bootRef = spec.boot().orElseThrow();
        Instant boot = FieldText.time(required(fields, bootRef, "boot time"), spec.bootEncoding().orElseThrow(),
                "boot time (" + bootRef + ")");
        long millis = boot.toEpochMilli() + time.toEpochMilli();
        if (millis > Instant.parse("9999-12-31T23:59:59Z").toEpochMilli()) {
            throw new FrameRejected("bad_value", what + " is out of range");
        }
        return Instant.ofEpochMilli(millis);
    }

    private static double value(ValueSpec spec, String text, String name) throws FrameRejected {
        double value = FieldText.raw(text, spec.type(), name) * spec.scale() + spec.offset();
        if (!Double.isFinite(value)) {
            throw new FrameRejected("bad_value", name + " is out of range");
        }
        return value;
    }

    private static void addElements(FrameFields fields, ValueSpec spec, List<Measurement> out) throws FrameRejected {
        List<FrameFields.Element> elements = fields.elements(spec.ref());
        if (elements.isEmpty()) {
            if (spec.optional()) {
                return;
            }
            throw new FrameRejected("missing_field", spec.ref() + " has no elements");
        }
        if (!spec.shape().isEmpty()) {
            long expected = spec.shape().stream().mapToLong(Integer::longValue).reduce(1, (a, b) -> a * b);
            for (FrameFields.Element e : elements) {
                for (int d = 0; d < spec.shape().size(); d++) {
                    if (e.indexes().get(d) >= spec.shape().get(d)) {
                        throw new FrameRejected("bad_value", spec.ref() + " must have the shape " + spec.shape());
                    }
                }
            }
            if (elements.size() != expected) {
                throw new FrameRejected("bad_value", spec.ref() + " must have the shape " + spec.shape() + ", found "
                        + elements.size() + " values");
            }
        }
        Map<List<Integer>, String> keys = new HashMap<>();
        if (spec.key().isPresent()) {
            for (FrameFields.Element k : fields.elements(spec.key().get())) {
                keys.put(k.indexes(), k.text());
            }
        }
        Set<String> names = new HashSet<>();
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double sum = 0;
        int count = 0;
        for (FrameFields.Element e : elements) {
            String key = null;
            if (spec.key().isPresent()) {
                key = normaliseKey(keys.get(e.indexes()));
                if (key == null) {
                    throw new FrameRejected("bad_value", spec.key().get() + " at " + e.indexes() + " is missing or not a key");
                }
            }
            String name = spec.names().render(e.indexes(), key);
            if (!names.add(name)) {
                throw new FrameRejected("bad_value", spec.ref() + " names '" + name + "' twice");
            }
            if (e.text() == null) {
                if (spec.optional()) {
                    continue;
                }
                throw new FrameRejected("missing_field", name + " (" + spec.ref() + ") is missing");
            }
            double v = value(spec, e.text(), name);
            out.add(new Measurement(name, v, spec.unit()));
            max = Math.max(max, v);
            min = Math.min(min, v);
            sum += v;
            count++;
        }
        for (Map.Entry<String, String> summary : spec.summaries().entrySet()) {
            if (count == 0) {
                break;
            }
            double v = switch (summary.getKey()) {
                case "max" -> max;
                case "min" -> min;
                default -> sum / count;
            };
            out.add(new Measurement(summary.getValue(), v, spec.unit()));
        }
    }

    /** Derived measurements in file order; one whose inputs are not all in this frame is left out. */
    private void derive(List<Measurement> measurements) throws FrameRejected {
        Map<String, Double> values = new HashMap<>();
        for (Measurement m : measurements) {
            values.put(m.name(), m.value());
        }
        for (Layout.DerivedSpec d : layout.derived()) {
            if (!values.keySet().containsAll(d.expression().names())) {
                continue;
            }
            double v = d.expression().evaluate(values);
            if (!Double.isFinite(v)) {
                throw new FrameRejected("bad_value", d.name() + " = " + d.expression() + " is not a finite number here");
            }
            values.put(d.name(), v);
            measurements.add(new Measurement(d.name(), v, d.unit()));
        }
    }

    /** A status word: every bit or masked value that is set is an event; set bits no entry covers are unknown. */
    private static void statusWord(FrameFields fields, EventSpec spec, List<RigEvent> out) throws FrameRejected {
        String text = fields.text(spec.ref());
        if (text == null || text.isBlank()) {
            return;
        }
        Long value = Section.parseCode(text.trim());
        if (value == null) {
            throw new FrameRejected("bad_value", "status " + spec.ref() + " is not a whole number or 0x hex: '"
                    + FieldText.shorten(text.trim()) + "'");
        }
        long covered = spec.ignoreBits();
        for (Layout.BitCode b : spec.bits()) {
            covered |= b.mask();
            if ((value & b.mask()) == b.match()) {
                out.add(new RigEvent(b.event().kind(), b.code(), b.event().description()));
            }
        }
        long unknown = value & ~covered;
        if (unknown != 0) {
            String bits = "0x" + Long.toHexString(unknown).toUpperCase(java.util.Locale.ROOT);
            if (spec.rejectUnknown()) {
                throw new FrameRejected("bad_value", "status " + spec.ref() + " has unknown bits " + bits);
            }
            out.add(new RigEvent("fault", bits, "bits " + bits + " are not in the profile"));
        }
    }

    /** 200, 200.0 and "200" are the same key. */
    static String normaliseKey(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (WHOLE_DECIMAL.matcher(t).matches()) {
            t = t.substring(0, t.indexOf('.'));
        }
        return KEY.matcher(t).matches() ? t : null;
    }

    private static Optional<RigEvent> event(FrameFields fields, EventSpec spec) throws FrameRejected {
        String text = fields.text(spec.ref());
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String code = text.trim();
        if (spec.ignore().contains(code)) {
            return Optional.empty();
        }
        EventCode known = spec.codes().get(code);
        if (known == null && !spec.numericCodes().isEmpty()) {
            Long number = Section.parseCode(code);
            String key = number == null ? null : spec.numericCodes().get(number);
            if (key != null) {
                if (spec.ignore().contains(key)) {
                    return Optional.empty();
                }
                return Optional.of(new RigEvent(spec.codes().get(key).kind(), key, spec.codes().get(key).description()));
            }
        }
        if (known != null) {
            return Optional.of(new RigEvent(known.kind(), code, known.description()));
        }
        if (spec.rejectUnknown() || code.length() > 32 || !PRINTABLE.matcher(code).matches()) {
            throw new FrameRejected("bad_value", "status " + spec.ref() + " has an unknown code '" + FieldText.shorten(code) + "'");
        }
        return Optional.of(new RigEvent("fault", code, "code " + code + " is not in the profile"));
    }
}
