package org.tavan.web;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEndpointsTest {

    @TempDir
    Path dir;

    @Test
    void health_reports_database_and_mqtt_and_turns_503_when_mqtt_is_down() {
        try (App app = TestApps.start(dir)) {
            Http http = new Http(app.httpPort());
            Http.Response up = http.get("/health");
            assertThat(up.status()).isEqualTo(200);
            assertThat(up.json().get("status").asText()).isEqualTo("up");
            assertThat(up.json().at("/database/kind").asText()).isEqualTo("sqlite");

            app.mqtt().close();
            Http.Response down = http.get("/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().at("/broker/status").asText()).isEqualTo("down");
            assertThat(down.json().at("/database/status").asText()).isEqualTo("up");
        }
    }

    @Test
    void metrics_are_prometheus_text_with_http_database_and_jvm_figures() {
        try (App app = TestApps.start(dir)) {
            Http http = new Http(app.httpPort());
            http.get("/health");
            http.get("/api/users");
            Http.Response metrics = http.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(metrics.body())
                    .contains("# TYPE http_server_requests_seconds")
                    .contains("route=\"/api/users\"")
                    .contains("status=\"401\"")
                    .contains("hikaricp_connections")
                    .contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void openapi_describes_every_api_route_with_its_access() {
        try (App app = TestApps.start(dir)) {
            Http http = new Http(app.httpPort());
            Http.Response r = http.get("/openapi.json");
            assertThat(r.status()).isEqualTo(200);
            JsonNode doc = r.json();
            assertThat(doc.get("openapi").asText()).startsWith("3.");
            JsonNode signIn = doc.at("/paths/~1api~1session/post");
            assertThat(signIn.get("x-access").asText()).isEqualTo("anyone");
            assertThat(signIn.at("/requestBody/content/application~1json/schema/$ref").asText())
                    .endsWith("SignInRequest");
            assertThat(doc.at("/paths/~1api~1users~1{username}/patch/x-access").asText()).isEqualTo("admin");
            assertThat(doc.at("/components/schemas/AuthRoutes.SignInRequest/properties/username/type").asText())
                    .isEqualTo("string");
            Http.Response page = http.get("/api-docs");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("swagger-ui-bundle.js").contains("/static/api-docs.js");
            assertThat(http.get("/static/api-docs.js").body()).contains("/openapi.json");
            assertThat(http.get("/webjars/swagger-ui/5.27.1/swagger-ui-bundle.js").status()).isEqualTo(200);
        }
    }
}
