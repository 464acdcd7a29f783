package org.tavan.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.config.TavanConfig;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS-terminating proxy named in http.trusted.proxies the session cookie is Secure and
 * sign-in throttling counts the client's address, not the proxy's; from any other peer the
 * forwarding headers change nothing.
 */
class TrustedProxiesTest {

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    private static TavanConfig behind(TavanConfig base, List<String> proxies) {
        return new TavanConfig(new TavanConfig.Http(base.http().host(), base.http().port(), proxies), base.dataDir(),
                base.db(), base.mqtt(), base.profilesDir(), base.adminPassword(), base.sessionLifetime(), base.uiLanguage(),
                base.ingest());
    }

    private HttpResponse<String> signIn(App app, String user, String password, String forwardedFor) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/api/session"))
                .header("Content-Type", "application/json").header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"));
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void through_a_trusted_proxy_the_cookie_is_secure_and_each_client_address_is_throttled_on_its_own() throws Exception {
        try (App app = new App(behind(TestApps.config(dir), List.of("127.0.0.1"))).start()) {
            HttpResponse<String> ok = signIn(app, "admin", TestApps.ADMIN_PASSWORD, "198.51.100.4");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
            assertThat(ok.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");

            for (int i = 1; i <= 5; i++) {
                assertThat(signIn(app, "nobody-" + i, "wrong-password", "203.0.113.7").statusCode()).isEqualTo(401);
            }
            HttpResponse<String> sixth = signIn(app, "nobody-6", "wrong-password", "203.0.113.7");
            assertThat(sixth.statusCode()).as("the sixth failure from one client address").isEqualTo(429);
            // A forged entry written by the client itself (left of the proxy's own) does not help.
            assertThat(signIn(app, "nobody-7", "wrong-password", "10.9.9.9, 203.0.113.7").statusCode()).isEqualTo(429);
            assertThat(signIn(app, "nobody-8", "wrong-password", "203.0.113.8").statusCode())
                    .as("another client behind the same proxy").isEqualTo(401);
        }
    }

    @Test
    void from_a_peer_that_is_not_a_trusted_proxy_the_forwarding_headers_change_nothing() throws Exception {
        try (App app = new App(TestApps.config(dir)).start()) {
            HttpResponse<String> ok = signIn(app, "admin", TestApps.ADMIN_PASSWORD, "198.51.100.4");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
            assertThat(ok.headers().firstValue("Set-Cookie").orElseThrow()).doesNotContain("Secure");
            for (int i = 1; i <= 5; i++) {
                assertThat(signIn(app, "nobody-" + i, "wrong-password", "203.0.113." + i).statusCode()).isEqualTo(401);
            }
            assertThat(signIn(app, "nobody-6", "wrong-password", "203.0.113.6").statusCode())
                    .as("every request came from 127.0.0.1, whatever X-Forwarded-For says").isEqualTo(429);
        }
    }

    @Test
    void the_client_is_the_nearest_address_that_is_not_a_trusted_proxy() {
        TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.5", "10.0.0.6"));
        assertThat(proxies.client("10.0.0.5", "198.51.100.4")).isEqualTo("198.51.100.4");
        assertThat(proxies.client("10.0.0.5", "1.2.3.4, 198.51.100.4, 10.0.0.6")).isEqualTo("198.51.100.4");
        assertThat(proxies.client("192.0.2.1", "198.51.100.4")).isEqualTo("192.0.2.1");
        assertThat(proxies.client("10.0.0.5", null)).isEqualTo("10.0.0.5");
        assertThat(proxies.https("http", "10.0.0.5", "https")).isTrue();
        assertThat(proxies.https("http", "10.0.0.5", "http, https")).isFalse();
        assertThat(proxies.https("http", "192.0.2.1", "https")).isFalse();
        assertThat(proxies.https("https", "192.0.2.1", null)).isTrue();
    }
}
