package org.tavan.home;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.tavan.App;
import org.tavan.demo.DemoData;
import org.tavan.testing.Browser;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home screen says what needs each user's attention, in Persian, and each notice leads to
 * the screen that resolves it: a technician sees an overdue calibration first, one due soon and
 * the rigs offline; fixing the due day on the rig's page clears the notice. The officer sees the
 * proposals waiting and no rig notices; the floor sees none of them.
 */
class HomeNoticesBrowserTest {

    @TempDir
    Path dir;

    @Test
    void each_role_sees_its_notices_on_the_home_screen_and_each_leads_to_the_screen_that_resolves_it() {
        try (App app = new App(TestApps.config(dir)).withDemoData(true).start()) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            LocalDate today = LocalDate.now();
            for (Map.Entry<String, LocalDate> rig : Map.of("late-01", today.minusDays(3), "soon-01", today.plusDays(10)).entrySet()) {
                assertThat(admin.post("/api/rigs", Map.of("rigId", rig.getKey(), "profileId", "tilt-table-json",
                        "workshop", "کارگاه", "station", "آزمون", "calibrationDue", rig.getValue().toString())).status())
                        .isEqualTo(201);
            }
            int proposed = admin.get("/api/allocation/proposals?status=proposed").json().size();
            assertThat(proposed).as("the demo workshop has proposals waiting").isPositive();

            try (Browser browser = Browser.start(app.httpPort())) {
                browser.signIn("technician", DemoData.demoAdminPassword());
                List<WebElement> notices = browser.all("[data-testid=notice]");
                assertThat(notices.get(0).getText()).isEqualTo("سررسید کالیبراسیون میز آزمون late-01 گذشته است");
                assertThat(notices.get(0).getAttribute("class")).contains("urgent");
                assertThat(notices.stream().map(WebElement::getText))
                        .contains("کالیبراسیون میز آزمون soon-01 تا ۱۰ روز دیگر سررسید می‌شود")
                        .anyMatch(t -> t.endsWith("میز آزمون قطع‌اند"));
                for (Dimension size : List.of(Browser.PORTRAIT, Browser.LANDSCAPE)) {
                    browser.size(size);
                    assertThat(browser.pageProblems()).as("home at " + size).isEmpty();
                    browser.screenshot("home-notices-technician-" + size.getWidth());
                }
                browser.size(Browser.PORTRAIT);

                browser.click("[data-testid=notice][href='/rigs/late-01/edit']");
                assertThat(browser.path()).isEqualTo("/rigs/late-01/edit");
                browser.fill("calibrationDue", "1499/01/01");
                browser.click("[data-testid=save]");
                browser.visit("/");
                assertThat(browser.all("[data-testid=notice][href='/rigs/late-01/edit']")).isEmpty();
                assertThat(browser.all("[data-testid=notice][href='/rigs/soon-01/edit']")).hasSize(1);

                browser.clearCookies().signIn("officer", DemoData.demoAdminPassword());
                assertThat(browser.all("[data-testid=notice][href='/rigs']")).isEmpty();
                assertThat(browser.text("[data-testid=notice][href='/distribution/proposals']"))
                        .isEqualTo(persian(proposed) + " پیشنهاد تخصیص منتظر تأیید است");

                browser.clearCookies().signIn("floor", DemoData.demoAdminPassword());
                assertThat(browser.all("[data-testid=notice]")).isEmpty();
            }
        }
    }

    private static String persian(int n) {
        StringBuilder out = new StringBuilder();
        for (char c : String.valueOf(n).toCharArray()) {
            out.append((char) ('۰' + (c - '0')));
        }
        return out.toString();
    }
}
