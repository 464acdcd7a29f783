package org.tavan.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.tavan.errors.TooManyAttempts;
import org.tavan.storage.Database;

/**
 * Slows down password guessing. After {@value #FREE_FAILURES} failures in a row for one user
 * name, or from one address, each further attempt must wait 2, 4, 8 ... seconds, capped at 15
 * minutes. The counts live in the database ({@code sign_in_failures}), so every instance on it
 * counts the same guesses and a guesser gains nothing by spreading attempts over instances.
 *
 * A successful sign-in clears the count of its user name only: the address keeps its count, or
 * a guesser could reset it with a sign-in to an account of their own between guesses. A count
 * is forgotten after {@link #FORGET_AFTER} without a failure, which is what "in a row" means
 * for an address that never signs in wrongly again.
 */
final class SignInThrottle {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    // Keys are bounded: a megabyte-long user name must not become a megabyte-long row.
    private static final int MAX_KEY = 200;

    private final Database db;
    private final Clock clock;

    SignInThrottle(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void checkAllowed(String username, String address) {
        long now = clock.millis();
        List<Long> locks = db.read(h -> h.createQuery("""
                        SELECT locked_until FROM sign_in_failures
                         WHERE failure_key IN (:user, :address) AND last_failed_at >= :forgetBefore""")
                .bind("user", userKey(username)).bind("address", addressKey(address))
                .bind("forgetBefore", now - FORGET_AFTER.toMillis())
                .mapTo(Long.class).list());
        long until = locks.stream().mapToLong(Long::longValue).max().orElse(0);
        if (until > now) {
            Duration wait = Duration.ofMillis(until - now);
            TooManyAttempts refused = new TooManyAttempts("Too many failed sign-ins", wait);
            throw new TooManyAttempts("Too many failed sign-ins; try again in " + refused.retryAfterSeconds() + " s", wait);
        }
    }

    void failed(String username, String address) {
        long now = clock.millis();
        long forgetBefore = now - FORGET_AFTER.toMillis();
        // Housekeeping in a statement of its own: it holds no lock the counting below waits for.
        db.useTransaction(h -> h.createUpdate("DELETE FROM sign_in_failures WHERE last_failed_at < :forgetBefore")
                .bind("forgetBefore", forgetBefore).execute());
        db.useTransaction(h -> {
            // User name before address, always: two instances counting the same pair lock the
            // rows in the same order and never deadlock.
            for (String key : List.of(userKey(username), addressKey(address))) {
                // Atomic on both databases, so two instances counting one key at once both count.
                h.createUpdate("""
                                INSERT INTO sign_in_failures (failure_key, failures, last_failed_at, locked_until)
                                VALUES (:key, 1, :now, 0)
                                ON CONFLICT (failure_key) DO UPDATE
                                   SET failures = CASE WHEN sign_in_failures.last_failed_at < :forgetBefore THEN 1
                                                       ELSE sign_in_failures.failures + 1 END,
                                       last_failed_at = excluded.last_failed_at""")
                        .bind("key", key).bind("now", now).bind("forgetBefore", forgetBefore).execute();
                int failures = h.createQuery("SELECT failures FROM sign_in_failures WHERE failure_key = :key")
                        .bind("key", key).mapTo(Integer.class).one();
                if (failures >= FREE_FAILURES) {
                    h.createUpdate("UPDATE sign_in_failures SET locked_until = :until WHERE failure_key = :key")
                            .bind("until", now + wait(failures).toMillis()).bind("key", key).execute();
                }
            }
        });
    }

    void succeeded(String username) {
        db.useTransaction(h -> h.createUpdate("DELETE FROM sign_in_failures WHERE failure_key = :key")
                .bind("key", userKey(username)).execute());
    }

    /** The wait after the given number of failures in a row: 2 s after the fifth, doubling, at most 15 minutes. */
    static Duration wait(int failures) {
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = Math.min(30, failures - FREE_FAILURES + 1);
        long seconds = 1L << doublings;
        return seconds >= MAX_WAIT.toSeconds() ? MAX_WAIT : Duration.ofSeconds(seconds);
    }

    static String userKey(String username) {
        return bounded("user:" + String.valueOf(username).toLowerCase(Locale.ROOT));
    }

    static String addressKey(String address) {
        return bounded("addr:" + address);
    }

    private static String bounded(String key) {
        return key.length() <= MAX_KEY ? key : key.substring(0, MAX_KEY);
    }
}
