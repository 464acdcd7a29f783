package org.tavan.telemetry.profile;

/**
 * The inverse of a {@link FrameDecoder}: writes the frame a rig with this profile would send for the
 * given content, checksum and all (without the serial line terminator). Used by simulated rigs.
 */
public interface FrameEncoder {

    byte[] encode(FrameContent content);

    /**
     * Every frame a rig sends for this content: one, except for a profile of several sentences,
     * whose rig may send a status line after its data line.
     */
    default java.util.List<byte[]> encodeAll(FrameContent content) {
        return java.util.List.of(encode(content));
    }
}
