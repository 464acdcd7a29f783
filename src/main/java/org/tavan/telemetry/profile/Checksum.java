package org.tavan.telemetry.profile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import org.tavan.telemetry.FrameRejected;

/**
 * A checksum at the end of a frame: after a separator as hexadecimal digits (format 1), or as a
 * profile of format 2 describes it ({@link Covered} text, {@link Binary} bytes).
 */
sealed interface Checksum permits Checksum.NmeaXor, Checksum.Crc16, Checksum.Covered, Checksum.Binary {

    String label();

    /** Verifies the suffix and returns the frame without it. */
    byte[] verify(byte[] frame) throws FrameRejected;

    byte[] append(byte[] body);

    /**
     * NMEA 0183 style: {@code *hh}, the XOR of every byte between a leading {@code $} or {@code !}
     * (excluded) and the {@code *}.
     */
    record NmeaXor() implements Checksum {
        @Override
        public String label() {
            return "nmea-xor";
        }

        @Override
        public byte[] verify(byte[] frame) throws FrameRejected {
            int star = lastIndexOf(frame, (byte) '*');
            if (star < 0 || frame.length - star - 1 != 2) {
                throw new FrameRejected("checksum", "missing NMEA checksum '*hh' at the end");
            }
            int expected = hex(frame, star + 1, 2);
            int actual = xor(frame, star);
            if (expected != actual) {
                throw new FrameRejected("checksum", String.format(Locale.ROOT,
                        "NMEA checksum is %02X, frame says %02X", actual, expected));
            }
            return Arrays.copyOf(frame, star);
        }

        @Override
        public byte[] append(byte[] body) {
            return concat(body, String.format(Locale.ROOT, "*%02X", xor(body, body.length)));
        }

        private static int xor(byte[] frame, int end) {
            int start = frame.length > 0 && (frame[0] == '$' || frame[0] == '!') ? 1 : 0;
            int x = 0;
            for (int i = start; i < end; i++) {
                x ^= frame[i] & 0xFF;
            }
            return x;
        }
    }

    /**
     * CRC-16 of every byte before {@code separator}, written as four hex digits. The variants are
     * those of the CRC catalogue (reveng), with their check values for "123456789".
     */
    record Crc16(Variant variant, String separator) implements Checksum {

        enum Variant {
            /** poly 0x8005 reflected, init 0xFFFF; check 0x4B37. */
            MODBUS("CRC-16/MODBUS", 0x8005, 0xFFFF, true, 0x0000),
            /** poly 0x1021, init 0xFFFF, not reflected; check 0x29B1 (also known as CRC-16/IBM-3740). */
            CCITT_FALSE("CRC-16/CCITT-FALSE", 0x1021, 0xFFFF, false, 0x0000),
            /** poly 0x1021, init 0x0000, not reflected; check 0x31C3. */
            XMODEM("CRC-16/XMODEM", 0x1021, 0x0000, false, 0x0000),
            /** poly 0x1021 reflected, init 0x0000; check 0x2189. */
            KERMIT("CRC-16/KERMIT", 0x1021, 0x0000, true, 0x0000);

            final String catalogueName;
            private final int poly;
            private final int init;
            private final boolean reflected;
            private final int xorOut;
            // One step per byte instead of eight per bit: the checksum of every frame is on the
            // ingest hot path (the bit-by-bit loop was its largest single cost in the profile).
            private final int[] table = new int[256];

            Variant(String catalogueName, int poly, int init, boolean reflected, int xorOut) {
                this.catalogueName = catalogueName;
                this.poly = poly;
                this.init = init;
                this.reflected = reflected;
                this.xorOut = xorOut;
                int reversedPoly = Integer.reverse(poly) >>> 16;
                for (int b = 0; b < 256; b++) {
                    int crc;
                    if (reflected) {
                        crc = b;
                        for (int bit = 0; bit < 8; bit++) {
                            crc = (crc & 1) != 0 ? (crc >>> 1) ^ reversedPoly : crc >>> 1;
                        }
                    } else {
                        crc = b << 8;
                        for (int bit = 0; bit < 8; bit++) {
                            crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ poly) & 0xFFFF : (crc << 1) & 0xFFFF;
                        }
                    }
                    table[b] = crc;
                }
            }

