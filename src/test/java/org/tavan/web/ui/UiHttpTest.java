package org.tavan.web.ui;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;
import org.tavan.config.TavanConfig;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;
import org.tavan.testing.HandClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The UI shell over plain HTTP: redirects, error pages versus JSON, form safety, session expiry. */
class UiHttpTest {

    @TempDir
    static Path dir;
    static HandClock clock = new HandClock(Instant.parse("2026-11-25T07:00:00Z"));
    static App app;

    @BeforeAll
    static void start() {
        app = new App(TestApps.config(dir), clock).start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void the_stylesheet_and_script_are_served_from_the_jar() throws Exception {
        HttpResponse<String> css = browser().get("/static/tavan.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/css"));
        assertThat(css.body()).contains("--target: 56px");
        assertThat(browser().get("/static/tavan.js").statusCode()).isEqualTo(200);
    }

    @Test
    void a_page_without_a_session_sends_the_browser_to_sign_in() throws Exception {
        HttpResponse<String> r = browser().get("/admin/users");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("/login?next=%2Fadmin%2Fusers");
    }

    @Test
    void the_sign_in_page_is_persian_right_to_left_by_default_and_english_with_the_cookie() throws Exception {
        Client client = browser();
        HttpResponse<String> fa = client.get("/login");
        assertThat(fa.statusCode()).isEqualTo(200);
        assertThat(fa.body()).contains("<html lang=\"fa\" dir=\"rtl\">").contains("نام کاربری");
        // No organisation name set yet: the header names the product in the page's language.
        assertThat(fa.body()).contains("<a class=\"org\" href=\"/\">توان</a>").doesNotContain(">Tavan<");
        HttpResponse<String> switched = client.post("/language", Map.of("lang", "en", "next", "/login"));
        assertThat(switched.statusCode()).isEqualTo(302);
        HttpResponse<String> en = client.get("/login");
        assertThat(en.body()).contains("<html lang=\"en\" dir=\"ltr\">").contains("User name")
                .contains("<a class=\"org\" href=\"/\">Tavan</a>");
    }

    @Test
    void the_configured_language_is_the_default_for_people_who_have_not_chosen(@TempDir Path own) throws Exception {
        TavanConfig c = TestApps.config(own);
        TavanConfig english = new TavanConfig(c.http(), c.dataDir(), c.db(), c.mqtt(), c.profilesDir(), c.adminPassword(),
                c.sessionLifetime(), "en");
        try (App other = new App(english).start()) {
            HttpResponse<String> login = new Client(other.httpPort()).get("/login");
            assertThat(login.body()).contains("<html lang=\"en\" dir=\"ltr\">").contains("Sign in");
        }
    }

