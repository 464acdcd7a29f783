package org.tavan.errors;

import java.util.Map;

/** A request or a frame that does not make sense; {@code field} names what is wrong. */
public final class InvalidInput extends RuntimeException {
    private final String field;
    private final Map<String, Object> details;

    public InvalidInput(String field, String message) {
        this(field, message, Map.of());
    }

    public InvalidInput(String field, String message, Map<String, Object> details) {
        super(message);
        this.field = field;
        this.details = details;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> details() {
        return details;
    }
}
