package org.tavan.web.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;
import org.tavan.testing.Browser;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/** The tablet UI in headless chromium at 10-inch tablet size, as a person would use it. */
class UiBrowserTest {

    private static final String PERSIAN_DIGITS = "[۰-۹]";

    @TempDir
    static Path dir;
    static App app;
    static Browser browser;

    @BeforeAll
    static void start() {
        app = TestApps.start(dir);
        app.users().create(new Users.NewUser("maryam", "مریم احمدی", "floor-password", List.of("floor"), "fa"),
                Actor.system("test"));
        browser = Browser.start(app.httpPort());
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            app.close();
        }
    }

    @BeforeEach
    void freshTablet() {
        browser.visit("/login").clearCookies().size(Browser.PORTRAIT);
    }

    @Test
    void admin_signs_in_to_a_persian_right_to_left_home_with_a_solar_hijri_date() {
        browser.signIn("admin", TestApps.ADMIN_PASSWORD);

        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.attribute("html", "dir")).isEqualTo("rtl");
        assertThat(browser.attribute("html", "lang")).isEqualTo("fa");
        String today = browser.text("[data-testid=today]");
        assertThat(today).containsPattern("۱۴[۰-۹]{2}").doesNotContainPattern("[0-9]");
        assertThat(browser.text("[data-testid=user]")).isEqualTo("مدیر سامانه");
        assertThat(browser.all(".tile").stream().map(t -> t.getAttribute("data-path")))
                .contains(HomeTiles.USERS, HomeTiles.SETTINGS, HomeTiles.AUDIT, HomeTiles.HEALTH);
        assertThat(browser.text("main")).contains("کاربران");
        browser.screenshot("home-admin-fa-portrait");
        browser.size(Browser.LANDSCAPE).visit("/");
        browser.screenshot("home-admin-fa-landscape");
    }

    @Test
    void switching_to_english_flips_the_page_to_left_to_right_with_a_gregorian_date_and_is_remembered() {
        browser.signIn("admin", TestApps.ADMIN_PASSWORD);
        browser.click("[data-testid=language]");

        assertThat(browser.attribute("html", "dir")).isEqualTo("ltr");
        assertThat(browser.attribute("html", "lang")).isEqualTo("en");
        assertThat(browser.text("main")).contains("Users").contains("Organisation settings");
        assertThat(browser.text("[data-testid=today]")).containsPattern("20[0-9]{2}").doesNotContainPattern(PERSIAN_DIGITS);
        browser.screenshot("home-admin-en-portrait");
        assertThat(app.users().get("admin").language()).isEqualTo("en");

        browser.visit(HomeTiles.USERS + "/new");
        assertThat(browser.text("h1")).isEqualTo("New user");
        browser.screenshot("user-form-en");

        browser.click("[data-testid=language]");
        assertThat(browser.path()).isEqualTo(HomeTiles.USERS + "/new");
        assertThat(browser.attribute("html", "dir")).isEqualTo("rtl");
        assertThat(app.users().get("admin").language()).isEqualTo("fa");
    }

    @Test
    void the_system_health_screen_shows_what_the_probe_says_in_persian_and_english() {
        browser.signIn("admin", TestApps.ADMIN_PASSWORD).visit(HomeTiles.HEALTH);
        var probe = new Http(app.httpPort()).get("/health").json();
        assertThat(browser.attribute("[data-testid=health-database]", "data-status")).isEqualTo(probe.at("/database/status").asText());
        assertThat(browser.attribute("[data-testid=health-broker]", "data-status")).isEqualTo(probe.at("/broker/status").asText());
        assertThat(browser.attribute("[data-testid=health-ingest]", "data-status")).isEqualTo("flowing");
        assertThat(browser.text("[data-testid=health-broker]")).contains("کارگزار پیام داخلی").contains("برقرار");
        assertThat(browser.text("[data-testid=health-ingest]")).contains("دریافت داده‌های میزهای آزمون").contains("در جریان")
                .doesNotContainPattern("[0-9]");
        // Only names that are not words (the database's product name, addresses, /health) may be Latin.
        String words = browser.text("main").replace("SQLite", "").replaceAll("tcp://[^\\s]+", "")
                .replace("/health", "").replace("/metrics", "").replace("API", "");
        assertThat(words).doesNotContainPattern("[A-Za-z]{2,}");
        browser.screenshot("health-fa");

        browser.click("[data-testid=language]");
        assertThat(browser.text("[data-testid=health-ingest]")).contains("Rig readings").contains("Flowing");
        assertThat(browser.text("[data-testid=health-broker]")).contains("Embedded message broker");
        assertThat(browser.text("[data-testid=health-summary]")).isEqualTo("Everything is working.");
        browser.screenshot("health-en");
        browser.click("[data-testid=language]");
    }

    @Test
    void signing_out_returns_to_the_sign_in_page_and_home_needs_a_new_sign_in() {
        browser.signIn("admin", TestApps.ADMIN_PASSWORD).signOut();
        assertThat(browser.path()).startsWith("/login");
        browser.visit("/");
        assertThat(browser.path()).startsWith("/login?next=");
        assertThat(browser.all("[data-testid=signin]")).hasSize(1);
    }

    @Test
    void a_wrong_password_shows_a_friendly_translated_message_on_the_page() {
        browser.signIn("admin", "not-the-password");
        assertThat(browser.path()).startsWith("/login");
        assertThat(browser.text("[data-testid=error-form]")).isEqualTo("نام کاربری یا گذرواژه درست نیست.");
        assertThat(browser.attribute("input[name=username]", "value")).isEqualTo("admin");
        browser.screenshot("login-wrong-password-fa");
    }

    @Test
    void a_floor_user_gets_a_translated_not_allowed_page_for_an_admin_screen() {
        browser.signIn("maryam", "floor-password");
        assertThat(browser.all("#serial")).hasSize(1);
        assertThat(browser.all(".tile").stream().map(t -> t.getAttribute("data-path")))
                .doesNotContain(HomeTiles.USERS);
        browser.screenshot("home-floor-fa");
        browser.visit(HomeTiles.USERS);
        assertThat(browser.attribute(".error-page", "data-status")).isEqualTo("403");
        assertThat(browser.text("h1")).isEqualTo("اجازهٔ دسترسی ندارید");
        assertThat(browser.attribute("html", "dir")).isEqualTo("rtl");
        browser.screenshot("forbidden-floor-fa");
    }

    @Test
    void every_button_link_and_field_in_the_navigation_and_forms_is_at_least_48_px() {
        browser.signIn("admin", TestApps.ADMIN_PASSWORD);
        for (String path : List.of("/", HomeTiles.USERS, HomeTiles.USERS + "/new", HomeTiles.SETTINGS, HomeTiles.AUDIT,
                HomeTiles.HEALTH, HomeTiles.INVENTORY, HomeTiles.FAIRNESS, "/users-that-do-not-exist")) {
            browser.visit(path);
            assertThat(browser.smallTargets()).as("targets under 48 px on %s", path).isEmpty();
        }
        browser.signOut();
        browser.visit("/login");
        assertThat(browser.smallTargets()).as("targets under 48 px on the sign-in page").isEmpty();
        browser.signIn("maryam", "floor-password");
        assertThat(browser.smallTargets()).as("targets under 48 px on the floor home").isEmpty();
    }

    @Test
    void admin_creates_a_user_with_the_form_and_it_is_listed_and_audited() {
        browser.signIn("admin", TestApps.ADMIN_PASSWORD);
        browser.visit(HomeTiles.USERS).click("[data-testid=new-user]");

        // First with mistakes: each error appears next to its field, translated, and nothing is created.
        browser.fill("username", "X").fill("displayName", "رضا کریمی").fill("password", "short");
        browser.click("[data-testid=save]");
        assertThat(browser.all("[data-testid=error-username]")).hasSize(1);
        assertThat(browser.text("[data-testid=error-username]")).contains("نام کاربری");
        browser.screenshot("user-form-errors-fa");
        assertThat(browser.attribute("input[name=displayName]", "value")).isEqualTo("رضا کریمی");

        browser.fill("username", "reza.karimi").fill("password", "short");
        browser.click("[data-testid=save]");
        assertThat(browser.text("[data-testid=error-password]")).contains("۸");

        browser.fill("password", "a-good-password");
        browser.click("[data-testid=save]");
        assertThat(browser.text("[data-testid=error-roles]")).isNotBlank();

        browser.fill("password", "a-good-password");
        browser.press("input[name=roles][value=technician]").press("input[name=roles][value=quality]");
        browser.click("[data-testid=save]");

        assertThat(browser.path()).startsWith(HomeTiles.USERS + "?created=reza.karimi");
        assertThat(browser.text("[data-username='reza.karimi']")).contains("رضا کریمی").contains("تکنسین");
        browser.screenshot("users-list-fa");
        assertThat(app.users().get("reza.karimi").roles()).containsExactlyInAnyOrder("technician", "quality");

        Http api = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
        var audit = api.get("/api/audit?entityType=user&entityId=reza.karimi").json();
        assertThat(audit.get(0).get("action").asText()).isEqualTo("user.created");
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("admin");

        browser.visit(HomeTiles.AUDIT + "?entityType=user&entityId=reza.karimi");
        assertThat(browser.all("tr[data-action='user.created']")).hasSize(1);
        assertThat(browser.text("tr[data-action='user.created']")).containsPattern("۱۴[۰-۹]{2}/");
        browser.screenshot("audit-fa");
    }

    @Test
    void admin_changes_roles_and_deactivates_a_user() {
        app.users().create(new Users.NewUser("sara.m", "سارا محمدی", "sara-password", List.of("quality"), "fa"),
                Actor.system("test"));
        browser.signIn("admin", TestApps.ADMIN_PASSWORD);
        browser.visit(HomeTiles.USERS + "/sara.m/edit");
        browser.press("input[name=roles][value=distribution]").press("input[name=active]");
        browser.screenshot("user-edit-fa");
        browser.click("[data-testid=save]");
        assertThat(browser.path()).startsWith(HomeTiles.USERS + "?changed=sara.m");
        var sara = app.users().get("sara.m");
        assertThat(sara.roles()).containsExactlyInAnyOrder("quality", "distribution");
        assertThat(sara.active()).isFalse();
    }

    @Test
    void the_last_administrator_cannot_be_deactivated_from_the_form() {
        browser.signIn("admin", TestApps.ADMIN_PASSWORD);
        browser.visit(HomeTiles.USERS + "/admin/edit");
        browser.press("input[name=active]");
        browser.click("[data-testid=save]");
        assertThat(browser.text("[data-testid=error-form]")).contains("آخرین مدیر");
        assertThat(app.users().get("admin").active()).isTrue();
    }

    @Test
    void admin_changes_the_organisation_name_and_the_header_shows_it() {
        browser.signIn("admin", TestApps.ADMIN_PASSWORD);
        browser.visit(HomeTiles.SETTINGS);
        browser.fill("organisation.name", "سازمان بهزیستی کشور");
        browser.click("[data-testid=save]");
        assertThat(browser.text(".notice")).isNotBlank();
        assertThat(browser.text(".org")).isEqualTo("سازمان بهزیستی کشور");
        browser.screenshot("settings-fa");

        browser.fill("workshop.name", "x".repeat(121));
        browser.click("[data-testid=save]");
        assertThat(browser.all("[data-testid='error-workshop.name']")).hasSize(1);
    }

    /** Visible buttons, links, inputs and selects in the header, navigation and forms that are smaller than 48 px. */
}
