package org.tavan.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.testing.Browser;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;
import org.tavan.telemetry.ingest.Eventually;

import static org.assertj.core.api.Assertions.assertThat;

/** The security headers on each kind of answer, and pages that satisfy their own policy. */
class SecurityHeadersTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static App app;
    static Http admin;

    @BeforeAll
    static void start() {
        app = TestApps.start(dir);
        admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void html_pages_carry_the_headers_and_are_not_stored() throws Exception {
        HttpHeaders login = get("/login", "text/html").headers();
        common(login);
        assertThat(login.firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(login.firstValue("Cache-Control")).hasValue("no-store");
        HttpHeaders error = get("/no/such/page", "text/html").headers();
        common(error);
    }

    @Test
    void api_answers_and_api_errors_carry_the_headers_and_are_not_stored() {
        for (Http.Response r : List.of(admin.get("/api/session"), admin.get("/api/beneficiaries"),
                admin.get("/api/no/such/thing"), admin.post("/api/users", "{"))) {
            common(r.headers());
            assertThat(r.headers().firstValue("Cache-Control")).as(r.body()).hasValue("no-store");
        }
    }

    @Test
    void static_files_carry_the_headers() throws Exception {
        for (String path : List.of("/static/tavan.css", "/static/tavan.js", "/webjars/swagger-ui/5.27.1/swagger-ui.css")) {
            HttpResponse<String> r = get(path, "*/*");
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            common(r.headers());
        }
    }

    @Test
    void the_policy_allows_no_inline_script_and_an_inline_style_only_with_this_answer_s_nonce() throws Exception {
        String csp = get("/login", "text/html").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(directive(csp, "script-src")).isEqualTo("'self'");
        assertThat(directive(csp, "frame-ancestors")).isEqualTo("'none'");
        assertThat(directive(csp, "form-action")).isEqualTo("'self'");
        assertThat(directive(csp, "style-src")).startsWith("'self' 'nonce-").doesNotContain("unsafe");
        String other = get("/login", "text/html").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(directive(other, "style-src")).as("a nonce per answer").isNotEqualTo(directive(csp, "style-src"));
    }

    /** Every template: no inline script, no inline event handler, no style attribute (the policy would block them). */
    @Test
    void no_template_holds_what_the_policy_blocks() throws IOException {
        Pattern blocked = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+\\s*=|\\sstyle\\s*=|<style",
                Pattern.CASE_INSENSITIVE);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/web/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".peb")).toList()) {
                Matcher m = blocked.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(file + ": " + m.group());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void the_browsable_api_page_works_under_its_policy() {
        try (Browser browser = Browser.start(app.httpPort())) {
            browser.visit("/api-docs");
            Eventually.until(Duration.ofSeconds(20), () -> !browser.all(".opblock").isEmpty(),
                    () -> "Swagger UI listing no operations under the page's policy: " + browser.pageSource().length()
                            + " characters of page");
        }
    }

    private static void common(HttpHeaders headers) {
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v)
                .contains("default-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'"));
    }

    private static String directive(String csp, String name) {
        for (String part : csp.split(";")) {
            String p = part.strip();
            if (p.startsWith(name + " ")) {
                return p.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + csp);
    }

    private static HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
