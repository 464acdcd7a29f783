package org.tavan.admin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;
import org.tavan.testing.Browser;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrator sets an officer's scope on the user screen in headless chromium, in Persian
 * and in English: the choice is saved through the same service as the API (and audited), shown
 * in the user list, a refused choice changes nothing, no raw message key and no word of the
 * other language appears, and every target is at least 48 px.
 */
class ScopeEditorBrowserTest {

    @TempDir
    Path dir;

    @Test
    void an_administrator_sets_a_scope_in_persian_and_in_english() {
        try (App app = TestApps.start(dir)) {
            app.users().create(new Users.NewUser("narges", "نرگس تهرانی", "narges-password", List.of("distribution"), "fa"),
                    Actor.system("test"));
            app.users().create(new Users.NewUser("john", "John Admin", "john-password", List.of("admin"), "en"),
                    Actor.system("test"));
            Http api = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            try (Browser browser = Browser.start(app.httpPort())) {
                browser.size(Browser.PORTRAIT).signIn("admin", TestApps.ADMIN_PASSWORD);
                browser.visit("/admin/users/narges/edit");
                String fieldset = browser.text("[data-testid=scope]");
                assertThat(fieldset).contains("محدوده").contains("همهٔ کشور").contains("فقط این استان‌ها")
                        .contains("تهران").contains("خراسان رضوی").doesNotContainPattern("[A-Za-z]");
                assertThat(browser.attribute("[data-testid=scope-national]", "checked")).isEqualTo("true");
                assertThat(browser.pageSource()).doesNotContain("admin.users.");
                assertThat(browser.smallTargets()).as("targets under 48 px on the user form").isEmpty();

                // Provinces chosen but none ticked: refused next to the fieldset, in Persian, nothing saved.
                browser.press("[data-testid=scope-provinces]");
                browser.click("[data-testid=save]");
                assertThat(browser.text("[data-testid=error-scope]")).contains("استان").doesNotContainPattern("[A-Za-z]");
                assertThat(api.get("/api/users/narges/scope").json().get("national").asBoolean()).isTrue();

                browser.press("[data-testid=scope-provinces]")
                        .press("input[name=scopeProvinces][value='08']").press("input[name=scopeProvinces][value='11']");
                browser.screenshot("user-scope-fa");
                browser.click("[data-testid=save]");
                assertThat(browser.path()).startsWith("/admin/users?changed=narges");
                assertThat(browser.text("[data-testid=scope-of-narges]")).contains("تهران").contains("خراسان رضوی");
                assertThat(browser.text("[data-testid=scope-of-admin]")).isEqualTo("همهٔ کشور");
                JsonNode scope = api.get("/api/users/narges/scope").json();
                assertThat(scope.get("national").asBoolean()).isFalse();
                assertThat(scope.get("provinces").toString()).isEqualTo("[\"08\",\"11\"]");

                // A new officer with a scope from the form: one province, one centre.
                browser.visit("/admin/users/new");
                browser.fill("username", "hassan").fill("displayName", "حسن اصفهانی").fill("password", "hassan-password");
                browser.press("input[name=roles][value=distribution]").press("[data-testid=scope-provinces]")
                        .press("input[name=scopeProvinces][value='04']").fill("scopeCentres", "C-04-KSN");
                browser.click("[data-testid=save]");
                assertThat(browser.path()).startsWith("/admin/users?created=hassan");
                assertThat(browser.text("[data-testid=scope-of-hassan]")).contains("اصفهان").contains("C-04-KSN");
                JsonNode hassan = api.get("/api/users/hassan").json().get("scope");
                assertThat(hassan.get("provinces").toString()).isEqualTo("[\"04\"]");
                assertThat(hassan.get("centres").toString()).isEqualTo("[\"C-04-KSN\"]");
                browser.signOut();

                // In English: the same screen left to right, names in English; back to the whole country.
                browser.signIn("john", "john-password");
                browser.visit("/admin/users/narges/edit");
                assertThat(browser.attribute("html", "dir")).isEqualTo("ltr");
                String english = browser.text("[data-testid=scope]");
                assertThat(english).contains("Scope").contains("Whole country").contains("Only these provinces")
                        .contains("Tehran").contains("Razavi Khorasan").doesNotContainPattern("[\\u0600-\\u06FF]");
                assertThat(browser.attribute("input[name=scopeProvinces][value='08']", "checked")).isEqualTo("true");
                assertThat(browser.attribute("input[name=scopeProvinces][value='04']", "checked")).isNull();
                assertThat(browser.pageSource()).doesNotContain("admin.users.");
                assertThat(browser.smallTargets()).as("targets under 48 px on the English user form").isEmpty();
                browser.screenshot("user-scope-en");
                browser.press("[data-testid=scope-national]");
                browser.click("[data-testid=save]");
                assertThat(browser.text("[data-testid=scope-of-narges]")).isEqualTo("Whole country");
                assertThat(api.get("/api/users/narges/scope").json().get("national").asBoolean()).isTrue();
            }

            // Each save of a new scope wrote one audit row, by the administrator who made it.
            List<JsonNode> changes = api.get("/api/audit?entityType=user&entityId=narges").json().findParents("action")
                    .stream().filter(a -> a.get("action").asText().equals("user.scope_changed")).toList();
            assertThat(changes).extracting(a -> a.get("actor").asText()).containsExactlyInAnyOrder("admin", "john");
        }
    }
}
