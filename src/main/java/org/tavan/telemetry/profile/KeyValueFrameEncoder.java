package org.tavan.telemetry.profile;

import java.util.ArrayList;
import java.util.List;

final class KeyValueFrameEncoder implements FrameEncoder {

    private final Layout layout;
    private final Layout.KeyValue format;

    KeyValueFrameEncoder(Layout layout, Layout.KeyValue format) {
        this.layout = layout;
        this.format = format;
    }

    @Override
    public byte[] encode(FrameContent content) {
        List<String> pairs = new ArrayList<>();
        for (Encoding.Field f : Encoding.fields(layout, content)) {
            if (!f.text().isEmpty()) {
                pairs.add(f.ref().field() + format.keyValueSeparator() + f.text());
            }
        }
        return FrameText.close(String.join(format.pairSeparator(), pairs), layout);
    }
}