            static Variant byName(String name) {
                for (Variant v : values()) {
                    if (v.catalogueName.equalsIgnoreCase(name)) {
                        return v;
                    }
                }
                return null;
            }

            int compute(byte[] data, int end) {
                return compute(data, 0, end);
            }

            int compute(byte[] data, int from, int end) {
                int crc = init;
                if (reflected) {
                    for (int i = from; i < end; i++) {
                        crc = (crc >>> 8) ^ table[(crc ^ data[i]) & 0xFF];
                    }
                } else {
                    for (int i = from; i < end; i++) {
                        crc = ((crc << 8) & 0xFFFF) ^ table[((crc >>> 8) ^ data[i]) & 0xFF];
                    }
                }
                return (crc ^ xorOut) & 0xFFFF;
            }
        }

        @Override
        public String label() {
            return variant.catalogueName;
        }

        @Override
        public byte[] verify(byte[] frame) throws FrameRejected {
            byte[] sep = separator.getBytes(StandardCharsets.UTF_8);
            int at = lastIndexOf(frame, sep);
            if (at < 0 || frame.length - at - sep.length != 4) {
                throw new FrameRejected("checksum", "missing " + variant.catalogueName + " '" + separator + "hhhh' at the end");
            }
            int expected = hex(frame, at + sep.length, 4);
            int actual = variant.compute(frame, at);
            if (expected != actual) {
                throw new FrameRejected("checksum", String.format(Locale.ROOT, "%s is %04X, frame says %04X",
                        variant.catalogueName, actual, expected));
            }
            return Arrays.copyOf(frame, at);
        }

