package org.tavan.telemetry.profile;

/**
 * The inverse of a {@link FrameDecoder}: writes the frame a rig with this profile would send for the
 * given content, checksum and all (without the serial line terminator). Used by simulated rigs.
 */
public interface FrameEncoder {

    byte[] encode(FrameContent content);
}
