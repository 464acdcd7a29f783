package org.tavan.telemetry.profile;

import java.util.List;
import java.util.Locale;

import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;

/**
 * A binary frame such as a Modbus RTU reply {@code 01 03 14 ... crc crc}: length and checksum
 * first, then the profile's constant bytes, then every field at its offset.
 */
final class BinaryFrameDecoder implements FrameDecoder {

    private final Layout layout;
    private final Layout.Binary format;
    private final FrameAssembler assembler;

    BinaryFrameDecoder(Layout layout, Layout.Binary format, FrameAssembler assembler) {
        this.layout = layout;
        this.format = format;
        this.assembler = assembler;
    }

    @Override
    public DecodedFrame decode(byte[] frame) throws FrameRejected {
        if (frame == null || frame.length == 0) {
            throw new FrameRejected("syntax", "empty frame");
        }
        if (frame.length > layout.maxFrameBytes()) {
            throw new FrameRejected("too_long", "frame of " + frame.length + " bytes is longer than the profile's "
                    + layout.maxFrameBytes());
        }
        if (format.length() > 0 && frame.length != format.length()) {
            throw new FrameRejected("syntax", "frame of " + frame.length + " bytes; the profile's frames have " + format.length());
        }
        if (frame.length < format.minLength()) {
            throw new FrameRejected("syntax", "frame of " + frame.length + " bytes is shorter than the " + format.minLength()
                    + " its fields need");
        }
        byte[] body = layout.checksum().isPresent() ? layout.checksum().get().verify(frame) : frame;
        for (Layout.Constant c : format.constants()) {
            String found = c.field().read(body);
            if (!found.equals(Long.toUnsignedString(c.value()))) {
                throw new FrameRejected("syntax", String.format(Locale.ROOT, "byte %d is 0x%X, the profile expects 0x%X",
                        c.field().offset(), Long.parseUnsignedLong(found), c.value()));
            }
        }
        return assembler.assemble(new FrameFields() {
            @Override
            public String text(FieldRef ref) {
                return ref.binary().end() <= body.length ? ref.binary().read(body) : null;
            }

            @Override
            public List<Element> elements(FieldRef ref) {
                return List.of();
            }
        });
    }
}
