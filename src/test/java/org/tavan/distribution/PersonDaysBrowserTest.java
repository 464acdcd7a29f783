package org.tavan.distribution;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;
import org.tavan.testing.Browser;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Days on the person form are typed and shown in Solar Hijri in Persian (Persian or Latin digits)
 * and stored as ISO days; upright and sideways; then in English as ISO Gregorian days.
 */
class PersonDaysBrowserTest {

    static final String PASSWORD = "officer-password";

    @TempDir
    Path dir;

    @Test
    void an_officer_corrects_days_in_solar_hijri_and_sees_every_error_at_once() {
        try (App app = TestApps.start(dir)) {
            app.users().create(new Users.NewUser("officer", "علی رضایی", PASSWORD, List.of("distribution"), "fa"),
                    Actor.system("test"));
            Http api = new Http(app.httpPort()).signIn("officer", PASSWORD);
            String csv = OfficerScreensBrowserTest.CSV.lines().limit(2).reduce("", (a, b) -> a + b + "\n");
            assertThat(api.postRaw("/api/beneficiaries/import", "text/csv", csv).status()).isEqualTo(200);
            long id = api.get("/api/beneficiaries").json().findValues("id").get(0).asLong();
            try (Browser browser = Browser.start(app.httpPort())) {
                browser.signIn("officer", PASSWORD);
                for (Dimension size : List.of(Browser.PORTRAIT, Browser.LANDSCAPE)) {
                    browser.size(size).visit("/distribution/people/" + id + "/edit");
                    assertThat(browser.all("input[type=date]")).isEmpty();
                    assertThat(browser.attribute("[name=birthDate]", "value")).isEqualTo("۱۳۶۷/۰۱/۱۳");
                    assertThat(browser.attribute("[name=registeredOn]", "value")).isEqualTo("۱۴۰۳/۱۰/۲۱");
                    assertThat(browser.pageProblems()).as("tablet checks at " + size).isEmpty();
                    browser.screenshot("person-form-days-" + size.getWidth());
                }
                // Every mistake at once: a day Esfand 1404 does not have, a Gregorian day, no name.
                browser.fill("birthDate", "1404/12/30").fill("registeredOn", "2025-01-10").fill("fullName", " ");
                browser.click("[data-testid=save]");
                assertThat(browser.text("[data-testid=error-birthDate]")).isEqualTo("تاریخ تولد درست نیست.");
                assertThat(browser.text("[data-testid=error-registeredOn]")).isEqualTo("تاریخ ثبت‌نام درست نیست.");
                assertThat(browser.all("[data-testid=error-fullName]")).hasSize(1);
                assertThat(browser.attribute("[name=birthDate]", "value")).isEqualTo("1404/12/30");
                assertThat(browser.pageProblems()).isEmpty();

                // Latin digits in one field, Persian in the other: both read as Solar Hijri days.
                browser.fill("fullName", "زهرا حسینی").fill("birthDate", "1367/1/14").fill("registeredOn", "۱۴۰۳/۱۲/۳۰");
                browser.click("[data-testid=save]");
                assertThat(browser.path()).isEqualTo("/distribution/people/" + id + "?saved=1");
                assertThat(browser.text("[data-testid=birth-date]")).isEqualTo("۱۳۶۷/۰۱/۱۴");
                assertThat(browser.text("[data-testid=registered-on]")).isEqualTo("۱۴۰۳/۱۲/۳۰");
                JsonNode stored = api.get("/api/beneficiaries/" + id).json();
                assertThat(stored.at("/person/birthDate").asText()).isEqualTo("1988-04-03");
                assertThat(stored.at("/person/registeredOn").asText()).isEqualTo("2025-03-20");

                // In English the same days are ISO Gregorian, typed and shown.
                browser.click("[data-testid=language]");
                browser.visit("/distribution/people/" + id + "/edit");
                assertThat(browser.attribute("[name=birthDate]", "value")).isEqualTo("1988-04-03");
                browser.fill("birthDate", "1988-04-02");
                browser.click("[data-testid=save]");
                assertThat(api.get("/api/beneficiaries/" + id).json().at("/person/birthDate").asText()).isEqualTo("1988-04-02");
            }
        }
    }

}
