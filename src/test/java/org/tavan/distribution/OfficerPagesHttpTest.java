package org.tavan.distribution;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.App;
import org.tavan.audit.Actor;
import org.tavan.auth.Users;
import org.tavan.testing.Http;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The officers' pages over plain HTTP: the person form goes through the same checks and audit
 * as the API, a refused form or an out-of-order case action changes nothing, bad filters are
 * 400, and other roles cannot see personal data on any of these pages.
 */
class OfficerPagesHttpTest {

    static final String PASSWORD = "pages-test-password";

    @TempDir
    Path dir;

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static Map<String, String> personForm() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("fullName", "مریم کریمی");
        // Typed in Solar Hijri, as the Persian form asks (2015-09-11 and 2025-03-01).
        f.put("birthDate", "1394/06/20");
        f.put("sex", "female");
        f.put("province", "04");
        f.put("county", "آران و بیدگل");
        f.put("rural", "true");
        f.put("centre", "مرکز بهزیستی کاشان");
        f.put("phone", "");
        f.put("registeredOn", "1403/12/11");
        f.put("consent", "true");
        return f;
    }

    @Test
    void the_person_form_saves_through_the_service_and_a_refused_form_changes_nothing() {
        try (App app = TestApps.start(dir)) {
            app.users().create(new Users.NewUser("officer", "officer", PASSWORD, List.of("distribution"), "fa"),
                    Actor.system("test"));
            Http http = new Http(app.httpPort()).signIn("officer", PASSWORD);
            assertThat(http.postRaw("/api/beneficiaries/import", "text/csv", OfficerScreensBrowserTest.CSV).status())
                    .isEqualTo(200);
            long id = http.get("/api/beneficiaries?province=04").json().get(0).get("id").asLong();
            String before = http.get("/api/beneficiaries/" + id).body();

            Map<String, String> noConsent = personForm();
            noConsent.remove("consent");
            Http.Response refused = http.postRaw("/distribution/people/" + id, "application/x-www-form-urlencoded",
                    form(noConsent));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains("بدون رضایت مددجو نمی‌توان مشخصاتش را نگه داشت.")
                    .contains("آران و بیدگل");
            assertThat(http.get("/api/beneficiaries/" + id).body()).isEqualTo(before);

            Http.Response saved = http.postRaw("/distribution/people/" + id, "application/x-www-form-urlencoded",
                    form(personForm()));
            assertThat(saved.status()).isEqualTo(302);
            assertThat(saved.headers().firstValue("Location")).hasValue("/distribution/people/" + id + "?saved=1");
            JsonNode person = http.get("/api/beneficiaries/" + id).json().get("person");
            assertThat(person.get("county").asText()).isEqualTo("آران و بیدگل");
            assertThat(person.get("womanHeadOfHousehold").asBoolean()).isFalse();
            assertThat(http.get("/distribution/people/" + id + "?saved=1").body()).contains("مشخصات ذخیره شد.").contains("آران و بیدگل");
            assertThat(http.get("/distribution/people/" + id + "/edit").body()).contains("value=\"آران و بیدگل\"");
            assertThat(http.get("/distribution/people/999999").status()).isEqualTo(404);
        }
    }

    @Test
    void an_out_of_order_case_action_is_409_and_bad_filters_are_400() {
        try (App app = TestApps.start(dir)) {
            app.users().create(new Users.NewUser("officer", "officer", PASSWORD, List.of("distribution"), "fa"),
                    Actor.system("test"));
            Http http = new Http(app.httpPort()).signIn("officer", PASSWORD);
            http.postRaw("/api/beneficiaries/import", "text/csv", OfficerScreensBrowserTest.CSV);
            OfficerScreensBrowserTest.releasedUnit(app);
            http.post("/api/allocation/runs", Map.of());
            long proposal = http.get("/api/allocation/proposals?status=proposed").json().get(0).get("id").asLong();
            http.post("/api/allocation/proposals/" + proposal + "/approve", Map.of());
            Http.Response opened = http.postRaw("/distribution/shipments/open", "application/x-www-form-urlencoded",
                    "proposalId=" + proposal);
            assertThat(opened.status()).isEqualTo(302);
            long caseId = http.get("/api/distribution/cases").json().get(0).get("id").asLong();
            assertThat(opened.headers().firstValue("Location")).hasValue("/distribution/shipments/" + caseId);
            assertThat(http.postRaw("/distribution/shipments/open", "application/x-www-form-urlencoded",
                    "proposalId=" + proposal).status()).as("a second case for one proposal").isEqualTo(409);

            Http.Response early = http.postRaw("/distribution/shipments/" + caseId + "/hand-over",
                    "application/x-www-form-urlencoded", "receiptNumber=R-1&receivedByName=x");
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.body()).contains("این گام الان ممکن نیست");
            Http.Response months = http.postRaw("/distribution/shipments/" + caseId + "/training",
                    "application/x-www-form-urlencoded", "topics=a&followUpInMonths=soon");
            assertThat(months.status()).isEqualTo(400);
            assertThat(http.get("/api/distribution/cases/" + caseId).json().get("status").asText()).isEqualTo("open");

            assertThat(http.get("/distribution/waiting-list?province=99").status()).isEqualTo(400);
            assertThat(http.get("/distribution/waiting-list?deviceClass=wheelchair").status()).isEqualTo(400);
            assertThat(http.get("/distribution/shipments?status=lost").status()).isEqualTo(400);
            assertThat(http.get("/distribution/waiting-list?province=04&deviceClass=12.22").body()).contains("مریم کریمی")
                    .doesNotContain("علی موسوی");
        }
    }

    @Test
    void floor_quality_and_technician_users_get_403_on_the_officers_pages() {
        try (App app = TestApps.start(dir)) {
            app.users().create(new Users.NewUser("officer", "officer", PASSWORD, List.of("distribution"), "fa"),
                    Actor.system("test"));
            new Http(app.httpPort()).signIn("officer", PASSWORD)
                    .postRaw("/api/beneficiaries/import", "text/csv", OfficerScreensBrowserTest.CSV);
            for (String role : List.of("floor", "quality", "technician")) {
                app.users().create(new Users.NewUser("u-" + role, "u-" + role, PASSWORD, List.of(role), "fa"),
                        Actor.system("test"));
                Http other = new Http(app.httpPort()).signIn("u-" + role, PASSWORD);
                for (String path : List.of("/distribution/waiting-list", "/distribution/people/1",
                        "/distribution/people/1/edit", "/distribution/shipments", "/distribution/shipments/1")) {
                    Http.Response r = other.get(path);
                    assertThat(r.status()).as(role + " " + path).isEqualTo(403);
                    assertThat(r.body()).doesNotContain("زهرا");
                }
                assertThat(other.postRaw("/distribution/people/1", "application/x-www-form-urlencoded",
                        form(personForm())).status()).as(role).isEqualTo(403);
            }
        }
    }
}
