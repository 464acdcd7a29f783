package org.tavan.telemetry.profile;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.tavan.telemetry.FrameRejected;

/** The checks every text frame passes before its format is parsed: length, line terminator, checksum, UTF-8. */
final class FrameText {

    private FrameText() {
    }

    static String open(byte[] frame, Layout layout) throws FrameRejected {
        if (frame == null || frame.length == 0) {
            throw new FrameRejected("syntax", "empty frame");
        }
        if (frame.length > layout.maxFrameBytes()) {
            throw new FrameRejected("too_long", "frame of " + frame.length + " bytes is longer than the profile's "
                    + layout.maxFrameBytes());
        }
        int end = frame.length;
        while (end > 0 && (frame[end - 1] == '\n' || frame[end - 1] == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new FrameRejected("syntax", "empty frame");
        }
        byte[] body = end == frame.length ? frame : Arrays.copyOf(frame, end);
        if (layout.checksum().isPresent()) {
            body = layout.checksum().get().verify(body);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new FrameRejected("syntax", "frame is not UTF-8 text");
        }
    }

    static byte[] close(String text, Layout layout) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return layout.checksum().isPresent() ? layout.checksum().get().append(body) : body;
    }
}
