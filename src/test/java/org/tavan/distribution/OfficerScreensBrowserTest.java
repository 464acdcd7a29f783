package org.tavan.distribution;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.ibm.icu.text.SimpleDateFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.tavan.beneficiaries.NationalIds;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;
import org.tavan.testing.Browser;
import org.tavan.testing.Http;
import org.tavan.testing.ReleasedStock;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An officer on a landscape tablet (headless chromium, 1024×768, Persian): opens the waiting
 * list, filters it by province, opens a person, then walks an approved proposal's service case
 * through shipment, receipt and hand-over on the case page, reading Persian texts and Solar
 * Hijri dates throughout.
 */
class OfficerScreensBrowserTest {

    static final String PASSWORD = "officer-password";
    static final Dimension TABLET = new Dimension(1024, 768);

    @TempDir
    Path dir;

    static final String CSV = """
            national_id,full_name,birth_date,sex,woman_head_of_household,province,county,rural,centre,phone,registered_on,consent,device_class,need_level,urgency,environment,referral_source,assessed_on,measurements
            %s,زهرا حسینی,1988-04-02,female,true,08,ری,false,C-08-REY,,2025-01-10,true,12.22,4,soon,آپارتمان,بیمارستان امام,2025-01-20,"hip_width_mm=400;thigh_length_mm=470;body_mass_kg=68"
            %s,مریم کریمی,2015-09-11,female,false,04,کاشان,true,C-04-KSN,,2025-03-01,true,12.22,3,routine,روستا,مرکز بهداشت,2025-03-05,"hip_width_mm=300;thigh_length_mm=350;body_mass_kg=30"
            %s,علی موسوی,1979-01-20,male,false,08,تهران,false,C-08-THR,,2025-06-01,true,22.06,2,routine,شهری,بهورز,2025-06-03,"threshold_500_db=45;threshold_1000_db=50;threshold_2000_db=55;threshold_4000_db=60"
            """.formatted(NationalIds.withCheckDigit("001234567"), NationalIds.withCheckDigit("002345678"), NationalIds.withCheckDigit("003456789"));

    /** One 440 mm wheelchair made and released by quality over HTTP (see ReleasedStock); its serial. */
    static String releasedUnit(App app) {
        return ReleasedStock.wheelchairWorkshop(app).make("WCT-44", 1).get(0);
    }

    /** What the UI must show for a day: Solar Hijri, Persian digits, in the server's zone (same JVM here). */
    static String solarHijri(Instant at) {
        SimpleDateFormat f = new SimpleDateFormat("y/MM/dd", new ULocale("fa_IR@calendar=persian"));
        f.setTimeZone(TimeZone.getTimeZone(ZoneId.systemDefault().getId()));
        return f.format(Date.from(at));
    }

