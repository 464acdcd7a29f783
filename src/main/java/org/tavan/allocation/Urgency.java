package org.tavan.allocation;

import java.util.Locale;

import org.tavan.errors.InvalidInput;

/** How soon the assessment says the person needs the device. */
public enum Urgency {
    ROUTINE, SOON, URGENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Urgency parse(String field, String code) {
        for (Urgency u : values()) {
            if (u.code().equals(code)) {
                return u;
            }
        }
        throw new InvalidInput(field, "Unknown urgency '" + code + "'; use routine, soon or urgent");
    }
}
