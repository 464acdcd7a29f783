package org.tavan;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

class AppStartsTest {

    @TempDir
    Path dir;

    @Test
    void health_is_up_with_embedded_broker_and_sqlite() {
        try (App app = TestApps.start(dir)) {
            Http http = new Http(app.httpPort());
            Http.Response health = http.get("/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(health.json().at("/database/status").asText()).isEqualTo("up");
            assertThat(health.json().at("/broker/status").asText()).isEqualTo("up");
            assertThat(health.json().at("/broker/embedded").asBoolean()).isTrue();
        }
    }
}
