package org.tavan.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tavan.App;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a careless client or an attacker sends, to every route that changes something, taken from
 * the route table itself (so a new route is covered without writing a test): JSON null, {}, each
 * field of the documented body with a value of the wrong type, a null in each list, a NUL
 * character in each string, an invalid date in each date, a huge string, deep nesting, an
 * unknown field, the wrong content type, ids 0 and -1; and to every form post malformed
 * multipart, a NUL character and the wrong content type. None may answer 5xx, none may be
 * accepted (but {}, which a route without required fields may take), none may log a stack
 * trace, and none that is refused may change the audit log.
 */
class MalformedBodiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final int DEEP = 200;
    private static final Pattern DATE_NAME = Pattern.compile("(On|Date|Due|At)$|^date");

    @TempDir
    static Path dir;
    static App app;
    static Http admin;
    static JsonNode routes;
    static JsonNode openApi;
    static ListAppender<ILoggingEvent> log;
    static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        app = TestApps.start(dir);
        admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
        routes = admin.get("/api/routes").json();
        openApi = admin.get("/openapi.json").json();
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        app.close();
    }

    @Test
    void every_mutating_api_route_refuses_every_malformed_body_without_a_5xx_or_an_audit_row() {
        Findings findings = new Findings();
        int routesTried = 0;
        for (JsonNode route : routes) {
            String method = route.get("method").asText();
            String template = route.get("path").asText();
            if (!template.startsWith("/api/") || !List.of("POST", "PUT", "PATCH", "DELETE").contains(method)) {
                continue;
            }
            // {} is a valid (empty) body for signing out, and would end the session this test uses.
            boolean signsOut = template.equals("/api/session") && method.equals("DELETE");
            routesTried++;
            String path = PATH_PARAM.matcher(template).replaceAll("1");
            JsonNode operation = openApi.at("/paths/" + pointer(template) + "/" + method.toLowerCase());
            JsonNode content = operation.at("/requestBody/content");
            boolean json = content.has("application/json");
            boolean other = !json && content.size() > 0;

            findings.refused(method, path, "JSON null", send(method, path, "application/json", "null"));
            if (!signsOut) {
                findings.notBroken(method, path, "{}", send(method, path, "application/json", "{}"));
            }
            findings.refused(method, path, "an unknown field",
                    send(method, path, "application/json", "{\"noSuchField\": 1}"));
            findings.refused(method, path, "a NUL in an unknown field's name",
                    send(method, path, "application/json", "{\"a\\u0000b\": 1}"));
            findings.refused(method, path, "deep nesting",
                    send(method, path, "application/json", "{\"x\": " + "[".repeat(DEEP) + "]".repeat(DEEP) + "}"));
            if (json) {
                findings.refused(method, path, "JSON as text/plain", send(method, path, "text/plain", "{}"), 415);
                findings.refused(method, path, "a form", send(method, path, "application/x-www-form-urlencoded", "a=1"), 415);
                JsonNode schema = resolve(content.at("/application~1json/schema"));
                List<Mutation> mutations = new ArrayList<>();
                mutate(schema, body -> body, "", 0, mutations);
                boolean hugeSent = false;
                for (Mutation m : mutations) {
                    if (m.label().startsWith("huge") && hugeSent) {
                        continue;
                    }
                    hugeSent |= m.label().startsWith("huge");
                    findings.refused(method, path, m.label(), send(method, path, "application/json", m.body().toString()));
                }
            }
            if (other) {
                findings.refused(method, path, "JSON to a " + content.fieldNames().next() + " route",
                        send(method, path, "application/json", "{}"), 415);
            }
            Matcher ids = PATH_PARAM.matcher(template);
            while (ids.find()) {
                String name = ids.group(1);
                if (!name.equals("id") && !name.endsWith("Id")) {
                    continue;
                }
                for (String bad : List.of("0", "-1")) {
                    String withBad = template.replace("{" + name + "}", bad).replaceAll("\\{[^}]+}", "1");
                    findings.refused(method, withBad, name + " " + bad, send(method, withBad, "application/json", "{}"), 404);
                }
            }
        }
        assertThat(routesTried).as("mutating API routes tried").isGreaterThan(40);
        assertThat(findings.requests).as("requests sent").isGreaterThan(500);
        assertThat(findings.problems).as("malformed requests that got a 5xx, were accepted or changed the audit log")
                .isEmpty();
        assertThat(stackTraces()).as("stack traces logged").isEmpty();
    }

    @Test
    void every_form_post_refuses_malformed_multipart_nul_characters_and_the_wrong_content_type() {
        Findings findings = new Findings();
        int forms = 0;
        for (JsonNode route : routes) {
            String path = route.get("path").asText();
            if (path.startsWith("/api/") || !route.get("method").asText().equals("POST")) {
                continue;
            }
            forms++;
            String concrete = PATH_PARAM.matcher(path).replaceAll("1");
            for (Http.Response r : List.of(
                    send("POST", concrete, "multipart/form-data; boundary=XyZ",
                            "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno closing boundary"),
                    send("POST", concrete, "multipart/form-data", "no boundary at all"),
                    send("POST", concrete, "multipart/form-data; boundary=XyZ", "--XyZ\r\nno headers\r\n--XyZ--"))) {
                findings.refused("POST", concrete, "malformed multipart", r);
            }
            findings.refused("POST", concrete, "a NUL in a field",
                    send("POST", concrete, "application/x-www-form-urlencoded", "username=a%00b&note=a%00b&lang=a%00b"));
            findings.refused("POST", concrete, "JSON to a form", send("POST", concrete, "application/json", "{}"), 415);
        }
        // The anonymous sign-in form, as a browser of this site sends it (no token at all).
        for (String body : List.of("--XyZ\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nadmin", "garbage")) {
            Http.Response r = raw("POST", "/login", "multipart/form-data; boundary=XyZ", body, false);
            findings.refused("POST", "/login", "anonymous malformed multipart", r);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().at("/details/field").asText()).isEqualTo("body");
            assertThat(r.json().get("error").asText()).contains("multipart");
        }
        assertThat(forms).as("form posts tried").isGreaterThan(15);
        assertThat(findings.problems).as("malformed form posts that got a 5xx, were accepted or changed the audit log")
                .isEmpty();
        assertThat(stackTraces()).as("stack traces logged").isEmpty();
    }

    @Test
    void a_json_null_body_is_a_400_naming_the_body() {
        Http.Response user = admin.post("/api/users", "null");
        assertThat(user.status()).isEqualTo(400);
        assertThat(user.json().get("error").asText()).contains("JSON null");
        assertThat(user.json().at("/details/field").asText()).isEqualTo("body");
    }

    @Test
    void a_null_list_element_and_a_coerced_scalar_are_400s_naming_the_field() {
        Http.Response models = admin.post("/api/catalog/import", "{\"models\":[null]}");
        assertThat(models.status()).as(models.body()).isEqualTo(400);
        assertThat(models.json().at("/details/field").asText()).isEqualTo("models[0]");

        Http.Response active = admin.patch("/api/users/admin", Map.of("active", 2));
        assertThat(active.status()).as(active.body()).isEqualTo(400);
        assertThat(active.json().at("/details/field").asText()).isEqualTo("active");
        assertThat(admin.get("/api/users/admin").json().get("active").asBoolean()).as("nothing changed").isTrue();
    }

    @Test
    void a_nul_character_is_a_400_naming_the_field_and_nothing_is_stored() {
        Http.Response setting = admin.put("/api/settings/workshop.name", Map.of("value", "Karaj\u0000"));
        assertThat(setting.status()).as(setting.body()).isEqualTo(400);
        assertThat(setting.json().at("/details/field").asText()).isEqualTo("value");
        assertThat(setting.json().get("error").asText()).contains("NUL");

        Http.Response nested = admin.post("/api/catalog/import",
                "{\"models\":[{\"code\":\"W\\u0000\"}]}");
        assertThat(nested.status()).as(nested.body()).isEqualTo(400);
        assertThat(nested.json().at("/details/field").asText()).isEqualTo("models[0].code");

        Http.Response form = admin.postRaw("/admin/settings", "application/x-www-form-urlencoded",
                "organisation.name=Welfare%00");
        assertThat(form.status()).as(form.body()).isEqualTo(400);
        assertThat(form.json().at("/details/field").asText()).isEqualTo("organisation.name");
        assertThat(admin.get("/api/settings").body()).doesNotContain("\\u0000");
    }

    @Test
    void huge_strings_deep_nesting_and_invalid_dates_are_400s_that_say_so() {
        Http.Response huge = admin.put("/api/settings/workshop.name", Map.of("value", "x".repeat(200_000)));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().get("error").asText()).contains("longer than 100000");

        // specs is free-form, so the nesting is read until the limit stops it.
        Http.Response deep = admin.post("/api/catalog/models/WCM/variants",
                "{\"code\":\"V\",\"specs\":{\"a\":" + "[".repeat(DEEP) + "]".repeat(DEEP) + "}}");
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.json().get("error").asText()).contains("nested more than 64");

        Http.Response date = admin.post("/api/beneficiaries/1/assessments", Map.of("assessedOn", "2026-02-30"));
        assertThat(date.status()).as(date.body()).isIn(400, 404);
        // Request bodies carry dates as text, checked by the use case with the other fields.
        Http.Response person = admin.post("/api/beneficiaries", Map.of("birthDate", "1990-13-01"));
        assertThat(person.status()).as(person.body()).isEqualTo(400);
        assertThat(person.body()).contains("birthDate");
    }

    @Test
    void a_route_that_reads_no_body_refuses_fields_and_ids_0_and_minus_1_name_nothing() {
        Http.Response fields = admin.post("/api/allocation/runs", Map.of("dryRun", true));
        assertThat(fields.status()).isEqualTo(400);
        assertThat(fields.json().at("/details/field").asText()).isEqualTo("dryRun");
        assertThat(fields.json().get("error").asText()).contains("takes no body");

        for (String id : List.of("0", "-1")) {
            Http.Response r = admin.post("/api/beneficiaries/" + id + "/assessments", Map.of());
            assertThat(r.status()).as(id).isEqualTo(404);
            assertThat(r.json().get("code").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void a_csv_file_that_is_not_utf_8_is_a_400_naming_line_and_column() {
        byte[] latin1 = ("national_id,full_name\n0012345678,Ali\n0023456789,Jos\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        Http.Response r = rawBytes("/api/beneficiaries/import", "text/csv", latin1);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode error = r.json().at("/details/errors/0");
        assertThat(error.get("line").asInt()).isEqualTo(3);
        assertThat(error.get("column").asText()).isEqualTo("full_name");
        assertThat(error.get("message").asText()).contains("not UTF-8");

        Http.Response nul = admin.postRaw("/api/beneficiaries/import", "text/csv", "national_id,full_name\n00\u0000,Ali\n");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.json().at("/details/errors/0/line").asInt()).isEqualTo(2);
        assertThat(nul.json().at("/details/errors/0/column").asText()).isEqualTo("national_id");
    }

    // ---- the malformed bodies made from a route's documented schema ----

    private record Mutation(String label, JsonNode body) {
    }

    @FunctionalInterface
    private interface Wrap {
        JsonNode around(JsonNode inner);
    }

    /** One body per field and malformed value, each field reached through its objects and lists. */
    private static void mutate(JsonNode schema, Wrap wrap, String at, int depth, List<Mutation> out) {
        if (depth > 3 || out.size() > 200) {
            return;
        }
        JsonNode properties = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            String name = property.getKey();
            String where = at.isEmpty() ? name : at + "." + name;
            JsonNode field = resolve(property.getValue());
            Wrap inObject = value -> wrap.around(NODES.objectNode().set(name, value));
            String type = field.path("type").asText("object");
            switch (type) {
                case "string" -> {
                    out.add(new Mutation("a number for string " + where, inObject.around(NODES.numberNode(12345))));
                    out.add(new Mutation("a NUL in " + where, inObject.around(NODES.textNode("a\u0000b"))));
                    out.add(new Mutation("huge " + where, inObject.around(NODES.textNode("x".repeat(150_000)))));
                    if (field.has("format") || DATE_NAME.matcher(name).find()) {
                        out.add(new Mutation("an invalid date in " + where, inObject.around(NODES.textNode("2026-13-45"))));
                    }
                    if (field.has("enum")) {
                        out.add(new Mutation("an unknown value of " + where, inObject.around(NODES.textNode("no-such-value"))));
                    }
                }
                case "integer", "number" -> {
                    out.add(new Mutation("text for number " + where, inObject.around(NODES.textNode("3"))));
                    out.add(new Mutation("a yes/no for number " + where, inObject.around(NODES.booleanNode(true))));
                }
                case "boolean" -> out.add(new Mutation("2 for yes/no " + where, inObject.around(NODES.numberNode(2))));
                case "array" -> {
                    out.add(new Mutation("text for list " + where, inObject.around(NODES.textNode("x"))));
                    ArrayNode nulls = NODES.arrayNode().addNull();
                    out.add(new Mutation("a null in list " + where, inObject.around(nulls)));
                    JsonNode items = resolve(field.path("items"));
                    Wrap inList = value -> inObject.around(NODES.arrayNode().add(value));
                    if (items.has("properties")) {
                        mutate(items, inList, where + "[0]", depth + 1, out);
                    } else if (items.path("type").asText().equals("string")) {
                        out.add(new Mutation("a NUL in list " + where, inList.around(NODES.textNode("a\u0000b"))));
                    }
                }
                default -> {
                    out.add(new Mutation("a list for object " + where, inObject.around(NODES.arrayNode().add(1))));
                    if (field.has("properties")) {
                        mutate(field, inObject, where, depth + 1, out);
                    } else {
                        ObjectNode free = NODES.objectNode();
                        free.set("a\u0000", NODES.numberNode(1));
                        out.add(new Mutation("a NUL in a key of " + where, inObject.around(free)));
                        out.add(new Mutation("deep nesting in " + where, inObject.around(deepArray())));
                    }
                }
            }
        }
    }

    private static JsonNode deepArray() {
        try {
            return JSON.readTree("{\"k\":" + "[".repeat(DEEP) + "]".repeat(DEEP) + "}");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : openApi.at(ref.substring(1));
    }

    private static String pointer(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    // ---- sending and judging ----

    /** Collects what went wrong instead of stopping at the first, so one run shows every route. */
    private static final class Findings {
        final List<String> problems = new ArrayList<>();
        int requests;

        void refused(String method, String path, String what, Http.Response r) {
            refused(method, path, what, r, 0);
        }

        void refused(String method, String path, String what, Http.Response r, int expected) {
            requests++;
            if (r.status() >= 500 || r.status() < 400 || expected != 0 && r.status() != expected) {
                problems.add(method + " " + path + " with " + what + " -> " + r.status() + " "
                        + abbreviated(r.body()));
            }
            auditUnchanged(method, path, what, r);
        }

        void notBroken(String method, String path, String what, Http.Response r) {
            requests++;
            if (r.status() >= 500) {
                problems.add(method + " " + path + " with " + what + " -> " + r.status() + " " + abbreviated(r.body()));
            }
            auditUnchanged(method, path, what, r);
        }

        private void auditUnchanged(String method, String path, String what, Http.Response r) {
            if (r.status() >= 400 && lastAuditBefore != lastAuditAfter) {
                problems.add(method + " " + path + " with " + what + " -> " + r.status()
                        + " but the audit log grew by " + (lastAuditAfter - lastAuditBefore));
            }
        }
    }

    private static long lastAuditBefore;
    private static long lastAuditAfter;

    private static Http.Response send(String method, String path, String contentType, String body) {
        return raw(method, path, contentType, body, true);
    }

    private static Http.Response raw(String method, String path, String contentType, String body, boolean signedIn) {
        return exchange(method, path, contentType, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), signedIn);
    }

    private static Http.Response rawBytes(String path, String contentType, byte[] body) {
        return exchange("POST", path, contentType, HttpRequest.BodyPublishers.ofByteArray(body), true);
    }

    private static Http.Response exchange(String method, String path, String contentType,
                                          HttpRequest.BodyPublisher body, boolean signedIn) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType).method(method, body);
        if (signedIn) {
            request.header("Authorization", "Bearer " + admin.token());
        } else {
            request.header("Origin", "http://127.0.0.1:" + app.httpPort());
        }
        lastAuditBefore = auditRows();
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            lastAuditAfter = auditRows();
            return new Http.Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static long auditRows() {
        return app.database().read(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
    }

    private static List<String> stackTraces() {
        return log.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getThrowableProxy() != null)
                .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
                .toList();
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
