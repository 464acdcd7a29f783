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

    /**
     * The text, stripped; refused unless it has something in it and at most {@code maxLength}
     * characters once stripped. The message names the field as the request does.
     */
    public static String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank() || value.strip().length() > maxLength) {
            throw new InvalidInput(field, field + " is required (at most " + maxLength + " characters)");
        }
        return value.strip();
    }

    public String field() {
        return field;
    }

    public Map<String, Object> details() {
        return details;
    }
}
