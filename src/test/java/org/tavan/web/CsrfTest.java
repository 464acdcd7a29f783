package org.tavan.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another site's page making a signed-in officer's browser change something: through the API
 * (the cookie does not sign in API changes) and through a form (the post must show it comes
 * from one of Tavan's pages). Tavan's own pages keep working (the browser tests drive them).
 */
class CsrfTest {

    private static final String EVIL = "http://evil.example";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;
    static App app;
    static String site;
    static String cookie;
    static Http admin;

    @BeforeAll
    static void start() throws Exception {
        app = TestApps.start(dir);
        site = "http://127.0.0.1:" + app.httpPort();
        admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
        HttpResponse<String> login = send(form("/login", "username=admin&password=" + TestApps.ADMIN_PASSWORD)
                .header("Origin", site));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("tavan_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void json_sent_as_text_plain_from_another_site_with_the_cookie_creates_no_user() throws Exception {
        long before = auditRows();
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(site + "/api/users"))
                .header("Cookie", cookie).header("Origin", EVIL).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"intruder\",\"displayName\":\"x\",\"password\":\"intruder-pass\",\"roles\":[\"admin\"]}")));
        assertThat(r.statusCode()).isIn(401, 403);
        assertThat(admin.get("/api/users/intruder").status()).isEqualTo(404);
        assertThat(auditRows()).isEqualTo(before);
    }

    @Test
    void the_cookie_does_not_sign_in_an_api_change_even_from_this_site() throws Exception {
        for (String origin : new String[] {null, site}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(site + "/api/settings/workshop.name"))
                    .header("Cookie", cookie).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"changed by cookie\"}"));
            if (origin != null) {
                request.header("Origin", origin);
            }
            HttpResponse<String> r = send(request);
            assertThat(r.statusCode()).as("Origin " + origin).isEqualTo(401);
            assertThat(r.body()).contains("Authorization: Bearer");
        }
        assertThat(admin.get("/api/settings").body()).doesNotContain("changed by cookie");
        // Reads keep the cookie: the live test screen polls the API with it.
        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(site + "/api/session")).header("Cookie", cookie).GET());
        assertThat(read.statusCode()).isEqualTo(200);
    }

    @Test
    void an_api_change_from_another_site_s_page_is_refused_even_with_a_token() throws Exception {
        for (String origin : new String[] {EVIL, "null"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(site + "/api/settings/workshop.name"))
                    .header("Authorization", "Bearer " + admin.token()).header("Origin", origin)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"changed from elsewhere\"}")));
            assertThat(r.statusCode()).as(origin).isEqualTo(403);
        }
        Http.Response plain = admin.postRaw("/api/users", "text/plain", "{\"username\":\"x\"}");
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.json().get("code").asText()).isEqualTo("unsupported_media_type");
        assertThat(plain.json().get("error").asText()).contains("text/plain").contains("application/json");
        assertThat(admin.get("/api/settings").body()).doesNotContain("changed from elsewhere");
    }

    @Test
    void a_form_post_without_a_matching_origin_or_referer_is_refused() throws Exception {
        String body = "organisation.name=" + java.net.URLEncoder.encode("Forged", StandardCharsets.UTF_8);
        Map<String, HttpRequest.Builder> forged = Map.of(
                "a foreign Origin", form("/admin/settings", body).header("Origin", EVIL),
                "Origin null", form("/admin/settings", body).header("Origin", "null"),
                "only a foreign Referer", form("/admin/settings", body).header("Referer", EVIL + "/page"),
                "no Origin and no Referer", form("/admin/settings", body));
        long before = auditRows();
        for (Map.Entry<String, HttpRequest.Builder> attempt : forged.entrySet()) {
            HttpResponse<String> r = send(attempt.getValue().header("Cookie", cookie));
            assertThat(r.statusCode()).as(attempt.getKey()).isEqualTo(403);
            assertThat(r.body()).as(attempt.getKey()).containsAnyOf("another site", "Origin");
        }
        assertThat(auditRows()).isEqualTo(before);
        assertThat(admin.get("/api/settings").body()).doesNotContain("Forged");

        // Signing in is a form too: another site must not sign a tablet in as someone else.
        HttpResponse<String> login = send(form("/login", "username=admin&password=" + TestApps.ADMIN_PASSWORD));
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("tavan_session="));
    }

    @Test
    void this_site_s_form_posts_are_taken_with_an_origin_or_only_a_referer() throws Exception {
        HttpResponse<String> byOrigin = send(form("/admin/settings", "organisation.name=ByOrigin")
                .header("Cookie", cookie).header("Origin", site));
        assertThat(byOrigin.statusCode()).as(byOrigin.body()).isEqualTo(302);
        HttpResponse<String> byReferer = send(form("/admin/settings", "organisation.name=ByReferer")
                .header("Cookie", cookie).header("Referer", site + "/admin/settings"));
        assertThat(byReferer.statusCode()).as(byReferer.body()).isEqualTo(302);
        assertThat(admin.get("/api/settings").json().get("organisation.name").asText()).isEqualTo("ByReferer");
    }

    private static HttpRequest.Builder form(String path, String body) {
        return HttpRequest.newBuilder(URI.create(site + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long auditRows() {
        return app.database().read(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
    }
}
