package org.tavan.telemetry.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.tavan.telemetry.profile.Layout.TimeSpec;
import org.tavan.telemetry.profile.Layout.ValueSpec;

/**
 * The fields of a frame in the order a rig writes them, shared by the three encoders: each field's
 * reference and its raw text. Array measurements come back with the element indexes that the
 * expanded name (e.g. {@code p_r03_c12}) stands for.
 */
final class Encoding {

    record Field(FieldRef ref, List<Integer> indexes, String text, boolean numeric) {
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,15}(\\.\\d+)?");

    private Encoding() {
    }

    static List<Field> fields(Layout layout, FrameContent content) {
        List<Field> out = new ArrayList<>();
        layout.sequence().ifPresent(ref -> out.add(new Field(ref, List.of(),
                Long.toString(content.sequence().orElseThrow(() -> new IllegalArgumentException("profile needs a sequence"))),
                true)));
        if (layout.deviceTime().isPresent()) {
            TimeSpec t = layout.deviceTime().get();
            var time = content.deviceTime().orElseThrow(() -> new IllegalArgumentException("profile needs a device time"));
            out.add(new Field(t.ref(), List.of(), FieldText.formatTime(time, t.encoding(), content.bootTime()),
                    t.encoding() != Layout.TimeEncoding.ISO_8601));
            if (t.boot().isPresent()) {
                var enc = t.bootEncoding().orElseThrow();
                out.add(new Field(t.boot().get(), List.of(), FieldText.formatTime(content.bootTime().orElseThrow(), enc,
                        Optional.empty()), enc != Layout.TimeEncoding.ISO_8601));
            }
        }
        for (ValueSpec spec : layout.values()) {
            if (!spec.isArray()) {
                Double value = content.values().get(spec.name());
                if (value == null) {
                    if (spec.optional()) {
                        continue;
                    }
                    throw new IllegalArgumentException("no value for " + spec.name());
                }
                out.add(new Field(spec.ref(), List.of(), FieldText.formatRaw(value, spec.type(), spec.scale(), spec.offset()), true));
                continue;
            }
            List<NameTemplate.Element> elements = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Map.Entry<String, Double> e : content.values().entrySet()) {
                NameTemplate.Element element = spec.names().parse(e.getKey());
                if (element != null) {
                    elements.add(element);
                    values.add(e.getValue());
                }
            }
            if (spec.key().isPresent()) {
                // The element order of a keyed array is the keys' order (frequencies ascending).
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < elements.size(); i++) {
                    order.add(i);
                }
                order.sort(Comparator.comparing((Integer i) -> keyOrder(elements.get(i).key())));
                int index = 0;
                for (int i : order) {
                    String key = elements.get(i).key();
                    List<Integer> indexes = List.of(index++);
                    out.add(new Field(spec.key().get(), indexes, key, NUMBER.matcher(key).matches()));
                    out.add(new Field(spec.ref(), indexes, FieldText.formatRaw(values.get(i), spec.type(), spec.scale(), spec.offset()), true));
                }
            } else {
                for (int i = 0; i < elements.size(); i++) {
                    out.add(new Field(spec.ref(), elements.get(i).indexes(),
                            FieldText.formatRaw(values.get(i), spec.type(), spec.scale(), spec.offset()), true));
                }
            }
        }
        for (int k = 0; k < layout.events().size(); k++) {
            String code = k < content.eventCodes().size() ? content.eventCodes().get(k) : "";
            out.add(new Field(layout.events().get(k).ref(), List.of(), code == null ? "" : code, false));
        }
        return out;
    }

    private static String keyOrder(String key) {
        return NUMBER.matcher(key).matches() ? String.format("%030.6f", Double.parseDouble(key) + 1e15) : "~" + key;
    }
}
