package org.tavan.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import org.tavan.errors.TooManyAttempts;

/**
 * Slows down password guessing. After {@value #FREE_FAILURES} failures in a row for one user
 * name, each further attempt must wait 2, 4, 8 ... seconds, capped at 15 minutes. An address
 * gets {@value #FREE_FAILURES_PER_ADDRESS} failures before the same waits: a workshop's tablets
 * often share one address behind NAT, and one person's typos must not lock out the floor.
 * A success clears the count. Kept in memory: each instance throttles on its own, which still
 * bounds guessing to a few attempts per minute per instance.
 */
final class SignInThrottle {

    static final int FREE_FAILURES = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 50;
    private static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private record Failures(int count, Instant lockedUntil) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    void checkAllowed(String username, String address) {
        Instant now = clock.instant();
        for (String key : keys(username, address)) {
            Failures f = failures.get(key);
            if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
                Duration wait = Duration.between(now, f.lockedUntil());
                throw new TooManyAttempts("Too many failed sign-ins; try again in "
                        + Math.max(1, wait.toSeconds()) + " s", wait);
            }
        }
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        for (String key : keys(username, address)) {
            failures.compute(key, (k, f) -> {
                int count = f == null ? 1 : f.count() + 1;
                int free = k.startsWith("addr:") ? FREE_FAILURES_PER_ADDRESS : FREE_FAILURES;
                Instant lockedUntil = null;
                if (count >= free) {
                    long seconds = 1L << Math.min(20, count - free + 1);
                    lockedUntil = now.plus(seconds > MAX_WAIT.toSeconds() ? MAX_WAIT : Duration.ofSeconds(seconds));
                }
                return new Failures(count, lockedUntil);
            });
        }
        if (failures.size() > 100_000) {
            // Bounded memory under a spray of random user names: forget entries no longer locked.
            failures.entrySet().removeIf(e -> e.getValue().lockedUntil() == null || now.isAfter(e.getValue().lockedUntil()));
        }
    }

    void succeeded(String username, String address) {
        for (String key : keys(username, address)) {
            failures.remove(key);
        }
    }

    private static String[] keys(String username, String address) {
        return new String[] {"user:" + String.valueOf(username).toLowerCase(Locale.ROOT), "addr:" + address};
    }
}
