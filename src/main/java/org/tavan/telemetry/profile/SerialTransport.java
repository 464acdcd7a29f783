package org.tavan.telemetry.profile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Frames arrive on a serial port. {@code parity} is one of none, even, odd, mark, space;
 * {@code lineTerminator} ends every frame of a text rig (for example "\r\n"; empty for a binary
 * rig, whose {@code framing} says where frames end); {@code portPattern}, when present, is a glob
 * such as {@code /dev/ttyUSB*} for ports where this rig kind is expected; {@code poll}, for rigs
 * that speak only when asked (Modbus RTU slaves), the requests to send and how often.
 */
public record SerialTransport(int baud, int dataBits, String parity, int stopBits, String lineTerminator,
                              int maxFrameBytes, Optional<String> portPattern, Optional<Framing> framing,
                              Optional<Poll> poll) implements Transport {

    public SerialTransport(int baud, int dataBits, String parity, int stopBits, String lineTerminator, int maxFrameBytes,
                           Optional<String> portPattern) {
        this(baud, dataBits, parity, stopBits, lineTerminator, maxFrameBytes, portPattern, Optional.empty(), Optional.empty());
    }

    public byte[] lineTerminatorBytes() {
        return lineTerminator.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Where a binary frame ends, whichever apply: it begins with {@code startByte} (bytes before one
     * are skipped); it is {@code fixedLength} bytes long, or as long as the number in its length
     * field ({@code lengthOffset}, {@code lengthSize} bytes, big-endian unless
     * {@code lengthLittleEndian}) plus {@code lengthAdjust}; and/or it ends at
     * {@code silenceMillis} of quiet on the line (Modbus RTU's 3.5 character times), which
     * also ends a frame cut short.
     */
    public record Framing(OptionalInt startByte, int fixedLength, int lengthOffset, int lengthSize,
                          boolean lengthLittleEndian, int lengthAdjust, int silenceMillis) {

        public boolean hasLengthField() {
            return lengthSize > 0;
        }

        /** The frame length once {@code header} holds the length field, -1 while it does not, 0 for silence framing. */
        public int lengthOf(byte[] header, int available) {
            if (fixedLength > 0) {
                return fixedLength;
            }
            if (!hasLengthField()) {
                return 0;
            }
            if (available < lengthOffset + lengthSize) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < lengthSize; i++) {
                int b = header[lengthLittleEndian ? lengthOffset + lengthSize - 1 - i : lengthOffset + i] & 0xFF;
                value = (value << 8) | b;
            }
            return value + lengthAdjust;
        }
    }

    /** Requests written to the port in turn, one every {@code intervalMillis}; each is complete, checksum and all. */
    public record Poll(int intervalMillis, List<byte[]> requests) {
        public Poll {
            requests = requests.stream().map(byte[]::clone).toList();
        }
    }
}
