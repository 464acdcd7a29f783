package org.tavan.telemetry.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.tavan.telemetry.profile.Layout.BitCode;
import org.tavan.telemetry.profile.Layout.EventCode;
import org.tavan.telemetry.profile.Layout.EventSpec;
import org.tavan.telemetry.profile.Section.Bad;

/**
 * Reads an {@code events} entry: whole codes, and from format 2 on codes written as numbers (hex
 * accepted) and status words whose bits and masked bit groups each mean an event.
 */
final class EventReader {

    private static final Pattern EVENT_KIND = Pattern.compile("[a-z][a-z0-9_]*");

    private EventReader() {
    }

    static EventSpec event(Section e, Layout.Payload payload, int format) throws Bad {
        FieldRef ref = FieldReader.scalarRef(e, payload, false);
        if (ref.binary() != null && ref.binary().type().floating) {
            throw new Bad(e.at("type"), "an event field is a whole number type (u8 ... i64)");
        }
        Map<String, EventCode> codes = new LinkedHashMap<>();
        Map<Long, String> numeric = new LinkedHashMap<>();
        for (Map.Entry<String, Section> c : e.entries("codes")) {
            codes.put(c.getKey(), code(c.getValue()));
            Long n = format >= 2 ? Section.parseCode(c.getKey()) : null;
            if (n != null && numeric.put(n, c.getKey()) != null) {
                throw new Bad(e.at("codes") + "." + c.getKey(), "is the same number as another code");
            }
        }
        if (ref.binary() != null && numeric.size() != codes.size()) {
            throw new Bad(e.at("codes"), "a binary field's codes must be numbers such as \"5\" or \"0x05\"");
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
        List<BitCode> bits = new ArrayList<>();
        long ignoreBits = 0;
        if (format >= 2) {
            for (Map.Entry<String, Section> b : e.entries("bits")) {
                Long mask = Section.parseCode(b.getKey());
                if (mask == null || mask == 0) {
                    throw new Bad(e.at("bits") + "." + b.getKey(), "must be a bit mask such as \"0x04\" or \"0b100\"");
                }
                bits.add(new BitCode(mask, mask, b.getKey(), code(b.getValue())));
            }
            for (Section m : e.sections("masked")) {
                long mask = m.code("mask", 1, Long.MAX_VALUE);
                for (Map.Entry<String, Section> v : m.entries("values")) {
                    Long value = Section.parseCode(v.getKey());
                    if (value == null || (value & ~mask) != 0 || value == 0) {
                        throw new Bad(m.at("values") + "." + v.getKey(), "must be a non-zero value inside the mask");
                    }
                    bits.add(new BitCode(mask, value, v.getKey(), code(v.getValue())));
                }
                m.done();
            }
            if (e.has("ignoreBits")) {
                ignoreBits = e.code("ignoreBits", 0, Long.MAX_VALUE);
            }
            if (!bits.isEmpty() && (!codes.isEmpty() || !ignore.isEmpty())) {
                throw new Bad(e.path(), "a status word has bits and masked values; codes and ignore are for whole codes");
            }
        }
        if (codes.isEmpty() && bits.isEmpty()) {
            throw new Bad(e.at("codes"), format >= 2 ? "is required: which codes (or bits) mean which event"
                    : "is required: which codes mean which event");
        }
        e.done();
        return new EventSpec(ref, codes, numeric, List.copyOf(ignore), unknown.equals("reject"), List.copyOf(bits), ignoreBits);
    }

    static EventCode code(Section code) throws Bad {
        String kind = code.text("kind");
        if (!EVENT_KIND.matcher(kind).matches()) {
            throw new Bad(code.at("kind"), "must be a lower-case word such as started, paused, checkpoint or fault");
        }
        String description = code.optText("description").orElse("");
        code.done();
        return new EventCode(kind, description);
    }
}
