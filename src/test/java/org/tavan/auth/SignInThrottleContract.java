package org.tavan.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.config.TavanConfig;
import org.tavan.errors.TooManyAttempts;
import org.tavan.storage.Database;
import org.tavan.testing.HandClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The rules of README's sign-in throttling, on each database; one subclass per database. */
abstract class SignInThrottleContract {

    @TempDir
    Path dir;
    Database db;
    final HandClock clock = new HandClock(Instant.parse("2026-11-25T08:00:00Z"));
    SignInThrottle throttle;

    abstract TavanConfig.Db database(Path dir);

    @BeforeEach
    void open() {
        db = Database.open(database(dir), null);
        db.migrate();
        throttle = new SignInThrottle(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void five_failures_in_a_row_make_each_further_attempt_wait_2_4_8_seconds() {
        for (int i = 0; i < 4; i++) {
            throttle.checkAllowed("admin", "10.0.0.1");
            throttle.failed("admin", "10.0.0.1");
        }
        assertThatCode(() -> throttle.checkAllowed("admin", "10.0.0.1")).as("four failures are free").doesNotThrowAnyException();
        throttle.failed("admin", "10.0.0.1");
        for (long wait : new long[] {2, 4, 8, 16}) {
            assertThat(refusal("admin", "10.0.0.1").retryAfterSeconds()).isEqualTo(wait);
            clock.advance(Duration.ofSeconds(wait).minusMillis(1));
            assertThat(refusal("admin", "10.0.0.1").retryAfterSeconds()).as("a millisecond early").isEqualTo(1);
            clock.advance(Duration.ofMillis(1));
            throttle.checkAllowed("admin", "10.0.0.1");
            throttle.failed("admin", "10.0.0.1");
        }
    }

    @Test
    void the_wait_doubles_up_to_fifteen_minutes() {
        assertThat(SignInThrottle.wait(4)).isEqualTo(Duration.ZERO);
        assertThat(SignInThrottle.wait(5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SignInThrottle.wait(13)).isEqualTo(Duration.ofSeconds(512));
        assertThat(SignInThrottle.wait(14)).isEqualTo(Duration.ofMinutes(15));
        assertThat(SignInThrottle.wait(10_000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void retry_after_is_rounded_up_so_a_client_that_waits_it_is_not_refused_again() {
        failTimes(5, "admin", "10.0.0.1");
        clock.advance(Duration.ofMillis(500));
        TooManyAttempts refused = refusal("admin", "10.0.0.1");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(1500));
        assertThat(refused.retryAfterSeconds()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));
        assertThatCode(() -> throttle.checkAllowed("admin", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void a_user_name_is_counted_across_addresses_and_case() {
        for (int i = 0; i < 5; i++) {
            throttle.failed(i % 2 == 0 ? "Admin" : "admin", "10.0.1." + i);
        }
        assertThat(refusal("ADMIN", "10.0.2.99").retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void an_address_is_counted_across_user_names() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("guess-" + i, "10.0.0.7");
        }
        assertThat(refusal("someone-else", "10.0.0.7").retryAfterSeconds()).isEqualTo(2);
        assertThatCode(() -> throttle.checkAllowed("someone-else", "10.0.0.8")).doesNotThrowAnyException();
    }

    @Test
    void a_success_clears_its_user_name_s_count_but_not_the_address_s() {
        failTimes(4, "admin", "10.0.0.1");
        throttle.succeeded("admin");
        // The user name starts again from zero: four more failures from elsewhere are free.
        failTimes(4, "admin", "10.0.0.2");
        assertThatCode(() -> throttle.checkAllowed("admin", "10.0.0.3")).doesNotThrowAnyException();
        // The first address still holds its four: one more failure from it, under any name, locks it.
        throttle.failed("other", "10.0.0.1");
        assertThat(refusal("admin", "10.0.0.1").retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void a_count_is_forgotten_after_an_hour_without_a_failure() {
        failTimes(4, "admin", "10.0.0.1");
        clock.advance(SignInThrottle.FORGET_AFTER.plusSeconds(1));
        failTimes(4, "admin", "10.0.0.1");
        assertThatCode(() -> throttle.checkAllowed("admin", "10.0.0.1")).as("four, not eight, in a row")
                .doesNotThrowAnyException();
        long rows = db.read(h -> h.createQuery("SELECT COUNT(*) FROM sign_in_failures").mapTo(Long.class).one());
        assertThat(rows).as("one row per user name and per address").isEqualTo(2);
    }

    @Test
    void a_huge_user_name_is_kept_as_a_bounded_key() {
        String huge = "x".repeat(100_000);
        failTimes(5, huge, "10.0.0.1");
        assertThatThrownBy(() -> throttle.checkAllowed(huge, "10.0.0.9")).isInstanceOf(TooManyAttempts.class);
        int longest = db.read(h -> h.createQuery("SELECT MAX(LENGTH(failure_key)) FROM sign_in_failures")
                .mapTo(Integer.class).one());
        assertThat(longest).isLessThanOrEqualTo(200);
    }

    private void failTimes(int n, String user, String address) {
        for (int i = 0; i < n; i++) {
            throttle.failed(user, address);
        }
    }

    private TooManyAttempts refusal(String user, String address) {
        TooManyAttempts refused = catchThrowableOfType(TooManyAttempts.class, () -> throttle.checkAllowed(user, address));
        assertThat(refused).as("refused: " + user + " from " + address).isNotNull();
        return refused;
    }
}
