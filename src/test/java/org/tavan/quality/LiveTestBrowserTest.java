package org.tavan.quality;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;
import org.tavan.config.TavanConfig;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.telemetry.ingest.RigPublisher;
import org.tavan.telemetry.ingest.TestProfiles;
import org.tavan.testing.Browser;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tavan.quality.ProductionToReleaseApiTest.expect;

/**
 * A technician on a tablet (portrait, Persian) watches a registered rig's run: readings published
 * over the embedded broker move the chart and fill the table without a reload, the open session's
 * outcome appears, and the registry page counts the frames.
 */
class LiveTestBrowserTest {

    @TempDir
    Path dir;

    @Test
    void a_technician_sees_new_readings_move_the_chart_and_the_registry_counts_them() throws Exception {
        try (App app = new App(TestApps.config(dir)).withIngestProfiles(TestProfiles.all()).start()) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            expect(admin.post("/api/inventory/locations", Map.of("code", "WS-TEH", "name", "کارگاه", "kind", "workshop")), 201);
            expect(admin.postRaw("/api/catalog/import", "application/json", MqttRigVerdictTest.CATALOG), 201);
            long wo = expect(admin.post("/api/production/work-orders", Map.of("variantCode", "WCD-40", "quantity", 1,
                    "workshopCode", "WS-TEH", "dueDate", "2026-12-20")), 201).get("id").asLong();
            String serial = expect(admin.post("/api/production/work-orders/" + wo + "/release", Map.of()), 200)
                    .at("/serials/0").asText();
            Http.Response registered = admin.post("/api/rigs", Map.of("rigId", "drum-01", "profileId", TestProfiles.DRUM,
                    "workshop", "کارگاه مرکزی تهران", "station", "drum_test", "calibrationCertificate", "INSO-CAL-1405-07",
                    "calibrationDue", "2027-06-30"));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            String password = registered.json().get("mqttPassword").asText();
            expect(admin.post("/api/quality/sessions", Map.of("serial", serial, "rigId", "drum-01")), 201);
            app.users().create(new Users.NewUser("reza", "رضا کریمی", "reza-password", List.of("technician"), "fa"),
                    Actor.system("test"));

            app.users().create(new Users.NewUser("ali", "علی", "ali-password", List.of("floor"), "fa"), Actor.system("test"));
            assertThat(new Http(app.httpPort()).signIn("ali", "ali-password").get("/rigs").status()).isEqualTo(403);

            String broker = "tcp://127.0.0.1:" + app.embeddedBrokerPort().orElseThrow();
            try (Browser browser = Browser.start(app.httpPort());
                 RigPublisher rig = new RigPublisher(broker, "drum-01", "drum-01", password)) {
                browser.signIn("reza", "reza-password").visit("/tests/live/drum-01");
                assertThat(browser.attribute("html", "dir")).isEqualTo("rtl");
                assertThat(browser.text("[data-testid=session-unit]")).isEqualTo(serial);
                assertThat(browser.text("[data-testid=session-plan]")).isEqualTo("DRUM-QC v1");
                Eventually.until(Duration.ofSeconds(10),
                        () -> "true".equals(browser.attribute("#live", "data-connected")), () -> "stream not connected");
                browser.script("window.notReloaded = true;");

                for (int seq = 1; seq <= 12; seq++) {
                    rig.publish(TestProfiles.drumTopic("drum-01"), TestProfiles.drumFrame(seq, 1200 + 10 * seq, 1.0));
                }
                Eventually.until(Duration.ofSeconds(10), () -> browser.all("[data-testid=readings] tr").size() == 12,
                        () -> "rows: " + browser.all("[data-testid=readings] tr").size());
                assertThat(browser.script("return window.notReloaded === true;")).isEqualTo(true);
                assertThat(browser.attribute("[data-testid=readings] tr:first-child", "data-sequence")).isEqualTo("12");
                assertThat(browser.text("[data-testid=live-count]")).isEqualTo("۱۲");
                assertThat(browser.text("[data-testid=latest-force]")).isEqualTo("۱٬۳۲۰ N");
                String points = browser.attribute("polyline[data-series=force]", "points");
                assertThat(points.split(" ")).hasSize(12);
                assertThat(browser.all("polyline")).hasSize(2);
                assertThat(browser.text("[data-testid=rig-status]")).isEqualTo("برخط");
                Eventually.until(Duration.ofSeconds(10),
                        () -> browser.text("[data-testid=session-outcome]").equals("قبول"),
                        () -> "outcome: " + browser.text("[data-testid=session-outcome]"));
                assertThat(browser.all("[data-testid=outcomes] tr")).hasSize(2);
                browser.screenshot("rigs-live-portrait");
                assertThat(tooSmallTargets(browser)).isEmpty();

                // A corrupt frame and a jump from 12 to 15: one rejection (checksum) and two readings missing.
                rig.publish(TestProfiles.drumTopic("drum-01"), "S,13,1300.0,1.0*00");
                rig.publish(TestProfiles.drumTopic("drum-01"), TestProfiles.drumFrame(15, 1350, 1.0));
                Eventually.until(Duration.ofSeconds(10), () -> {
                    var r = admin.get("/api/rigs/drum-01").json();
                    return r.get("framesAccepted").asLong() == 13 && r.get("framesRejected").asLong() == 1;
                }, () -> admin.get("/api/rigs/drum-01").body());
                browser.visit("/rigs");
                assertThat(browser.text("h1")).isEqualTo("میزهای آزمون");
                String card = "[data-rig=drum-01] ";
                assertThat(browser.text(card + "[data-testid=rig-accepted]")).isEqualTo("۱۳");
                assertThat(browser.text(card + "[data-testid=rig-rejected]")).isEqualTo("۱");
                assertThat(browser.text(card + "[data-testid=rig-duplicates]")).isEqualTo("۰");
                assertThat(browser.text(card + "[data-testid=rig-missing]")).isEqualTo("۲");
                browser.press(card + "summary");
                assertThat(browser.text(card + "[data-testid=rejection-reason]")).isEqualTo("checksum");
                assertThat(browser.text(card + "[data-testid=rig-status]")).isEqualTo("برخط");
                assertThat(browser.text(card + "[data-testid=rig-calibration]")).contains("۱۴۰۶/۰۴/۰۹");
                browser.screenshot("rigs-list-portrait");
                assertThat(tooSmallTargets(browser)).isEmpty();

                browser.visit("/tests/live");
                assertThat(browser.all("[data-testid=live-choice]")).hasSize(1);
                assertThat(browser.text("[data-testid=live-choice]")).contains("drum-01").contains(serial);
                browser.visit("/tests/live/no-such-rig");
                assertThat(browser.text("[data-testid=live-error]")).contains("no-such-rig");
            }
        }
    }

    /**
     * The pill follows the rig without a reload: offline before any frame, online when a reading
     * arrives, offline again once no frame came within the heartbeat timeout (2 s here), as /rigs
     * says. And the home tile is called what the page it opens is called.
     */
    @Test
    void the_online_pill_turns_offline_when_the_rig_falls_silent_and_the_tile_names_the_page() throws Exception {
        TavanConfig config = TestApps.config(dir).withIngest(new TavanConfig.Ingest(Optional.empty(),
                Duration.ofSeconds(2), 0, List.of()));
        try (App app = new App(config).withIngestProfiles(TestProfiles.all()).start()) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            Http.Response registered = admin.post("/api/rigs", Map.of("rigId", "drum-02", "profileId", TestProfiles.DRUM,
                    "workshop", "کارگاه مرکزی تهران", "station", "drum_test", "calibrationDue", "2027-06-30"));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            String password = registered.json().get("mqttPassword").asText();
            app.users().create(new Users.NewUser("reza", "رضا کریمی", "reza-password", List.of("technician"), "fa"),
                    Actor.system("test"));
            String broker = "tcp://127.0.0.1:" + app.embeddedBrokerPort().orElseThrow();
            try (Browser browser = Browser.start(app.httpPort());
                 RigPublisher rig = new RigPublisher(broker, "drum-02", "drum-02", password)) {
                browser.signIn("reza", "reza-password").visit("/");
                String tile = browser.text("a.tile[data-path='/tests/live'] .tile-label");
                browser.visit("/tests/live");
                assertThat(tile).isEqualTo(browser.text("h1")).isEqualTo("آزمون زنده");

                browser.visit("/tests/live/drum-02");
                assertThat(browser.text("[data-testid=rig-status]")).isEqualTo("قطع");
                Eventually.until(Duration.ofSeconds(10),
                        () -> "true".equals(browser.attribute("#live", "data-connected")), () -> "stream not connected");
                browser.script("window.notReloaded = true;");
                // The page notes each change of the pill on its own clock, so what is measured is the page's
                // behaviour, not how soon this test, on a busy machine, happened to look.
                double sentAt = ((Number) browser.script("""
                        var pill = document.querySelector('[data-testid=rig-status]');
                        var shown = pill.textContent;
                        window.pillChanges = [];
                        new MutationObserver(function () {
                          if (pill.textContent !== shown) {
                            shown = pill.textContent;
                            window.pillChanges.push({ text: shown, at: performance.now() });
                          }
                        }).observe(pill, { childList: true, characterData: true, subtree: true });
                        return performance.now();""")).doubleValue();
                rig.publish(TestProfiles.drumTopic("drum-02"), TestProfiles.drumFrame(1, 1200, 1.0));
                Eventually.until(Duration.ofSeconds(20), () -> pillChanges(browser).size() >= 2,
                        () -> "pill changes: " + pillChanges(browser) + ", status: " + browser.text("[data-testid=rig-status]"));
                List<Map<String, Object>> changes = pillChanges(browser);
                assertThat(changes).extracting(c -> c.get("text")).containsExactly("برخط", "قطع");
                // The frame left after sentAt, so neither the page's timer nor the server can have seen it
                // earlier: offline may come no sooner than the 2 s timeout after sentAt (less 10 ms for the
                // millisecond rounding of the server's and the browser's clocks).
                double offlineAfter = ((Number) changes.get(1).get("at")).doubleValue() - sentAt;
                assertThat(offlineAfter).as("ms from sending the frame to the pill turning offline")
                        .isGreaterThanOrEqualTo(2_000 - 10);
                assertThat(browser.text("[data-testid=rig-status]")).isEqualTo("قطع");
                assertThat(browser.attribute("[data-testid=rig-status]", "class")).contains("status-offline");
                assertThat(browser.script("return window.notReloaded === true;")).isEqualTo(true);
                // The registry says the same.
                assertThat(admin.get("/api/rigs/drum-02").json().get("status").asText()).isEqualTo("offline");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> pillChanges(Browser browser) {
        return (List<Map<String, Object>>) browser.script("return window.pillChanges || [];");
    }

    /** Links, buttons and disclosures in the page's main part smaller than the 48 px touch target. */
    private static List<?> tooSmallTargets(Browser browser) {
        return (List<?>) browser.script("""
                return Array.from(document.querySelectorAll('main a, main button, main summary'))
                    .filter(e => { const r = e.getBoundingClientRect(); return r.height < 48 || r.width < 48; })
                    .map(e => e.outerHTML.slice(0, 80));""");
    }
}
