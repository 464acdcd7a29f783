package org.tavan.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** The same service on PostgreSQL: migrations, users, sessions and audit through the API. */
class PostgresAppTest {

    @TempDir
    Path dir;

    @Test
    void the_service_runs_on_postgresql_with_the_same_code() {
        try (App app = new App(TestApps.config(dir, TestDatabases.postgres())).start()) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            assertThat(admin.get("/health").json().at("/database/kind").asText()).isEqualTo("postgresql");
            assertThat(admin.post("/api/users", Map.of("username", "officer1", "displayName", "Officer",
                    "password", "officer-password", "roles", List.of("distribution"))).status()).isEqualTo(201);
            assertThat(admin.put("/api/settings/workshop.name", Map.of("value", "کارگاه تهران")).status()).isEqualTo(200);
            assertThat(admin.get("/api/settings").json().get("workshop.name").asText()).isEqualTo("کارگاه تهران");
            assertThat(admin.get("/api/audit?entityType=setting").json().get(0).get("afterJson").asText())
                    .contains("کارگاه تهران");
            new Http(app.httpPort()).signIn("officer1", "officer-password");
        }
    }
}
