package org.tavan.telemetry.profile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;

/** key=value pairs such as {@code seq=17;t=1764054000123;drops=1234}; keys the profile does not name are ignored. */
final class KeyValueFrameDecoder implements FrameDecoder {

    private final Layout layout;
    private final Layout.KeyValue format;
    private final FrameAssembler assembler;
    private final Pattern pairs;

    KeyValueFrameDecoder(Layout layout, Layout.KeyValue format, FrameAssembler assembler) {
        this.layout = layout;
        this.format = format;
        this.assembler = assembler;
        this.pairs = Pattern.compile(Pattern.quote(format.pairSeparator()));
    }

    @Override
    public DecodedFrame decode(byte[] frame) throws FrameRejected {
        String text = FrameText.open(frame, layout);
        Map<String, String> values = new HashMap<>();
        for (String pair : pairs.split(text, -1)) {
            if (pair.isBlank()) {
                continue;
            }
            int at = pair.indexOf(format.keyValueSeparator());
            if (at <= 0) {
                throw new FrameRejected("syntax", "'" + FieldText.shorten(pair) + "' is not key"
                        + format.keyValueSeparator() + "value");
            }
            String key = pair.substring(0, at).trim();
            if (values.put(key, pair.substring(at + format.keyValueSeparator().length()).trim()) != null) {
                throw new FrameRejected("syntax", "key '" + FieldText.shorten(key) + "' appears twice");
            }
        }
        return assembler.assemble(new FrameFields() {
            @Override
            public String text(FieldRef ref) {
                String value = values.get(ref.field());
                return value == null || value.isEmpty() ? null : value;
            }

            @Override
            public List<Element> elements(FieldRef ref) {
                return List.of();
            }
        });
    }
}
