package org.tavan.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.config.TavanConfig;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The national deployment: several instances behind one load balancer on one PostgreSQL. A
 * guesser whose attempts are spread over the instances is counted once, by all of them.
 */
class SharedThrottleTest {

    @TempDir
    Path dir;

    @Test
    void two_instances_on_one_postgresql_share_the_failure_count() throws Exception {
        TavanConfig.Db db = TestDatabases.postgres();
        Path first = Files.createDirectories(dir.resolve("instance-1"));
        Path second = Files.createDirectories(dir.resolve("instance-2"));
        try (App one = new App(TestApps.config(first, db)).start()) {
            // The instances of one deployment share the national ID key file.
            Files.copy(first.resolve("national-id.key"), second.resolve("national-id.key"));
            try (App two = new App(TestApps.config(second, db)).start()) {
                Http viaOne = new Http(one.httpPort());
                Http viaTwo = new Http(two.httpPort());
                for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
                    Http instance = i % 2 == 0 ? viaOne : viaTwo;
                    assertThat(instance.post("/api/session", Map.of("username", "admin", "password", "wrong-" + i))
                            .status()).as("failure " + (i + 1)).isEqualTo(401);
                }
                for (Http instance : new Http[] {viaOne, viaTwo}) {
                    Http.Response r = instance.post("/api/session",
                            Map.of("username", "admin", "password", TestApps.ADMIN_PASSWORD));
                    assertThat(r.status()).as("the right password after five failures spread over two instances")
                            .isEqualTo(429);
                    assertThat(r.json().get("code").asText()).isEqualTo("too_many_attempts");
                    assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);
                }
            }
        }
    }
}
