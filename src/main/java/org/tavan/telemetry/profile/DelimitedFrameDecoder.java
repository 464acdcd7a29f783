package org.tavan.telemetry.profile;

import java.util.List;
import java.util.regex.Pattern;

import org.tavan.telemetry.DecodedFrame;
import org.tavan.telemetry.FrameRejected;

/** Delimited text such as {@code $DRM,1042,51234,1000,1016,*5C}: fields by position after an optional tag. */
final class DelimitedFrameDecoder implements FrameDecoder {

    private final Layout layout;
    private final Layout.Delimited format;
    private final FrameAssembler assembler;
    private final Pattern separator;

    DelimitedFrameDecoder(Layout layout, Layout.Delimited format, FrameAssembler assembler) {
        this.layout = layout;
        this.format = format;
        this.assembler = assembler;
        this.separator = Pattern.compile(Pattern.quote(format.separator()));
    }

    @Override
    public DecodedFrame decode(byte[] frame) throws FrameRejected {
        String text = FrameText.open(frame, layout);
        String[] tokens = separator.split(text, -1);
        int first = 0;
        if (format.tag().isPresent()) {
            if (!tokens[0].equals(format.tag().get())) {
                throw new FrameRejected("syntax", "frame does not start with " + format.tag().get() + format.separator());
            }
            first = 1;
        }
        int count = tokens.length - first;
        if (format.fieldCount() > 0 && count != format.fieldCount()) {
            throw new FrameRejected("syntax", "expected " + format.fieldCount() + " fields, found " + count);
        }
        int offset = first;
        return assembler.assemble(new FrameFields() {
            @Override
            public String text(FieldRef ref) {
                int at = offset + ref.position() - 1;
                if (at >= tokens.length) {
                    return null;
                }
                String token = tokens[at].trim();
                return token.isEmpty() ? null : token;
            }

            @Override
            public List<Element> elements(FieldRef ref) {
                return List.of();
            }
        });
    }
}
