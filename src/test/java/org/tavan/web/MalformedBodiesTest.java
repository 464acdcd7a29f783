package org.tavan.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bodies a careless client sends: JSON null to every mutating route, a null inside a list,
 * a number where a yes/no belongs. Each is a 400 naming what is wrong, never a 500.
 */
class MalformedBodiesTest {

    @TempDir
    Path dir;

    @Test
    void a_json_null_body_is_never_a_500_on_any_mutating_route() {
        everyMutatingRouteAnswers("null");
    }

    @Test
    void an_empty_object_is_never_a_500_on_any_mutating_route() {
        everyMutatingRouteAnswers("{}");
    }

    private void everyMutatingRouteAnswers(String body) {
        try (App app = TestApps.start(dir)) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            List<String> failures = new ArrayList<>();
            int tried = 0;
            for (JsonNode route : admin.get("/api/routes").json()) {
                String method = route.get("method").asText();
                String path = route.get("path").asText().replaceAll("\\{[^}]+}", "1");
                if (!path.startsWith("/api/") || !List.of("POST", "PUT", "PATCH").contains(method)) {
                    continue;
                }
                tried++;
                Http.Response r = switch (method) {
                    case "POST" -> admin.post(path, body);
                    case "PUT" -> admin.put(path, body);
                    default -> admin.patch(path, body);
                };
                if (r.status() >= 500) {
                    failures.add(method + " " + path + " -> " + r.status() + " " + r.body());
                }
            }
            assertThat(tried).as("mutating API routes tried").isGreaterThan(40);
            assertThat(failures).as("routes that answered " + body + " with a 5xx").isEmpty();
            if (!body.equals("null")) {
                return;
            }
            Http.Response user = admin.post("/api/users", "null");
            assertThat(user.status()).isEqualTo(400);
            assertThat(user.json().get("error").asText()).contains("JSON null");
            assertThat(user.json().at("/details/field").asText()).isEqualTo("body");
        }
    }

    @Test
    void a_null_list_element_and_a_coerced_scalar_are_400s_naming_the_field() {
        try (App app = TestApps.start(dir)) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            Http.Response models = admin.post("/api/catalog/import", "{\"models\":[null]}");
            assertThat(models.status()).as(models.body()).isEqualTo(400);
            assertThat(models.json().at("/details/field").asText()).isEqualTo("models[0]");

            Http.Response active = admin.patch("/api/users/admin", Map.of("active", 2));
            assertThat(active.status()).as(active.body()).isEqualTo(400);
            assertThat(active.json().at("/details/field").asText()).isEqualTo("active");
            assertThat(admin.get("/api/users/admin").json().get("active").asBoolean()).as("nothing changed").isTrue();
        }
    }
}
