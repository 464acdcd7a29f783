package org.tavan.telemetry.queue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.config.TavanConfig;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.testing.Http;
import org.tavan.testing.Services;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/** A broker that refuses the service's session is down, not "connecting": /health says so, and why. */
class RefusedQueueSessionTest {

    @TempDir
    Path dir;

    @Test
    void a_refused_queue_session_turns_health_503_with_the_reason_and_then_stalled() {
        Services.requireRabbitMq();
        TavanConfig base = TestApps.config(dir);
        TavanConfig config = base.withIngest(new TavanConfig.Ingest(Optional.empty(), Duration.ofSeconds(60), 0, List.of(),
                Optional.of(new TavanConfig.Queue("amqp://tavan-nobody:wrong-password@127.0.0.1:5672/%2F", "tavan.readings", 4)),
                Duration.ofSeconds(2)));
        try (App app = new App(config).start()) {
            Http anyone = new Http(app.httpPort());
            Eventually.until(Duration.ofSeconds(10),
                    () -> anyone.get("/health").json().at("/broker/problem").asText().contains("ACCESS_REFUSED"),
                    () -> anyone.get("/health").body());
            Http.Response down = anyone.get("/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().at("/broker/status").asText()).isEqualTo("down");
            assertThat(down.json().at("/broker/kind").asText()).isEqualTo("queue");
            assertThat(down.json().at("/broker/url").asText()).as("no password in /health").doesNotContain("wrong-password");
            Eventually.until(Duration.ofSeconds(10),
                    () -> anyone.get("/health").json().at("/ingest/status").asText().equals("stalled"),
                    () -> anyone.get("/health").body());
            JsonNode ingest = anyone.get("/health").json().get("ingest");
            assertThat(ingest.get("problem").asText()).contains("has been down for over 2 s");
        }
    }
}
