package org.tavan.errors;

/** The thing asked for does not exist (or is not visible to the caller). */
public final class NotFound extends RuntimeException {
    public NotFound(String what, Object id) {
        super(what + " '" + id + "' does not exist");
    }
}
