package org.tavan.errors;

import java.time.Duration;

/** Repeated failures: the caller must wait before trying again. */
public final class TooManyAttempts extends RuntimeException {
    private final Duration retryAfter;

    public TooManyAttempts(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
