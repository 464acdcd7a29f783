package org.tavan.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error class over real HTTP, each with the same JSON shape and a request id. */
class ErrorResponsesTest {

    @TempDir
    static Path dir;
    static App app;
    static Http admin;
    static Http floor;

    @BeforeAll
    static void start() {
        app = TestApps.start(dir);
        admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
        admin.post("/api/users", Map.of("username", "floor1", "displayName", "Floor One",
                "password", "floor-password", "roles", List.of("floor")));
        floor = new Http(app.httpPort()).signIn("floor1", "floor-password");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void assertErrorShape(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode body = r.json();
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.has("details")).isTrue();
        assertThat(body.get("requestId").asText()).isNotBlank().isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void malformed_json_is_a_400_that_says_where() {
        Http.Response r = admin.postRaw("/api/users", "application/json", "{\"username\": \"x\",");
        assertErrorShape(r, 400, "invalid_json");
        assertThat(r.json().get("error").asText()).contains("Malformed JSON");
    }

    @Test
    void empty_body_is_a_400() {
        assertErrorShape(admin.postRaw("/api/users", "application/json", ""), 400, "invalid_json");
    }

    @Test
    void unknown_field_is_a_400_naming_the_field() {
        Http.Response r = admin.post("/api/users", Map.of("username", "newuser", "nickname", "x"));
        assertErrorShape(r, 400, "invalid_json");
        assertThat(r.json().at("/details/field").asText()).isEqualTo("nickname");
    }

    @Test
    void field_of_the_wrong_type_is_a_400_naming_the_field() {
        Http.Response r = admin.post("/api/users", Map.of("username", "newuser", "roles", Map.of("a", 1)));
        assertErrorShape(r, 400, "invalid_json");
        assertThat(r.json().at("/details/field").asText()).isEqualTo("roles");
    }

    @Test
    void invalid_field_value_is_a_400_naming_the_field_and_changes_nothing() {
        int before = admin.get("/api/users").json().size();
        Http.Response r = admin.post("/api/users", Map.of("username", "Bad Name", "displayName", "x",
                "password", "long-enough", "roles", List.of("floor")));
        assertErrorShape(r, 400, "invalid_input");
        assertThat(r.json().at("/details/field").asText()).isEqualTo("username");
        assertThat(admin.get("/api/users").json().size()).isEqualTo(before);
    }

    @Test
    void unknown_role_is_a_400() {
        Http.Response r = admin.post("/api/users", Map.of("username", "newuser", "displayName", "x",
                "password", "long-enough", "roles", List.of("superuser")));
        assertErrorShape(r, 400, "invalid_input");
        assertThat(r.json().at("/details/field").asText()).isEqualTo("roles");
    }

    @Test
    void bad_query_parameter_is_a_400() {
        assertErrorShape(admin.get("/api/audit?limit=lots"), 400, "invalid_input");
        assertErrorShape(admin.get("/api/audit?limit=0"), 400, "invalid_input");
    }

    @Test
    void missing_or_unknown_token_is_a_401() {
        assertErrorShape(new Http(app.httpPort()).get("/api/users"), 401, "not_signed_in");
        assertErrorShape(new Http(app.httpPort()).withToken("forged-token").get("/api/users"), 401, "not_signed_in");
    }

    @Test
    void a_role_that_is_not_allowed_gets_a_403_naming_the_allowed_roles() {
        Http.Response r = floor.get("/api/users");
        assertErrorShape(r, 403, "forbidden");
        assertThat(r.json().get("error").asText()).contains("admin");
    }

    @Test
    void unknown_resource_and_unknown_path_are_404() {
        assertErrorShape(admin.get("/api/users/nobody"), 404, "not_found");
        assertErrorShape(admin.get("/api/no-such-thing"), 404, "not_found");
        assertErrorShape(admin.put("/api/settings/no.such.setting", Map.of("value", "x")), 404, "not_found");
    }

    @Test
    void state_conflict_is_a_409_and_changes_nothing() {
        admin.post("/api/users", Map.of("username", "dupe", "displayName", "First",
                "password", "long-enough", "roles", List.of("quality")));
        Http.Response r = admin.post("/api/users", Map.of("username", "dupe", "displayName", "Second",
                "password", "long-enough", "roles", List.of("floor")));
        assertErrorShape(r, 409, "username_taken");
        assertThat(admin.get("/api/users/dupe").json().get("displayName").asText()).isEqualTo("First");
    }

    @Test
    void deactivating_the_last_admin_is_a_409() {
        assertErrorShape(admin.patch("/api/users/admin", Map.of("active", false)), 409, "last_admin");
    }

    @Test
    void wrong_method_is_a_405() {
        assertErrorShape(admin.delete("/api/users"), 405, "method_not_allowed");
    }

    @Test
    void a_client_request_id_is_kept_in_the_error() {
        Http.Response r = new Http(app.httpPort()).get("/api/users");
        assertThat(r.json().get("requestId").asText()).isNotBlank();
    }
}
