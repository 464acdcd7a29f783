package org.tavan.telemetry.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A measurement name template such as {@code p_r{i:02}_c{j:02}} or {@code ospl90_{key}hz}, parsed
 * once: a pressure mat names 256 cells several times a second, so rendering must be cheap.
 */
final class NameTemplate {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{(i|j|k|key)(?::0(\\d))?}");

    /** A literal piece, or a placeholder: index 0-2 for i/j/k, -1 for key, with a zero-padding width. */
    private record Part(String literal, int index, int width) {
    }

    private final List<Part> parts = new ArrayList<>();
    private final Pattern pattern;

    NameTemplate(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(new Part(template.substring(last, m.start()), 0, 0));
                regex.append(Pattern.quote(template.substring(last, m.start())));
            }
            boolean key = m.group(1).equals("key");
            parts.add(new Part(null, key ? -1 : "ijk".indexOf(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2))));
            regex.append(key ? "([A-Za-z0-9._-]+?)" : "(\\d+)");
            last = m.end();
        }
        if (last < template.length()) {
            parts.add(new Part(template.substring(last), 0, 0));
            regex.append(Pattern.quote(template.substring(last)));
        }
        this.pattern = Pattern.compile(regex.toString());
    }

    String render(List<Integer> indexes, String key) {
        StringBuilder out = new StringBuilder(24);
        for (Part p : parts) {
            if (p.literal() != null) {
                out.append(p.literal());
            } else if (p.index() < 0) {
                out.append(key);
            } else {
                String digits = Integer.toString(indexes.get(p.index()));
                for (int pad = digits.length(); pad < p.width(); pad++) {
                    out.append('0');
                }
                out.append(digits);
            }
        }
        return out.toString();
    }

    /** The element a rendered name stands for: its indexes (i, j, k order) and key; null when it is not such a name. */
    Element parse(String name) {
        Matcher m = pattern.matcher(name);
        if (!m.matches()) {
            return null;
        }
        Integer[] indexes = new Integer[3];
        String key = null;
        int group = 1;
        int count = 0;
        for (Part p : parts) {
            if (p.literal() != null) {
                continue;
            }
            String text = m.group(group++);
            if (p.index() < 0) {
                key = text;
            } else {
                try {
                    indexes[p.index()] = Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    return null;
                }
                count = Math.max(count, p.index() + 1);
            }
        }
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(indexes[i] == null ? 0 : indexes[i]);
        }
        return new Element(list, key);
    }

    record Element(List<Integer> indexes, String key) {
    }
}
