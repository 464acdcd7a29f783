package org.tavan.rigs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;
import org.tavan.testing.Browser;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;
import org.tavan.web.ui.DayEntry;
import org.tavan.web.ui.Language;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A technician registers a test rig on the tablet, reads its MQTT password once, edits its
 * calibration with a Solar Hijri due day and rotates the password, through the UI only
 * (the API is read afterwards to check what was stored); Persian upright and sideways, then English.
 */
class RigScreensBrowserTest {

    static final String PASSWORD = "technician-password";

    @TempDir
    Path dir;

    @Test
    void a_technician_registers_a_rig_sees_its_password_once_edits_calibration_and_rotates_it() {
        try (App app = TestApps.start(dir)) {
            app.users().create(new Users.NewUser("tech", "رضا کریمی", PASSWORD, List.of("technician"), "fa"),
                    Actor.system("test"));
            Http api = new Http(app.httpPort()).signIn("tech", PASSWORD);
            try (Browser browser = Browser.start(app.httpPort())) {
                browser.signIn("tech", PASSWORD);
                browser.click("a.tile[data-path='/rigs']");
                assertThat(browser.text("h1")).isEqualTo("میزهای آزمون");
                browser.click("[data-testid=register]");
                assertThat(browser.text("h1")).isEqualTo("ثبت میز آزمون");
                checkBothSizes(browser, "rig-register");

                // Everything missing and a day Mehr does not have: every error at once.
                browser.fill("calibrationDue", "1405/07/31");
                browser.click("[data-testid=save]");
                assertThat(browser.text("[data-testid=error-form]")).isEqualTo("۵ مورد را درست کنید.");
                for (String field : List.of("rigId", "profileId", "workshop", "station", "calibrationDue")) {
                    assertThat(browser.all("[data-testid=error-" + field + "]")).as(field).hasSize(1);
                }
                assertThat(browser.pageProblems()).isEmpty();

                browser.fill("rigId", "tilt-b2").fill("workshop", "کارگاه تهران").fill("station", "آزمون ۲")
                        .fill("calibrationCertificate", "CAL-7781").fill("calibrationDue", "۱۴۰۵/۰۶/۳۱");
                new Select(browser.driver().findElement(By.name("profileId"))).selectByValue("tilt-table-json");
                browser.click("[data-testid=save]");
                assertThat(browser.text("h1")).isEqualTo("رمز ورود میز آزمون tilt-b2");
                assertThat(browser.text("[data-testid=mqtt-username]")).isEqualTo("tilt-b2");
                String first = browser.text("[data-testid=mqtt-password]");
                assertThat(first).hasSizeGreaterThanOrEqualTo(16);
                assertThat(app.rigs().authenticate("tilt-b2", first.getBytes(StandardCharsets.UTF_8))).isTrue();
                checkBothSizes(browser, "rig-credentials");
                browser.click("[data-testid=done]");

                JsonNode rig = api.get("/api/rigs/tilt-b2").json();
                assertThat(rig.get("calibrationDue").asText()).isEqualTo(iso("1405/06/31"));
                assertThat(rig.get("calibrationCertificate").asText()).isEqualTo("CAL-7781");
                assertThat(browser.text("[data-rig=tilt-b2] [data-testid=rig-calibration]")).contains("۱۴۰۵/۰۶/۳۱")
                        .contains("CAL-7781");
                // The password is nowhere on the list.
                assertThat(browser.pageSource()).doesNotContain(first);

                // Edit: the due day is shown back in Solar Hijri; a new one in Latin digits is stored as ISO.
                browser.click("[data-rig=tilt-b2] [data-testid=rig-edit]");
                assertThat(browser.attribute("[name=calibrationDue]", "value")).isEqualTo("۱۴۰۵/۰۶/۳۱");
                checkBothSizes(browser, "rig-edit");
                browser.fill("calibrationDue", "1406/1/15").fill("calibrationCertificate", "CAL-8002");
                browser.click("[data-testid=save]");
                assertThat(browser.text("[data-testid=saved]")).contains("tilt-b2");
                rig = api.get("/api/rigs/tilt-b2").json();
                assertThat(rig.get("calibrationDue").asText()).isEqualTo(iso("1406/01/15"));
                assertThat(rig.get("calibrationCertificate").asText()).isEqualTo("CAL-8002");
                assertThat(rig.get("active").asBoolean()).isTrue();

                // Rotate: a new password, the old one refused.
                browser.click("[data-rig=tilt-b2] [data-testid=rig-edit]");
                browser.click("[data-testid=rotate-credentials]");
                String second = browser.text("[data-testid=mqtt-password]");
                assertThat(second).isNotEqualTo(first);
                assertThat(app.rigs().authenticate("tilt-b2", second.getBytes(StandardCharsets.UTF_8))).isTrue();
                assertThat(app.rigs().authenticate("tilt-b2", first.getBytes(StandardCharsets.UTF_8))).isFalse();
                assertThat(browser.text("[role=status]")).contains("رمز پیشین دیگر کار نمی‌کند");

                // A taken id is named on its field.
                browser.visit("/rigs/new");
                browser.fill("rigId", "tilt-b2").fill("workshop", "کارگاه").fill("station", "۱");
                new Select(browser.driver().findElement(By.name("profileId"))).selectByValue("tilt-table-json");
                browser.click("[data-testid=save]");
                assertThat(browser.text("[data-testid=error-rigId]")).isEqualTo("میز آزمونی با این شناسه پیش‌تر ثبت شده است.");

                // English: ISO Gregorian days.
                browser.click("[data-testid=language]");
                browser.visit("/rigs/tilt-b2/edit");
                assertThat(browser.text("h1")).isEqualTo("Edit test rig tilt-b2");
                assertThat(browser.attribute("[name=calibrationDue]", "value")).isEqualTo(iso("1406/01/15"));
                browser.fill("calibrationDue", "2027-05-01");
                browser.click("[data-testid=save]");
                assertThat(api.get("/api/rigs/tilt-b2").json().get("calibrationDue").asText()).isEqualTo("2027-05-01");
                checkBothSizes(browser, "rig-list-en");
            }
            JsonNode audit = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD).get("/api/audit?entityType=rig&entityId=tilt-b2").json();
            assertThat(audit.toString()).contains("rig.registered").contains("rig.changed").contains("rig.credentials_rotated");
        }
    }

    /** The ISO day of a Solar Hijri one (DayEntryTest pins the conversion to known days). */
    private static String iso(String solarHijri) {
        return DayEntry.parse(Language.FA, "day", solarHijri).toString();
    }

    private static void checkBothSizes(Browser browser, String name) {
        for (Dimension size : List.of(Browser.PORTRAIT, Browser.LANDSCAPE)) {
            browser.size(size);
            assertThat(browser.pageProblems()).as(name + " at " + size).isEmpty();
            browser.screenshot(name + "-" + size.getWidth());
        }
        browser.size(Browser.PORTRAIT);
    }
}
