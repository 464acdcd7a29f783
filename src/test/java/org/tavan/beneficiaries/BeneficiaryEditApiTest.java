package org.tavan.beneficiaries;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * {@code PUT /api/beneficiaries/{id}} over HTTP: a good edit changes the person and writes one
 * audit row (before/after without personal values); every bad field is a 400 naming it with
 * nothing changed; the national ID cannot be changed; other roles get 403; an unknown id 404.
 */
class BeneficiaryEditApiTest {

    static final String PASSWORD = "edit-test-password";

    @TempDir
    Path dir;

    static Map<String, Object> registration() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("nationalId", NationalIds.withCheckDigit("001234567"));
        p.put("fullName", "زهرا حسینی");
        p.put("birthDate", "1988-04-02");
        p.put("sex", "female");
        p.put("womanHeadOfHousehold", true);
        p.put("province", "08");
        p.put("county", "ری");
        p.put("rural", false);
        p.put("centre", "مرکز توانبخشی ری");
        p.put("phone", "0912 000 1111");
        p.put("registeredOn", "2025-01-10");
        p.put("consent", true);
        return p;
    }

    /** The registration without the national ID: a valid edit body. */
    static Map<String, Object> edit() {
        Map<String, Object> e = new LinkedHashMap<>(registration());
        e.remove("nationalId");
        return e;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> e = new HashMap<>(edit());
        e.put(field, value);
        return e;
    }

    @Test
    void an_officer_corrects_a_person_and_the_audit_row_names_the_fields_without_their_values() throws Exception {
        try (App app = TestApps.start(dir)) {
            app.users().create(new Users.NewUser("officer", "officer", PASSWORD, List.of("distribution"), "fa"),
                    Actor.system("test"));
            Http http = new Http(app.httpPort()).signIn("officer", PASSWORD);
            long id = http.post("/api/beneficiaries", registration()).json().get("id").asLong();

            Map<String, Object> change = edit();
            change.put("fullName", "زهرا حسینی‌نژاد");
            change.put("province", "04");
            change.put("county", "کاشان");
            change.put("rural", true);
            change.put("phone", "");
            Http.Response r = http.put("/api/beneficiaries/" + id, change);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("fullName").asText()).isEqualTo("زهرا حسینی‌نژاد");
            JsonNode stored = http.get("/api/beneficiaries/" + id).json().get("person");
            assertThat(stored.get("province").asText()).isEqualTo("04");
            assertThat(stored.get("county").asText()).isEqualTo("کاشان");
            assertThat(stored.get("rural").asBoolean()).isTrue();
            assertThat(stored.get("phone").isNull()).isTrue();
            assertThat(stored.get("nationalIdLast").asText()).isEqualTo(NationalIds.withCheckDigit("001234567").substring(7));

            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            JsonNode audit = admin.get("/api/audit?entityType=beneficiary&entityId=" + id).json();
            List<JsonNode> changes = audit.findParents("action").stream()
                    .filter(a -> a.get("action").asText().equals("beneficiary.changed")).toList();
            assertThat(changes).hasSize(1);
            JsonNode row = changes.get(0);
            assertThat(row.get("actor").asText()).contains("officer");
            JsonNode beforeRow = org.tavan.Json.mapper().readTree(row.get("beforeJson").asText());
            JsonNode afterRow = org.tavan.Json.mapper().readTree(row.get("afterJson").asText());
            assertThat(beforeRow.get("province").asText()).isEqualTo("08");
            assertThat(afterRow.get("province").asText()).isEqualTo("04");
            assertThat(afterRow.get("changedFields").toString())
                    .isEqualTo("[\"fullName\",\"province\",\"county\",\"rural\",\"phone\"]");
            // Quality leads read the audit log: no names, phone numbers or birth dates in it.
            assertThat(audit.toString()).doesNotContain("زهرا").doesNotContain("0912").doesNotContain("1988");

            // The same details again change nothing and write no audit row.
            assertThat(http.put("/api/beneficiaries/" + id, change).status()).isEqualTo(200);
            assertThat(admin.get("/api/audit?entityType=beneficiary&entityId=" + id).json().findParents("action").stream()
                    .filter(a -> a.get("action").asText().equals("beneficiary.changed")).count()).isEqualTo(1);
        }
    }

    @Test
    void every_bad_field_is_a_400_naming_it_and_changes_nothing() {
        try (App app = TestApps.start(dir)) {
            app.users().create(new Users.NewUser("officer", "officer", PASSWORD, List.of("distribution"), "fa"),
                    Actor.system("test"));
            Http http = new Http(app.httpPort()).signIn("officer", PASSWORD);
            long id = http.post("/api/beneficiaries", registration()).json().get("id").asLong();
            String before = http.get("/api/beneficiaries/" + id).body();

            Map<String, Map<String, Object>> bad = new LinkedHashMap<>();
            bad.put("fullName", with("fullName", " "));
            bad.put("birthDate", with("birthDate", "1988-13-02"));
            bad.put("sex", with("sex", "unknown"));
            Map<String, Object> manHead = with("sex", "male");
            bad.put("womanHeadOfHousehold", manHead);
            bad.put("province", with("province", "32"));
            bad.put("county", with("county", "x".repeat(81)));
            bad.put("rural", with("rural", null));
            bad.put("centre", with("centre", ""));
            bad.put("phone", with("phone", "call me"));
            bad.put("registeredOn", with("registeredOn", "2999-01-01"));
            bad.put("consent", with("consent", false));
            for (Map.Entry<String, Map<String, Object>> e : bad.entrySet()) {
                Http.Response r = http.put("/api/beneficiaries/" + id, e.getValue());
                assertThat(r.status()).as(e.getKey() + ": " + r.body()).isEqualTo(400);
                assertThat(r.json().at("/details/field").asText()).as(e.getKey()).isEqualTo(e.getKey());
                assertThat(r.json().get("error").asText()).as(e.getKey()).startsWith(e.getKey() + ":");
            }

            Http.Response withId = http.put("/api/beneficiaries/" + id, with("nationalId", NationalIds.withCheckDigit("001234567")));
            assertThat(withId.status()).isEqualTo(400);
            assertThat(withId.json().at("/details/field").asText()).isEqualTo("nationalId");
            assertThat(withId.json().get("error").asText()).contains("national ID cannot be changed");

            Http.Response unknownField = http.put("/api/beneficiaries/" + id, with("nickname", "Zari"));
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(unknownField.json().at("/details/field").asText()).isEqualTo("nickname");
            assertThat(http.put("/api/beneficiaries/abc", edit()).status()).isEqualTo(400);

            assertThat(http.get("/api/beneficiaries/" + id).body()).isEqualTo(before);
        }
    }

    @Test
    void other_roles_get_403_and_an_unknown_person_404() {
        try (App app = TestApps.start(dir)) {
            app.users().create(new Users.NewUser("officer", "officer", PASSWORD, List.of("distribution"), "fa"),
                    Actor.system("test"));
            Http officer = new Http(app.httpPort()).signIn("officer", PASSWORD);
            long id = officer.post("/api/beneficiaries", registration()).json().get("id").asLong();
            for (String role : List.of("floor", "quality", "technician")) {
                app.users().create(new Users.NewUser("u-" + role, "u-" + role, PASSWORD, List.of(role), "fa"),
                        Actor.system("test"));
                Http other = new Http(app.httpPort()).signIn("u-" + role, PASSWORD);
                assertThat(other.put("/api/beneficiaries/" + id, with("fullName", "دیگری")).status()).as(role)
                        .isEqualTo(403);
            }
            assertThat(new Http(app.httpPort()).put("/api/beneficiaries/" + id, edit()).status()).isEqualTo(401);
            assertThat(officer.get("/api/beneficiaries/" + id).json().at("/person/fullName").asText()).isEqualTo("زهرا حسینی");

            Http.Response missing = officer.put("/api/beneficiaries/999999", edit());
            assertThat(missing.status()).isEqualTo(404);
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            assertThat(admin.put("/api/beneficiaries/" + id, with("centre", "مرکز شهر ری")).status()).isEqualTo(200);
        }
    }
}
