package org.tavan.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;
import org.tavan.testing.HandClock;

import static org.assertj.core.api.Assertions.assertThat;

class SignInTest {

    @TempDir
    Path dir;

    @Test
    void sign_in_gives_a_bearer_token_and_a_session_cookie_and_sign_out_revokes_it() {
        try (App app = TestApps.start(dir)) {
            Http http = new Http(app.httpPort());
            Http.Response r = http.post("/api/session", Map.of("username", "admin", "password", TestApps.ADMIN_PASSWORD));
            assertThat(r.status()).isEqualTo(201);
            String token = r.json().get("token").asText();
            assertThat(r.json().get("roles").get(0).asText()).isEqualTo("admin");
            assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                    .startsWith("tavan_session=" + token).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax"));

            http.withToken(token);
            assertThat(http.get("/api/session").json().get("username").asText()).isEqualTo("admin");
            assertThat(http.delete("/api/session").status()).isEqualTo(204);
            assertThat(http.get("/api/session").status()).isEqualTo(401);
        }
    }

    @Test
    void passwords_are_stored_as_argon2id_hashes() {
        try (App app = TestApps.start(dir)) {
            String hash = app.database().read(h -> h.createQuery("SELECT password_hash FROM users WHERE username = 'admin'")
                    .mapTo(String.class).one());
            assertThat(hash).startsWith("$argon2id$").doesNotContain(TestApps.ADMIN_PASSWORD);
        }
    }

    @Test
    void repeated_failed_sign_ins_are_slowed_down_even_with_the_right_password() {
        try (App app = TestApps.start(dir)) {
            Http http = new Http(app.httpPort());
            for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
                assertThat(http.post("/api/session", Map.of("username", "admin", "password", "wrong-" + i)).status())
                        .isEqualTo(401);
            }
            Http.Response blocked = http.post("/api/session", Map.of("username", "admin", "password", TestApps.ADMIN_PASSWORD));
            assertThat(blocked.status()).isEqualTo(429);
            assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
            assertThat(blocked.json().get("code").asText()).isEqualTo("too_many_attempts");
        }
    }

    @Test
    void a_guesser_s_own_successful_sign_in_does_not_clear_the_address_s_count() {
        try (App app = TestApps.start(dir)) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            admin.post("/api/users", Map.of("username", "floor2", "displayName", "Floor", "password", "floor-password",
                    "roles", List.of("floor")));
            Http guesser = new Http(app.httpPort());
            for (int i = 0; i < SignInThrottle.FREE_FAILURES - 1; i++) {
                assertThat(guesser.post("/api/session", Map.of("username", "admin", "password", "wrong-" + i)).status())
                        .isEqualTo(401);
            }
            // Their own account signs in and clears its own count, not the address's four failures.
            assertThat(guesser.post("/api/session", Map.of("username", "floor2", "password", "floor-password")).status())
                    .isEqualTo(201);
            assertThat(guesser.post("/api/session", Map.of("username", "admin", "password", "wrong-last")).status())
                    .isEqualTo(401);
            Http.Response blocked = guesser.post("/api/session", Map.of("username", "floor2", "password", "floor-password"));
            assertThat(blocked.status()).as("the fifth failure from the address slows down every name from it").isEqualTo(429);
            assertThat(blocked.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).isIn("1", "2"));
        }
    }

    @Test
    void sessions_expire_after_the_configured_lifetime() {
        HandClock clock = new HandClock(Instant.parse("2026-11-25T08:00:00Z"));
        try (App app = new App(TestApps.config(dir), clock).start()) {
            Http http = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            assertThat(http.get("/api/session").status()).isEqualTo(200);
            clock.advance(Duration.ofHours(12).plusMinutes(1));
            assertThat(http.get("/api/session").status()).isEqualTo(401);
        }
    }

    @Test
    void deactivating_a_user_ends_their_sessions_and_stops_sign_in() {
        try (App app = TestApps.start(dir)) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            admin.post("/api/users", Map.of("username", "tech1", "displayName", "Tech", "password", "tech-password",
                    "roles", List.of("technician")));
            Http tech = new Http(app.httpPort()).signIn("tech1", "tech-password");
            assertThat(admin.patch("/api/users/tech1", Map.of("active", false)).status()).isEqualTo(200);
            assertThat(tech.get("/api/session").status()).isEqualTo(401);
            assertThat(new Http(app.httpPort()).post("/api/session",
                    Map.of("username", "tech1", "password", "tech-password")).status()).isEqualTo(401);
            Http.Response audit = admin.get("/api/audit?entityType=user&entityId=tech1");
            assertThat(audit.body()).contains("user.created").contains("user.changed");
        }
    }
}
