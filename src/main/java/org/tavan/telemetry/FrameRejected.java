package org.tavan.telemetry;

/**
 * A frame that cannot be accepted. {@code reason} is a stable code that is counted per rig
 * (checksum, syntax, missing_field, bad_value, too_long, unknown_rig, not_allowed).
 */
public final class FrameRejected extends Exception {

    private final String reason;

    public FrameRejected(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
