package org.tavan.errors;

/** A body sent with a content type the route does not read (text/plain where JSON is expected). */
public final class UnsupportedContentType extends RuntimeException {
    private final String given;

    public UnsupportedContentType(String given, String expected) {
        super("Content-Type " + (given == null || given.isBlank() ? "(none)" : "'" + given + "'")
                + " is not accepted here; send " + expected);
        this.given = given;
    }

    /** The Content-Type the request carried, or null. */
    public String given() {
        return given;
    }
}
