package org.tavan.catalog;

import java.util.regex.Pattern;

import org.tavan.errors.InvalidInput;

/** An ISO 9999 classification: class.subclass or class.subclass.division, two digits each (12.22.03). */
public record Iso9999Code(String value) {

    private static final Pattern FORMAT = Pattern.compile("\\d{2}\\.\\d{2}(\\.\\d{2})?");

    public Iso9999Code {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidInput("iso9999", "ISO 9999 code must look like NN.NN or NN.NN.NN (e.g. 12.22.03), got '"
                    + value + "'");
        }
    }
}
