package org.tavan.telemetry.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
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
            Pattern pattern = templatePattern(spec.name());
            Map<String, List<Object>> matches = new LinkedHashMap<>();
            for (Map.Entry<String, Double> e : content.values().entrySet()) {
                Matcher m = pattern.matcher(e.getKey());
                if (m.matches()) {
                    List<Object> parts = new ArrayList<>();
                    for (int g = 1; g <= m.groupCount(); g++) {
                        parts.add(m.group(g));
                    }
                    parts.add(e.getValue());
                    matches.put(e.getKey(), parts);
                }
            }
            if (spec.key().isPresent()) {
                // The element order of a keyed array is the keys' order (frequencies ascending).
                List<Map.Entry<String, List<Object>>> sorted = new ArrayList<>(matches.entrySet());
                sorted.sort(Comparator.comparing((Map.Entry<String, List<Object>> e) -> keyOrder((String) e.getValue().get(0))));
                int index = 0;
                for (Map.Entry<String, List<Object>> e : sorted) {
                    String key = (String) e.getValue().get(0);
                    double value = (Double) e.getValue().get(1);
                    List<Integer> indexes = List.of(index++);
                    out.add(new Field(spec.key().get(), indexes, key, key.matches("-?\\d{1,15}(\\.\\d+)?")));
                    out.add(new Field(spec.ref(), indexes, FieldText.formatRaw(value, spec.type(), spec.scale(), spec.offset()), true));
                }
            } else {
                for (List<Object> parts : matches.values()) {
                    List<Integer> indexes = new ArrayList<>();
                    for (int g = 0; g < parts.size() - 1; g++) {
                        indexes.add(Integer.parseInt((String) parts.get(g)));
                    }
                    double value = (Double) parts.get(parts.size() - 1);
                    out.add(new Field(spec.ref(), indexes, FieldText.formatRaw(value, spec.type(), spec.scale(), spec.offset()), true));
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
        return key.matches("-?\\d{1,15}(\\.\\d+)?") ? String.format("%030.6f", Double.parseDouble(key) + 1e15) : "~" + key;
    }

    /** A regex matching the names a template produces; group per placeholder, in template order. */
    static Pattern templatePattern(String template) {
        Matcher m = FrameAssembler.PLACEHOLDER.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        List<String> order = new ArrayList<>();
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())));
            regex.append(m.group(1).equals("key") ? "([A-Za-z0-9._-]+?)" : "(\\d+)");
            order.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        if (order.size() > 1 && !order.contains("key") && !isSorted(order)) {
            throw new IllegalArgumentException("placeholders of " + template + " must appear in the order i, j, k");
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean isSorted(List<String> order) {
        for (int i = 1; i < order.size(); i++) {
            if (order.get(i - 1).compareTo(order.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }
}
