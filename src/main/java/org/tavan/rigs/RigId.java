package org.tavan.rigs;

import java.util.regex.Pattern;

import org.tavan.errors.InvalidInput;

/**
 * A rig's id, e.g. {@code drum-teh-01}. It is also the rig's MQTT user name and one level of
 * its topics, so it may not contain '/', '+', '#' or spaces.
 */
public record RigId(String value) {

    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9_-]{1,39}");

    public RigId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new InvalidInput("rigId", "Rig id must be 2-40 characters: lower-case letters, digits, '-' or '_', "
                    + "starting with a letter or digit");
        }
    }

    public static RigId of(String value) {
        return new RigId(value);
    }

    /** Whether the text is a valid id, for topic parsing where a bad id is a rejected frame, not an error. */
    public static boolean isValid(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
