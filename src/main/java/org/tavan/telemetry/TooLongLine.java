package org.tavan.telemetry;

/**
 * A serial line longer than the profile allows, dropped up to its terminator. The same rejection
 * whether the port is on Tavan's machine or behind a gateway, so both count and read alike.
 */
public record TooLongLine(int bytes, int limit) {

    public static final String REASON = "too_long";

    public String message() {
        return "Line of " + bytes + " bytes exceeds the profile's limit of " + limit;
    }
}
