package org.tavan.telemetry.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.tavan.telemetry.FrameRejected;
import org.tavan.telemetry.profile.Layout.TimeEncoding;

/**
 * How numbers and times are written in frames, both ways, so that the encoder is exactly the
 * inverse of the decoder. Parsing is strict: Java's own parsers accept "NaN", "0x1p3" or "1d",
 * which no rig means.
 */
final class FieldText {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d{1,30}(\\.\\d{0,30})?|\\.\\d{1,30})([eE][-+]?\\d{1,3})?");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
    private static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L; // 9999-12-31T23:59:59.999Z

    private FieldText() {
    }

    static double decimal(String text, String what) throws FrameRejected {
        String t = text.trim();
        if (!DECIMAL.matcher(t).matches()) {
            throw new FrameRejected("bad_value", what + " is not a number: '" + shorten(t) + "'");
        }
        double value = Double.parseDouble(t);
        if (!Double.isFinite(value)) {
            throw new FrameRejected("bad_value", what + " is out of range: '" + shorten(t) + "'");
        }
        return value;
    }

    static long integer(String text, String what) throws FrameRejected {
        String t = text.trim();
        if (isPlainDigits(t)) {
            return Long.parseLong(t);
        }
        if (!INTEGER.matcher(t).matches()) {
            throw new FrameRejected("bad_value", what + " is not a whole number: '" + shorten(t) + "'");
        }
        return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
    }

    /** The common case without a regex: a pressure mat sends hundreds of integers per frame. */
    private static boolean isPlainDigits(String t) {
        int n = t.length();
        if (n == 0 || n > 18) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static double raw(String text, MeasurementSpec.Type type, String what) throws FrameRejected {
        if (type == MeasurementSpec.Type.INTEGER) {
            String t = text.trim();
            // JSON writers may print a whole number as 12.0
            if (t.endsWith(".0")) {
                t = t.substring(0, t.length() - 2);
            }
            return integer(t, what);
        }
        return decimal(text, what);
    }

    /** The raw text a rig would send for {@code value} after scale and offset. */
    static String formatRaw(double value, MeasurementSpec.Type type, double scale, double offset) {
        double raw = (value - offset) / scale;
        if (type == MeasurementSpec.Type.INTEGER) {
            return Long.toString(Math.round(raw));
        }
        return plain(raw, 6);
    }

    static String plain(double value, int decimals) {
        String s = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    static Instant time(String text, TimeEncoding encoding, String what) throws FrameRejected {
        long millis;
        switch (encoding) {
            case ISO_8601 -> {
                String t = text.trim();
                if (t.length() > 40) {
                    throw new FrameRejected("bad_value", what + " is not an ISO-8601 time: '" + shorten(t) + "'");
                }
                try {
                    return OffsetDateTime.parse(t).toInstant();
                } catch (DateTimeParseException e) {
                    throw new FrameRejected("bad_value", what + " is not an ISO-8601 time with offset: '" + shorten(t) + "'");
                }
            }
            case EPOCH_SECONDS, UPTIME_SECONDS -> millis = Math.round(decimal(text, what) * 1000);
            default -> millis = integer(text, what);
        }
        if (millis < 0 || millis > MAX_EPOCH_MILLIS) {
            throw new FrameRejected("bad_value", what + " is out of range: '" + shorten(text.trim()) + "'");
        }
        return Instant.ofEpochMilli(millis);
    }

    static String formatTime(Instant time, TimeEncoding encoding, Optional<Instant> boot) {
        long millis = encoding.isUptime()
                ? time.toEpochMilli() - boot.orElseThrow(() -> new IllegalArgumentException("this profile's device time is an "
                        + "uptime: the frame content needs a boot time")).toEpochMilli()
                : time.toEpochMilli();
        return switch (encoding) {
            case ISO_8601 -> time.toString();
            case EPOCH_SECONDS, UPTIME_SECONDS -> millis % 1000 == 0 ? Long.toString(millis / 1000) : plain(millis / 1000.0, 3);
            default -> Long.toString(millis);
        };
    }

    static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