    @Test
    void officer_filters_the_waiting_list_opens_a_person_and_ships_receives_and_hands_over_a_unit() {
        try (App app = TestApps.start(dir)) {
            app.users().create(new Users.NewUser("officer", "علی رضایی", PASSWORD, List.of("distribution"), "fa"),
                    Actor.system("test"));
            Http api = new Http(app.httpPort()).signIn("officer", PASSWORD);
            assertThat(api.postRaw("/api/beneficiaries/import", "text/csv", CSV).status()).isEqualTo(200);
            // Fits Zahra (hips 400 mm) only; nobody else waits for a 440 mm chair that fits them.
            String serial = releasedUnit(app);
            assertThat(api.post("/api/allocation/runs", Map.of()).status()).isEqualTo(201);
            JsonNode proposal = api.get("/api/allocation/proposals?status=proposed").json().get(0);
            assertThat(proposal.get("serial").asText()).isEqualTo(serial);
            long zahra = proposal.get("beneficiaryId").asLong();
            assertThat(api.post("/api/allocation/proposals/" + proposal.get("id").asLong() + "/approve", Map.of())
                    .status()).isEqualTo(200);

            try (Browser browser = Browser.start(app.httpPort())) {
                browser.size(TABLET).signIn("officer", PASSWORD);
                assertThat(browser.all("a.tile[data-path='/distribution/waiting-list']")).hasSize(1);
                assertThat(browser.all("a.tile[data-path='/distribution/shipments']")).hasSize(1);
                browser.click("a.tile[data-path='/distribution/waiting-list']");

                // The waiting list: the two still waiting, highest priority first, in Persian.
                assertThat(browser.attribute("html", "dir")).isEqualTo("rtl");
                assertThat(browser.text("h1")).isEqualTo("فهرست انتظار");
                assertThat(browser.text("[data-testid=waiting-count]")).startsWith("۲ نفر در انتظار");
                List<WebElement> rows = browser.all("[data-testid=waiting-row]");
                assertThat(rows).hasSize(2);
                String maryam = rows.get(0).getText();
                assertThat(maryam).contains("مریم کریمی").contains("ویلچر دستی").contains("اصفهان").contains("کاشان")
                        .contains("کودک").contains("روستایی").contains("از ۱۴۰۳/۱۲/۱۵");
                assertThat(rows.get(1).getText()).contains("علی موسوی").contains("سمعک").contains("تهران")
                        .contains("از ۱۴۰۴/۰۳/۱۳");
                browser.screenshot("officer-waiting-list");
                assertTouchTargets(browser);

                new Select(browser.driver().findElement(org.openqa.selenium.By.name("province"))).selectByValue("04");
                browser.click("[data-testid=filter]");
                assertThat(browser.path()).contains("province=04");
                assertThat(browser.all("[data-testid=waiting-row]")).hasSize(1);
                assertThat(browser.text("[data-testid=waiting-row]")).contains("مریم کریمی");
                assertThat(browser.text("[data-testid=waiting-count]")).startsWith("۱ نفر در انتظار");

                // Her page: registration details with Solar Hijri dates, the assessment waiting, no case.
                browser.click("[data-testid=person-link]");
                assertThat(browser.text("[data-testid=person-name]")).isEqualTo("مریم کریمی");
                assertThat(browser.text("[data-testid=registered-on]")).isEqualTo("۱۴۰۳/۱۲/۱۱");
                assertThat(browser.text("[data-testid=birth-date]")).isEqualTo("۱۳۹۴/۰۶/۲۰");
                assertThat(browser.text("[data-testid=province]")).isEqualTo("اصفهان، کاشان");
                assertThat(browser.text("[data-testid=assessment-status]")).isEqualTo("در انتظار");
                assertThat(browser.text("[data-testid=cases-none]")).isEqualTo("پروندهٔ خدمتی ندارد.");
                browser.screenshot("officer-person");
                assertTouchTargets(browser);

                // Shipments: the approved proposal waits for its case.
                browser.visit("/distribution/shipments");
                assertThat(browser.text("h1")).isEqualTo("ارسال‌ها و پرونده‌های خدمت");
                assertThat(browser.text("[data-testid=awaiting-proposal]")).contains(serial).contains("زهرا حسینی");
                browser.click("[data-testid=open-case]");
                String today = solarHijri(Instant.now());
                assertThat(browser.text("[data-testid=case-status]")).isEqualTo("آمادهٔ ارسال");
                assertThat(doneSteps(browser)).containsExactly("true", "true", "true", "true", "false", "false", "false",
                        "false");
                assertThat(browser.text("[data-testid=steps]")).contains("گام ۱: ارجاع و نوبت‌دهی")
                        .contains("ارجاع از بیمارستان امام").contains("ارزیابی در ۱۴۰۳/۱۱/۰۱")
                        .contains("گام ۵: آماده‌سازی، ارسال و تحویل — هنوز انجام نشده");
                assertThat(browser.all("[data-testid=event-date]")).allSatisfy(d -> assertThat(d.getText()).isEqualTo(today));
                assertThat(browser.text("[data-testid=next] h2")).isEqualTo("گام بعد: ارسال به مرکز");

                browser.fill("accessories", "بالشتک، جعبه ابزار").fill("carrier", "پست");
                browser.click("[data-testid=ship]");
                assertThat(browser.text("[data-testid=done]")).isEqualTo("دستگاه ارسال شد.");
                assertThat(browser.text("[data-testid=case-status]")).isEqualTo("ارسال‌شده");
                assertThat(browser.text("[data-testid=shipped-at]")).isEqualTo(today);
                assertThat(browser.text("[data-step='5']")).contains("ارسال با پست.").contains("بالشتک، جعبه ابزار");
                assertThat(browser.text("[data-testid=next] h2")).isEqualTo("گام بعد: دریافت در مرکز");

                // A receipt without proof of delivery is refused on the page and changes nothing.
                browser.fill("receivedBy", "کارشناس مرکز");
                browser.click("[data-testid=receive]");
                assertThat(browser.text("[data-testid=error-proofOfDelivery]")).isEqualTo("رسید تحویل را بنویسید.");
                assertThat(browser.text("[data-testid=case-status]")).isEqualTo("ارسال‌شده");
                assertThat(browser.attribute("input[name=receivedBy]", "value")).isEqualTo("کارشناس مرکز");
                browser.fill("proofOfDelivery", "برگهٔ تحویل ۴۴۱۱");
                browser.click("[data-testid=receive]");
                assertThat(browser.text("[data-testid=done]")).isEqualTo("دریافت در مرکز ثبت شد.");
                assertThat(browser.text("[data-testid=case-status]")).isEqualTo("رسیده به مرکز");
                assertThat(browser.text("[data-testid=received-at]")).isEqualTo(today);

                browser.fill("receiptNumber", "R-1405-001").fill("receivedByName", "زهرا حسینی");
                browser.click("[data-testid=hand-over]");
                assertThat(browser.text("[data-testid=done]")).isEqualTo("تحویل به مددجو ثبت شد.");
                assertThat(browser.text("[data-testid=case-status]")).isEqualTo("تحویل‌شده به مددجو");
                assertThat(browser.text("[data-step='5']")).contains("دریافت در مرکز توسط کارشناس مرکز")
                        .contains("تحویل به زهرا حسینی با رسید شمارهٔ R-1405-001");
                assertThat(doneSteps(browser)).containsExactly("true", "true", "true", "true", "true", "false", "false",
                        "false");
                assertThat(browser.text("[data-testid=next] h2")).isEqualTo("گام بعد: تنظیم و پرو");
                browser.screenshot("officer-case-handed-over");
                assertTouchTargets(browser);

                // The list and her page know the case by its new status.
                browser.visit("/distribution/shipments?status=handed_over");
                assertThat(browser.all("[data-testid=case-row]")).hasSize(1);
                assertThat(browser.text("[data-testid=case-row]")).contains("زهرا حسینی").contains("تحویل‌شده به مددجو")
                        .contains(today);
                browser.visit("/distribution/people/" + zahra);
                assertThat(browser.text("[data-testid=person-cases]")).contains(serial).contains("تحویل‌شده به مددجو");
                assertThat(browser.text("[data-testid=assessment-status]")).isEqualTo("دستگاه تحویل شده");
            }
            JsonNode unit = api.get("/api/allocation/units").json().findParents("serial").stream()
                    .filter(u -> u.get("serial").asText().equals(serial)).findFirst().orElseThrow();
            assertThat(unit.get("status").asText()).isEqualTo("issued");
            JsonNode c = api.get("/api/distribution/cases?status=handed_over").json().get(0);
            assertThat(c.at("/shipment/proofOfDelivery").asText()).isEqualTo("برگهٔ تحویل ۴۴۱۱");
            assertThat(c.at("/shipment/packingList/accessories").toString()).isEqualTo("[\"بالشتک\",\"جعبه ابزار\"]");
        }
    }

    /** Every link, button, field and disclosure in the page's main part is at least 48 px high (docs/ui.md). */
    @SuppressWarnings("unchecked")
    private static void assertTouchTargets(Browser browser) {
        List<String> small = (List<String>) browser.script("""
                return [...document.querySelectorAll('main a, main button, main select, main summary,'
                        + ' main input:not([type=hidden]):not([type=checkbox])')]
                  .filter(e => e.getBoundingClientRect().height > 0 && e.getBoundingClientRect().height < 48)
                  .map(e => e.outerHTML.slice(0, 80));""");
        assertThat(small).as("targets under 48 px on " + browser.path()).isEmpty();
    }

    private static List<String> doneSteps(Browser browser) {
        return browser.all("[data-testid=step]").stream().map(e -> e.getAttribute("data-done")).toList();
    }
}
