package org.tavan.production;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tavan.errors.InvalidInput;

/**
 * A unit's serial number: {@code TVN-<yy><workshop>-<model>-<seq><check>}, e.g.
 * {@code TVN-26TEH-WCM-000017K}. {@code yy} is the Gregorian year of release, {@code workshop}
 * the 2-4 letter workshop code, {@code model} the model code, {@code seq} six digits counted
 * per (year, workshop, model), and {@code check} a Luhn mod 36 character over everything
 * before it (hyphens ignored), so a mistyped character or two swapped neighbours are caught
 * when a serial is typed instead of scanned.
 */
public record SerialNumber(String value) {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final Pattern FORMAT = Pattern.compile("TVN-(\\d{2})([A-Z0-9]{2,4})-([A-Z0-9]{2,6})-(\\d{6})([0-9A-Z])");

    public SerialNumber {
        if (value == null) {
            throw new InvalidInput("serial", "Serial number is required");
        }
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw new InvalidInput("serial", "'" + value + "' is not a Tavan serial (TVN-<yy><workshop>-<model>-<6 digits><check>)");
        }
        String body = value.substring(0, value.length() - 1);
        if (checkCharacter(body) != value.charAt(value.length() - 1)) {
            throw new InvalidInput("serial", "'" + value + "' has a wrong check character: probably mistyped");
        }
    }

    /** Accepts lower case and surrounding spaces from a keyboard or a scanner. */
    public static SerialNumber parse(String text) {
        return new SerialNumber(text == null ? null : text.strip().toUpperCase(java.util.Locale.ROOT));
    }

    public static SerialNumber of(int year, String workshop, String model, long seq) {
        String body = String.format("TVN-%02d%s-%s-%06d", year % 100, workshop, model, seq);
        return new SerialNumber(body + checkCharacter(body));
    }

    /** The counter prefix: everything before the sequence number. */
    public static String prefix(int year, String workshop, String model) {
        return String.format("TVN-%02d%s-%s-", year % 100, workshop, model);
    }

    /** Luhn mod N (N = 36) over the alphanumeric characters of {@code body}. */
    static char checkCharacter(String body) {
        int n = ALPHABET.length();
        int factor = 2;
        int sum = 0;
        for (int i = body.length() - 1; i >= 0; i--) {
            int code = ALPHABET.indexOf(body.charAt(i));
            if (code < 0) {
                continue;
            }
            int addend = factor * code;
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        int check = (n - sum % n) % n;
        return ALPHABET.charAt(check);
    }

    @Override
    public String toString() {
        return value;
    }
}