    @Test
    void signing_in_with_the_form_sets_an_http_only_lax_session_cookie_and_goes_to_next() throws Exception {
        Client client = browser();
        HttpResponse<String> r = client.post("/login",
                Map.of("username", "admin", "password", TestApps.ADMIN_PASSWORD, "next", "/admin/users"));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("/admin/users");
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("tavan_session="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/");
        assertThat(client.get("/admin/users").statusCode()).isEqualTo(200);
    }

    @Test
    void next_may_only_be_a_path_of_this_site() throws Exception {
        HttpResponse<String> r = browser().post("/login",
                Map.of("username", "admin", "password", TestApps.ADMIN_PASSWORD, "next", "//evil.example/x"));
        assertThat(r.headers().firstValue("Location")).hasValue("/");
        assertThat(UiRoutes.safeNext("https://evil.example")).isEqualTo("/");
        assertThat(UiRoutes.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(UiRoutes.safeNext("/audit?entityType=user")).isEqualTo("/audit?entityType=user");
    }

    @Test
    void a_wrong_password_shows_the_sign_in_page_again_with_a_translated_message() throws Exception {
        HttpResponse<String> r = browser().post("/login", Map.of("username", "admin", "password", "wrong-password"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(r.body()).contains("نام کاربری یا گذرواژه درست نیست").contains("value=\"admin\"");
    }

    @Test
    void repeated_wrong_passwords_are_slowed_down_with_a_translated_message(@TempDir Path own) throws Exception {
        // Its own app: the throttle counts per address, and would slow down the other tests' sign-ins.
        try (App throttled = TestApps.start(own)) {
            Client client = new Client(throttled.httpPort());
            HttpResponse<String> r = null;
            for (int i = 0; i < 7 && (r == null || r.statusCode() != 429); i++) {
                r = client.post("/login", Map.of("username", "admin", "password", "wrong-password"));
            }
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.body()).contains("تلاش‌های ناموفق زیاد بود");
        }
    }

    @Test
    void a_form_posted_from_another_site_is_refused() throws Exception {
        Client client = browser();
        HttpResponse<String> r = client.send(client.form("/login",
                        Map.of("username", "admin", "password", TestApps.ADMIN_PASSWORD))
                .setHeader("Origin", "http://evil.example").header("Accept", "text/html").build());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("tavan_session="));
    }

    @Test
    void browsers_get_html_error_pages_and_api_clients_keep_json() throws Exception {
        Client client = browser();
        HttpResponse<String> page = client.get("/no/such/page");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("<html").contains("صفحه پیدا نشد");

        HttpResponse<String> api = client.get("/api/no/such/thing");
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(api.body()).contains("\"code\":\"not_found\"");

        Http.Response plain = new Http(app.httpPort()).get("/no/such/page");
        assertThat(plain.status()).isEqualTo(404);
        assertThat(plain.json().get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void a_tile_whose_screen_is_not_built_yet_says_so_instead_of_a_bare_404() throws Exception {
        Client client = signedIn("admin", TestApps.ADMIN_PASSWORD);
        // The quality yield screen is not built yet (the shipments screen, the earlier example, now is).
        HttpResponse<String> r = client.get(HomeTiles.YIELD);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("این صفحه هنوز آماده نیست");
        HttpResponse<String> unit = client.get(HomeTiles.YIELD + "/17");
        assertThat(unit.body()).contains("این صفحه هنوز آماده نیست");
        HttpResponse<String> underBuiltScreen = client.get(HomeTiles.USERS + "/nobody/else/here");
        assertThat(underBuiltScreen.body()).contains("صفحه پیدا نشد");
    }

    @Test
    void a_user_with_several_roles_sees_the_tiles_of_each_and_no_others() throws Exception {
        app.users().create(new Users.NewUser("ali.rezaei", "علی رضایی", "several-roles", List.of("technician", "distribution"),
                "fa"), Actor.system("test"));
        String home = signedIn("ali.rezaei", "several-roles").get("/").body();
        assertThat(home).contains("data-path=\"" + HomeTiles.RIGS + "\"", "data-path=\"" + HomeTiles.LIVE_TESTS + "\"",
                "data-path=\"" + HomeTiles.WAITING_LIST + "\"", "data-path=\"" + HomeTiles.SHIPMENTS + "\"");
        assertThat(home).doesNotContain("data-path=\"" + HomeTiles.USERS + "\"", "data-path=\"" + HomeTiles.TEST_PLANS + "\"",
                "id=\"serial\"");
    }

    @Test
    void a_ui_session_ends_when_its_lifetime_is_over() throws Exception {
        Client client = signedIn("admin", TestApps.ADMIN_PASSWORD);
        assertThat(client.get("/").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(12).plusMinutes(1));
        try {
            HttpResponse<String> r = client.get("/");
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).startsWith("/login"));
        } finally {
            clock.advance(Duration.ofHours(-12).minusMinutes(1));
        }
    }

    @Test
    void signing_out_ends_the_session_on_the_server() throws Exception {
        Client client = signedIn("admin", TestApps.ADMIN_PASSWORD);
        String token = client.cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("tavan_session")).findFirst().orElseThrow().getValue();
        HttpResponse<String> out = client.post("/logout", Map.of());
        assertThat(out.headers().firstValue("Location")).hasValue("/login");
        assertThat(new Http(app.httpPort()).withToken(token).get("/api/session").status()).isEqualTo(401);
    }

    @Test
    void the_scan_box_goes_to_the_unit_s_screen() throws Exception {
        Client client = signedIn("admin", TestApps.ADMIN_PASSWORD);
        HttpResponse<String> r = client.get("/floor/scan?serial=" + URLEncoder.encode(" WC-1405 0001 ", StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/floor/units/WC-1405%200001");
    }

    private Client signedIn(String username, String password) throws Exception {
        Client client = browser();
        HttpResponse<String> r = client.post("/login", Map.of("username", username, "password", password));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
        return client;
    }

    private static Client browser() {
        return new Client(app.httpPort());
    }

    /** A cookie-keeping client that asks for HTML like a browser and does not follow redirects. */
    static final class Client {
        final CookieManager cookies = new CookieManager();
        final HttpClient http;
        final String base;

        Client(int port) {
            http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
            base = "http://127.0.0.1:" + port;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
            return send(form(path, form).header("Accept", "text/html").build());
        }

        HttpRequest.Builder form(String path, Map<String, String> form) {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            // Origin as every supported browser sends it with a form post (see WebServer's form check).
            return HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }

        HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }
}
