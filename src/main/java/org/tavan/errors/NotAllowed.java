package org.tavan.errors;

/** The caller is signed in but their role does not allow this. */
public final class NotAllowed extends RuntimeException {
    public NotAllowed(String message) {
        super(message);
    }
}
