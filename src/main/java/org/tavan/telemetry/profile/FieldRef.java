package org.tavan.telemetry.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a value sits in a frame: a {@code position} (1-based, after the tag) in delimited text, or
 * a {@code field}: a key in key=value text, or a JSON path such as {@code table.tilt[2].deg} where
 * {@code [*]} walks every element of an array; or, in a binary frame, an {@code offset} and a
 * {@link BinaryField type}.
 */
record FieldRef(String field, int position, List<Segment> segments, BinaryField binary) {

    static final int WILDCARD = -1;
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9_\\-]+)((?:\\[(?:\\d+|\\*)])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+|\\*)]");

    /** One step of a JSON path: an object key, then zero or more array indexes ({@link #WILDCARD} for [*]). */
    record Segment(String key, List<Integer> indexes) {
    }

    static FieldRef position(int position) {
        return new FieldRef(null, position, List.of(), null);
    }

    static FieldRef key(String key) {
        return new FieldRef(key, 0, List.of(new Segment(key, List.of())), null);
    }

    /** Parses a JSON path, or returns null when it is not one. */
    static FieldRef jsonPath(String path) {
        List<Segment> segments = new ArrayList<>();
        for (String part : path.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                return null;
            }
            List<Integer> indexes = new ArrayList<>();
            Matcher i = INDEX.matcher(m.group(2));
            while (i.find()) {
                if (i.group(1).equals("*")) {
                    indexes.add(WILDCARD);
                } else {
                    try {
                        indexes.add(Integer.parseInt(i.group(1)));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
            segments.add(new Segment(m.group(1), List.copyOf(indexes)));
        }
        return new FieldRef(path, 0, List.copyOf(segments), null);
    }

    /** A value at a byte offset of a binary frame. */
    static FieldRef binary(BinaryField field) {
        return new FieldRef(null, 0, List.of(), field);
    }

    int wildcards() {
        return (int) segments.stream().flatMap(s -> s.indexes().stream()).filter(i -> i == WILDCARD).count();
    }

    @Override
    public String toString() {
        if (binary != null) {
            return "offset " + binary.offset();
        }
        return field != null ? field : "position " + position;
    }
}
