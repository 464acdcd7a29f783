package org.tavan.errors;

import java.util.Map;

/** The request is well formed but the current state does not allow it (out of order, already done, short stock). */
public final class Conflict extends RuntimeException {
    private final String reason;
    private final Map<String, Object> details;

    public Conflict(String reason, String message) {
        this(reason, message, Map.of());
    }

    public Conflict(String reason, String message, Map<String, Object> details) {
        super(message);
        this.reason = reason;
        this.details = details;
    }

    /** A stable code a client can switch on, e.g. {@code step_out_of_order}. */
    public String reason() {
        return reason;
    }

    public Map<String, Object> details() {
        return details;
    }
}
