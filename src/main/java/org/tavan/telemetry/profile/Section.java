package org.tavan.telemetry.profile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON object of a profile file, read key by key. It remembers which keys were asked for, so
 * {@link #done()} can refuse every other key: a typo in a profile must not pass silently.
 */
final class Section {

    /** A problem at one field of the file; becomes a {@link ProfileProblem}. */
    static final class Bad extends Exception {
        final String field;

        Bad(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    private final JsonNode node;
    private final String path;
    private final Set<String> known = new LinkedHashSet<>();

    Section(JsonNode node, String path) throws Bad {
        if (node == null || !node.isObject()) {
            throw new Bad(path.isEmpty() ? "(file)" : path, "must be a JSON object");
        }
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        known.add(key);
        return node.has(key) && !node.get(key).isNull();
    }

    String text(String key) throws Bad {
        return optText(key).orElseThrow(() -> new Bad(at(key), "is required"));
    }

    Optional<String> optText(String key) throws Bad {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isTextual()) {
            throw new Bad(at(key), "must be a string");
        }
        return Optional.of(v.textValue());
    }

    String nonBlank(String key) throws Bad {
        String value = text(key);
        if (value.isBlank()) {
            throw new Bad(at(key), "must not be empty");
        }
        return value;
    }

    int integer(String key, int min, int max) throws Bad {
        if (!has(key)) {
            throw new Bad(at(key), "is required");
        }
        return optInteger(key, min, max).orElseThrow();
    }

    Optional<Integer> optInteger(String key, int min, int max) throws Bad {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new Bad(at(key), "must be a whole number");
        }
        int value = v.intValue();
        if (value < min || value > max) {
            throw new Bad(at(key), "must be between " + min + " and " + max + ", found " + value);
        }
        return Optional.of(value);
    }

    Optional<Double> optNumber(String key) throws Bad {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode v = node.get(key);
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new Bad(at(key), "must be a number");
        }
        return Optional.of(v.doubleValue());
    }

    /** A byte or word order, {@code big} or {@code little}: true for little. */
    boolean littleEndian(String key, boolean otherwise) throws Bad {
        if (!has(key)) {
            return otherwise;
        }
        String order = text(key);
        return switch (order) {
            case "big" -> false;
            case "little" -> true;
            default -> throw new Bad(at(key), "must be big or little; found '" + order + "'");
        };
    }

    /** A whole number written as a number or as text in hex ({@code "0x1F"}), binary ({@code "0b101"}) or decimal. */
    long code(String key, long min, long max) throws Bad {
        if (!has(key)) {
            throw new Bad(at(key), "is required");
        }
        JsonNode v = node.get(key);
        Long value = v.isIntegralNumber() && v.canConvertToLong() ? Long.valueOf(v.longValue())
                : v.isTextual() ? parseCode(v.textValue()) : null;
        if (value == null) {
            throw new Bad(at(key), "must be a whole number, in hex as \"0x1F\" or binary as \"0b101\"");
        }
        if (value < min || value > max) {
            throw new Bad(at(key), "must be between " + min + " and " + max + ", found " + value);
        }
        return value;
    }

    /** A number as {@code 0x1F}, {@code 0b101} or decimal digits; null when the text is none of these. */
    static Long parseCode(String text) {
        String t = text.trim();
        try {
            if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
                return t.length() <= 18 ? Long.parseUnsignedLong(t.substring(2), 16) : null;
            }
            if (t.length() > 2 && (t.startsWith("0b") || t.startsWith("0B"))) {
                return t.length() <= 66 ? Long.parseUnsignedLong(t.substring(2), 2) : null;
            }
            return t.matches("\\d{1,18}") ? Long.parseLong(t) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    boolean flag(String key, boolean otherwise) throws Bad {
        if (!has(key)) {
            return otherwise;
        }
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw new Bad(at(key), "must be true or false");
        }
        return v.booleanValue();
    }

    Section section(String key) throws Bad {
        return optSection(key).orElseThrow(() -> new Bad(at(key), "is required"));
    }

    Optional<Section> optSection(String key) throws Bad {
        return has(key) ? Optional.of(new Section(node.get(key), at(key))) : Optional.empty();
    }

    List<Section> sections(String key) throws Bad {
        List<Section> out = new ArrayList<>();
        if (!has(key)) {
            return out;
        }
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            throw new Bad(at(key), "must be a list");
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(new Section(v.get(i), at(key) + "[" + i + "]"));
        }
        return out;
    }

    List<String> texts(String key) throws Bad {
        List<String> out = new ArrayList<>();
        if (!has(key)) {
            return out;
        }
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            throw new Bad(at(key), "must be a list of strings");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new Bad(at(key) + "[" + i + "]", "must be a string");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    List<Integer> integers(String key) throws Bad {
        List<Integer> out = new ArrayList<>();
        if (!has(key)) {
            return out;
        }
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            throw new Bad(at(key), "must be a list of whole numbers");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isIntegralNumber() || !v.get(i).canConvertToInt() || v.get(i).intValue() < 1) {
                throw new Bad(at(key) + "[" + i + "]", "must be a whole number of at least 1");
            }
            out.add(v.get(i).intValue());
        }
        return out;
    }

    /** The object at {@code key} as named entries (each value an object). */
    List<Map.Entry<String, Section>> entries(String key) throws Bad {
        List<Map.Entry<String, Section>> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : objectFields(key)) {
            out.add(Map.entry(e.getKey(), new Section(e.getValue(), at(key) + "." + e.getKey())));
        }
        return out;
    }

    /** The object at {@code key} as a map of strings. */
    List<Map.Entry<String, String>> stringEntries(String key) throws Bad {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : objectFields(key)) {
            if (!e.getValue().isTextual()) {
                throw new Bad(at(key) + "." + e.getKey(), "must be a string");
            }
            out.add(Map.entry(e.getKey(), e.getValue().textValue()));
        }
        return out;
    }

    /** The fields of the JSON object at {@code key}, in file order; none when the key is absent. */
    private List<Map.Entry<String, JsonNode>> objectFields(String key) throws Bad {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        if (!has(key)) {
            return fields;
        }
        JsonNode v = node.get(key);
        if (!v.isObject()) {
            throw new Bad(at(key), "must be a JSON object");
        }
        v.fields().forEachRemaining(fields::add);
        return fields;
    }

    /** Exactly one of the given keys is present; returns it. */
    String oneOf(String... keys) throws Bad {
        String found = null;
        for (String key : keys) {
            if (has(key)) {
                if (found != null) {
                    throw new Bad(path.isEmpty() ? key : path, "give only one of " + String.join(", ", keys));
                }
                found = key;
            }
        }
        if (found == null) {
            throw new Bad(path.isEmpty() ? "(file)" : path, "needs one of " + String.join(", ", keys));
        }
        return found;
    }

    void done() throws Bad {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new Bad(at(name), "unknown key (allowed here: " + String.join(", ", known) + ")");
            }
        }
    }
}
