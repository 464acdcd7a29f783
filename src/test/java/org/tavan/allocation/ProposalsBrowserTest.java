package org.tavan.allocation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.beneficiaries.NationalIds;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;
import org.tavan.testing.Browser;
import org.tavan.testing.Http;
import org.tavan.testing.ReleasedStock;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/** An officer on a tablet (headless chromium, portrait, Persian) reviews proposals with their reasons and approves one. */
class ProposalsBrowserTest {

    @TempDir
    Path dir;

    /** One hearing aid made and released over HTTP (a routing without rig tests). */
    static String releasedHearingAid(App app) {
        app.users().create(new Users.NewUser("lead", "لید", "lead-password-1", List.of("quality"), "fa"), Actor.system("test"));
        app.users().create(new Users.NewUser("floor", "کارگر", "floor-password-1", List.of("floor"), "fa"), Actor.system("test"));
        Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
        Http lead = new Http(app.httpPort()).signIn("lead", "lead-password-1");
        assertThat(admin.post("/api/inventory/locations", Map.of("code", "WS-HAF", "name", "کارگاه", "kind", "workshop"))
                .status()).isEqualTo(201);
        assertThat(lead.postRaw("/api/catalog/import", "application/json", """
                {"components": [], "plans": {},
                 "models": [{"code": "BTE", "name": "BTE hearing aid", "nameFa": "سمعک پشت گوشی", "deviceClass": "hearing_aid",
                             "iso9999": "22.06", "whoPriority": true,
                             "variants": [{"code": "BTE-P", "name": "power",
                                           "specs": {"fitting_range_min_db_hl": 40, "fitting_range_max_db_hl": 90}}],
                             "routing": [{"station": "assembly"}, {"station": "final_inspection"}]}]}
                """).status()).isEqualTo(201);
        return new ReleasedStock(lead, new Http(app.httpPort()).signIn("floor", "floor-password-1"), "WS-HAF")
                .make("BTE-P", 1).get(0);
    }

    @Test
    void officer_reviews_the_reasons_and_approves_a_proposal() {
        try (App app = TestApps.start(dir)) {
            app.users().create(new Users.NewUser("officer", "علی رضایی", "officer-password", List.of("distribution"), "fa"),
                    Actor.system("test"));
            Http api = new Http(app.httpPort()).signIn("officer", "officer-password");
            String csv = "national_id,full_name,birth_date,sex,woman_head_of_household,province,county,rural,centre,"
                    + "registered_on,consent,device_class,need_level,urgency,environment,referral_source,assessed_on,measurements\n"
                    + NationalIds.withCheckDigit("001234567") + ",زهرا حسینی,1988-04-02,female,true,08,ری,false,مرکز ری,2025-01-10,true,"
                    + "22.06,4,soon,شهری,بیمارستان,2025-01-20,\"threshold_500_db=45;threshold_1000_db=50;"
                    + "threshold_2000_db=55;threshold_4000_db=60\"\n";
            assertThat(api.postRaw("/api/beneficiaries/import", "text/csv", csv).status()).isEqualTo(200);
            String serial = releasedHearingAid(app);
            assertThat(api.post("/api/allocation/runs", Map.of()).status()).isEqualTo(201);

            try (Browser browser = Browser.start(app.httpPort())) {
                browser.size(Browser.PORTRAIT).signIn("officer", "officer-password").visit("/distribution/proposals");
                assertThat(browser.attribute("html", "dir")).isEqualTo("rtl");
                assertThat(browser.text("h1")).isEqualTo("پیشنهادهای تخصیص");
                assertThat(browser.all("[data-testid=proposal]")).hasSize(1);
                assertThat(browser.text("[data-testid=priority]")).startsWith("امتیاز اولویت");
                assertThat(browser.text("[data-testid=score]")).contains("سطح نیاز ۴: ۵۰ امتیاز").contains("فوریت زود: ۱۵ امتیاز")
                        .contains("ماه انتظار از ارزیابی").contains("گروه‌های اولویت‌دار (زن سرپرست خانوار): ۱۰ امتیاز");
                // Each fit rule in the officer's words, the measurement and the aid's range in Persian digits.
                assertThat(browser.text("[data-testid=fit]"))
                        .contains("آستانه شنوایی ۵۰۰ هرتز: ۴۵ دسی‌بل، در محدوده ۴۰ تا ۹۰ سمعک")
                        .contains("آستانه شنوایی ۴۰۰۰ هرتز: ۶۰ دسی‌بل، در محدوده ۴۰ تا ۹۰ سمعک")
                        .doesNotContain("threshold").doesNotContainPattern("[0-9]");
                assertThat(browser.text("[data-testid=share]")).contains("سهم استان تهران").contains("جایگاه‌های عمومی");
                assertThat(browser.text("h2")).contains("سمعک");
                browser.screenshot("proposals-review");
                browser.click("[data-testid=policy-link]");
                assertThat(browser.text("h1")).isEqualTo("سیاست تخصیص نسخهٔ v3");
                assertThat(browser.text("[data-testid=strict-text]")).contains("بخش به بخش");
                assertThat(browser.all("[data-testid=strict-order] li")).hasSize(4);
                assertThat(browser.text("[data-testid=tie-breaks]")).contains("ارزیابی").contains("قرعه");
                assertThat(browser.text("[data-testid=shares-text]")).contains("دورهٔ این سیاست");
                assertThat(browser.text("[data-testid=reserved]")).contains("کودک").contains("۱۰ درصد");
                assertThat(browser.text("[data-testid=fit-rules]")).doesNotContain("seat-width").doesNotContainPattern("[A-Za-z]");
                assertThat(browser.smallTargets()).as("48 px targets").isEmpty();
                browser.screenshot("policy-v3-fa");
                browser.visit("/distribution/policy?version=v2");
                assertThat(browser.text("[data-testid=past-version]")).contains("نسخهٔ پیشین");
                browser.visit("/distribution/fairness");
                assertThat(browser.all("[data-testid=period-chart]")).isEmpty();
                assertThat(browser.text("[data-testid=no-period]")).isNotBlank();
                browser.visit("/distribution/proposals");

                browser.click("[data-testid=approve]");
                assertThat(browser.text("[data-testid=approved]")).contains(serial);
                assertThat(browser.all("[data-testid=proposal]")).isEmpty();
            }
            JsonNode approved = api.get("/api/allocation/proposals?status=approved").json();
            assertThat(approved).hasSize(1);
            // The approval is in the period: the fairness page charts it against the exact share, in both languages.
            try (Browser browser = Browser.start(app.httpPort())) {
                browser.size(Browser.PORTRAIT).signIn("officer", "officer-password").visit("/distribution/fairness");
                assertThat(browser.all("[data-testid=period-chart]")).hasSize(1);
                assertThat(browser.text("[data-testid=period]")).contains("تهران").contains("۱");
                browser.screenshot("fairness-period-fa");
                browser.click("[data-testid=language]");
                assertThat(browser.attribute("html", "dir")).isEqualTo("ltr");
                assertThat(browser.text("body")).contains("Over the policy period");
                browser.visit("/distribution/policy");
                assertThat(browser.text("[data-testid=promise]")).contains("lower priority");
                assertThat(browser.text("[data-testid=description]")).contains("Alabama");
            }
            assertThat(approved.get(0).get("decidedBy").asText()).isEqualTo("officer");
        }
    }
}
