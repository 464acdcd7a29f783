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

    /**
     * Whole seconds to wait, rounded up: a client that waits what Retry-After says must not
     * arrive a fraction of a second early and be refused again.
     */
    public long retryAfterSeconds() {
        long millis = Math.max(0, retryAfter.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }
}
