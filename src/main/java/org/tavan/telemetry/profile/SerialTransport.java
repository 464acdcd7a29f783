package org.tavan.telemetry.profile;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Frames arrive as lines on a serial port. {@code parity} is one of none, even, odd, mark, space;
 * {@code lineTerminator} ends every frame (for example "\r\n"); {@code portPattern}, when present,
 * is a glob such as {@code /dev/ttyUSB*} for ports where this rig kind is expected.
 */
public record SerialTransport(int baud, int dataBits, String parity, int stopBits, String lineTerminator,
                              int maxFrameBytes, Optional<String> portPattern) implements Transport {

    public byte[] lineTerminatorBytes() {
        return lineTerminator.getBytes(StandardCharsets.US_ASCII);
    }
}
