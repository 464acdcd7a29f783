package org.tavan.telemetry.profile;

import java.util.Arrays;

final class DelimitedFrameEncoder implements FrameEncoder {

    private final Layout layout;
    private final Layout.Delimited format;

    DelimitedFrameEncoder(Layout layout, Layout.Delimited format) {
        this.layout = layout;
        this.format = format;
    }

    @Override
    public byte[] encode(FrameContent content) {
        var fields = Encoding.fields(layout, content);
        int count = format.fieldCount() > 0 ? format.fieldCount()
                : fields.stream().mapToInt(f -> f.ref().position()).max().orElse(0);
        String[] tokens = new String[count];
        Arrays.fill(tokens, "");
        for (Encoding.Field f : fields) {
            tokens[f.ref().position() - 1] = f.text();
        }
        String body = String.join(format.separator(), tokens);
        return FrameText.close(format.tag().map(t -> t + format.separator() + body).orElse(body), layout);
    }
}
