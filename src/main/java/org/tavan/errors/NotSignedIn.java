package org.tavan.errors;

/** No valid session: missing, expired, revoked or wrong credentials. */
public final class NotSignedIn extends RuntimeException {
    public NotSignedIn(String message) {
        super(message);
    }
}
