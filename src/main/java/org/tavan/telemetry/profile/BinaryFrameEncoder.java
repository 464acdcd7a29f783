package org.tavan.telemetry.profile;

/** Writes the binary frame a rig would send: constants, fields at their offsets, then the checksum. */
final class BinaryFrameEncoder implements FrameEncoder {

    private final Layout layout;
    private final Layout.Binary format;

    BinaryFrameEncoder(Layout layout, Layout.Binary format) {
        this.layout = layout;
        this.format = format;
    }

    @Override
    public byte[] encode(FrameContent content) {
        int checksumBytes = layout.checksum().isPresent() ? 2 : 0;
        int length = format.length() > 0 ? format.length() : format.minLength();
        byte[] body = new byte[length - checksumBytes];
        for (Layout.Constant c : format.constants()) {
            c.field().write(body, Long.toUnsignedString(c.value()));
        }
        for (Encoding.Field f : Encoding.fields(layout, content)) {
            if (!f.text().isEmpty()) {
                f.ref().binary().write(body, f.text());
            }
        }
        return layout.checksum().isPresent() ? layout.checksum().get().append(body) : body;
    }
}