        @Override
        public byte[] append(byte[] body) {
            return concat(body, String.format(Locale.ROOT, "%s%04X", separator, variant.compute(body, body.length)));
        }
    }

    /** XOR of bytes (one byte wide) or a CRC-16 variant (two bytes wide) over {@code [from, end)}. */
    record Algorithm(String label, Crc16.Variant crc) {
        static final Algorithm XOR = new Algorithm("xor-8", null);

        int width() {
            return crc == null ? 1 : 2;
        }

        int compute(byte[] data, int from, int end) {
            if (crc != null) {
                return crc.compute(data, from, end);
            }
            int x = 0;
            for (int i = from; i < end; i++) {
                x ^= data[i] & 0xFF;
            }
            return x;
        }
    }

    /** How a text checksum is written: hex digits (upper case when sent), decimal digits, or raw bytes. */
    enum TextEncoding { HEX, DECIMAL, BYTES_BIG, BYTES_LITTLE }

    /**
     * A text checksum after {@code separator} whose coverage the profile states: it starts
     * {@code skip} bytes into the frame, or just after the first {@code after} (e.g. the tag's
     * separator), and ends before the separator, or after it when {@code includeSeparator}.
     */
    record Covered(Algorithm algorithm, String separator, int skip, String after, boolean includeSeparator,
                   TextEncoding encoding) implements Checksum {

        @Override
        public String label() {
            return algorithm.label();
        }

        private int digits() {
            return switch (encoding) {
                case HEX -> algorithm.width() * 2;
                case DECIMAL -> algorithm.width() == 1 ? 3 : 5;
                default -> algorithm.width();
            };
        }

        private int from(byte[] frame, int end) {
            int from = skip;
            if (after != null) {
                int at = indexOf(frame, after.getBytes(StandardCharsets.UTF_8), end);
                from = at < 0 ? end : at + after.length();
            }
            return Math.min(from, end);
        }

        @Override
        public byte[] verify(byte[] frame) throws FrameRejected {
            byte[] sep = separator.getBytes(StandardCharsets.UTF_8);
            int n = digits();
            int at = frame.length - n - sep.length;
            if (at < 0 || !regionIs(frame, at, sep)) {
                throw new FrameRejected("checksum", "missing " + label() + " after '" + separator + "' at the end");
            }
            int value = switch (encoding) {
                case HEX -> hex(frame, at + sep.length, n);
                case DECIMAL -> decimal(frame, at + sep.length, n);
                case BYTES_BIG -> bytes(frame, at + sep.length, n, false);
                case BYTES_LITTLE -> bytes(frame, at + sep.length, n, true);
            };
            int end = includeSeparator ? at + sep.length : at;
            int actual = algorithm.compute(frame, from(frame, at), end);
            if (value != actual) {
                throw new FrameRejected("checksum", String.format(Locale.ROOT, "%s is %d, frame says %d", label(), actual, value));
            }
            return Arrays.copyOf(frame, at);
        }

        @Override
        public byte[] append(byte[] body) {
            byte[] sep = separator.getBytes(StandardCharsets.UTF_8);
            byte[] withSep = Arrays.copyOf(body, body.length + sep.length);
            System.arraycopy(sep, 0, withSep, body.length, sep.length);
            int value = algorithm.compute(withSep, from(withSep, body.length), includeSeparator ? withSep.length : body.length);
            byte[] tail = switch (encoding) {
                case HEX -> String.format(Locale.ROOT, algorithm.width() == 1 ? "%02X" : "%04X", value).getBytes(StandardCharsets.US_ASCII);
                case DECIMAL -> String.format(Locale.ROOT, algorithm.width() == 1 ? "%03d" : "%05d", value).getBytes(StandardCharsets.US_ASCII);
                case BYTES_BIG -> toBytes(value, algorithm.width(), false);
                case BYTES_LITTLE -> toBytes(value, algorithm.width(), true);
            };
            byte[] out = Arrays.copyOf(withSep, withSep.length + tail.length);
            System.arraycopy(tail, 0, out, withSep.length, tail.length);
            return out;
        }
    }

    /**
     * A CRC-16 in the last two bytes of a binary frame, over bytes {@code from} to the CRC; Modbus
     * RTU sends it low byte first ({@code littleEndian}).
     */
    record Binary(Crc16.Variant variant, int from, boolean littleEndian) implements Checksum {

        @Override
        public String label() {
            return variant.catalogueName;
        }

        @Override
        public byte[] verify(byte[] frame) throws FrameRejected {
            if (frame.length < from + 2) {
                throw new FrameRejected("checksum", "frame of " + frame.length + " bytes is too short for its " + label());
            }
            int at = frame.length - 2;
            int sent = bytes(frame, at, 2, littleEndian);
            int actual = variant.compute(frame, from, at);
            if (sent != actual) {
                throw new FrameRejected("checksum", String.format(Locale.ROOT, "%s is %04X, frame says %04X", label(), actual, sent));
            }
            return Arrays.copyOf(frame, at);
        }

        @Override
        public byte[] append(byte[] body) {
            byte[] out = Arrays.copyOf(body, body.length + 2);
            byte[] crc = toBytes(variant.compute(body, Math.min(from, body.length), body.length), 2, littleEndian);
            System.arraycopy(crc, 0, out, body.length, 2);
            return out;
        }
    }

    private static int indexOf(byte[] data, byte[] what, int end) {
        for (int i = 0; i + what.length <= end; i++) {
            if (regionIs(data, i, what)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionIs(byte[] data, int at, byte[] what) {
        if (at < 0 || at + what.length > data.length) {
            return false;
        }
        for (int j = 0; j < what.length; j++) {
            if (data[at + j] != what[j]) {
                return false;
            }
        }
        return true;
    }

    private static int decimal(byte[] data, int from, int digits) throws FrameRejected {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            int d = data[i] - '0';
            if (d < 0 || d > 9) {
                throw new FrameRejected("checksum", "checksum is not decimal digits");
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int bytes(byte[] data, int from, int n, boolean littleEndian) {
        int value = 0;
        for (int i = 0; i < n; i++) {
            int b = data[littleEndian ? from + n - 1 - i : from + i] & 0xFF;
            value = (value << 8) | b;
        }
        return value;
    }

    private static byte[] toBytes(int value, int n, boolean littleEndian) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int shift = 8 * (littleEndian ? i : n - 1 - i);
            out[i] = (byte) (value >>> shift);
        }
        return out;
    }

    private static int lastIndexOf(byte[] data, byte b) {
        for (int i = data.length - 1; i >= 0; i--) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, byte[] what) {
        outer:
        for (int i = data.length - what.length; i >= 0; i--) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int hex(byte[] data, int from, int digits) throws FrameRejected {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            int d = Character.digit((char) (data[i] & 0xFF), 16);
            if (d < 0) {
                throw new FrameRejected("checksum", "checksum is not hexadecimal");
            }
            value = value * 16 + d;
        }
        return value;
    }

    private static byte[] concat(byte[] body, String suffix) {
        byte[] tail = suffix.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(body, body.length + tail.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return out;
    }
}
