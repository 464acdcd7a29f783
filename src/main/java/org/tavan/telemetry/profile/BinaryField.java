package org.tavan.telemetry.profile;

import java.util.Locale;

/**
 * A number at a byte offset of a binary frame. {@code littleEndian} is the byte order inside each
 * 16-bit word (or of the whole value for 8-bit steps); {@code wordsSwapped} puts the low 16-bit
 * word first, as many Modbus devices send 32- and 64-bit values ("CDAB"). Values are handed to
 * the assembler as text, so scale, offset, events and derived values work as for text frames.
 */
record BinaryField(int offset, Type type, boolean littleEndian, boolean wordsSwapped) {

    enum Type {
        U8(1, false, false), U16(2, false, false), U32(4, false, false), U64(8, false, false),
        I8(1, true, false), I16(2, true, false), I32(4, true, false), I64(8, true, false),
        F32(4, true, true), F64(8, true, true);

        final int size;
        final boolean signed;
        final boolean floating;

        Type(int size, boolean signed, boolean floating) {
            this.size = size;
            this.signed = signed;
            this.floating = floating;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Type byLabel(String label) {
            for (Type t : values()) {
                if (t.label().equals(label)) {
                    return t;
                }
            }
            return null;
        }
    }

    int end() {
        return offset + type.size;
    }

    /** The raw bits of the value as the frame holds them, in the value's natural (big-endian) order. */
    private long bits(byte[] frame) {
        byte[] b = ordered(frame, offset);
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xFF);
        }
        return v;
    }

    /** The bytes at {@code at} rearranged most significant first. */
    private byte[] ordered(byte[] frame, int at) {
        int n = type.size;
        byte[] b = new byte[n];
        System.arraycopy(frame, at, b, 0, n);
        if (n == 1) {
            return b;
        }
        if (littleEndian && n == 2) {
            swapBytes(b);
        } else if (littleEndian) {
            // Little-endian within each word; words themselves follow wordsSwapped.
            for (int w = 0; w < n; w += 2) {
                byte t = b[w];
                b[w] = b[w + 1];
                b[w + 1] = t;
            }
        }
        if (wordsSwapped && n > 2) {
            byte[] r = new byte[n];
            for (int w = 0; w < n / 2; w++) {
                r[n - 2 - 2 * w] = b[2 * w];
                r[n - 1 - 2 * w] = b[2 * w + 1];
            }
            b = r;
        }
        return b;
    }

    private static void swapBytes(byte[] b) {
        byte t = b[0];
        b[0] = b[1];
        b[1] = t;
    }

    /** The value as text: a decimal integer, or a float as Java prints it (NaN and infinities are rejected later). */
    String read(byte[] frame) {
        long v = bits(frame);
        if (type.floating) {
            return type.size == 4 ? Float.toString(Float.intBitsToFloat((int) v)) : Double.toString(Double.longBitsToDouble(v));
        }
        int shift = 64 - 8 * type.size;
        if (type.signed) {
            return Long.toString((v << shift) >> shift);
        }
        return Long.toUnsignedString(v);
    }

    /** Writes {@code raw} (a number as the decoder would read it) at the offset; the inverse of {@link #read}. */
    void write(byte[] frame, String raw) {
        long v;
        String t = raw.trim();
        if (type.floating) {
            double d = Double.parseDouble(t);
            v = type.size == 4 ? Float.floatToIntBits((float) d) & 0xFFFFFFFFL : Double.doubleToLongBits(d);
        } else if (t.startsWith("0x") || t.startsWith("0X")) {
            v = Long.parseUnsignedLong(t.substring(2), 16);
        } else if (t.contains(".") || t.contains("e") || t.contains("E")) {
            v = Math.round(Double.parseDouble(t));
        } else {
            v = Long.parseLong(t);
        }
        int n = type.size;
        byte[] natural = new byte[n];
        for (int i = n - 1; i >= 0; i--) {
            natural[i] = (byte) v;
            v >>>= 8;
        }
        // ordered() is its own inverse for every combination of the two flags.
        byte[] stored = ordered(natural, 0);
        System.arraycopy(stored, 0, frame, offset, n);
    }
}
