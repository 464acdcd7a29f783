package org.tavan.distribution;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tavan.App;
import org.tavan.beneficiaries.NationalIds;
import org.tavan.testing.Http;
import org.tavan.testing.ReleasedStock;
import org.tavan.testing.TestApps;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Officers scoped to one province, over real HTTP on SQLite and PostgreSQL: another province's
 * person, proposal and service case answer 404 on the API and on the pages, and never appear in
 * a list, a search, the CSV export, the waiting list or the fairness report; a scoped run
 * proposes only for its province and leaves the others' proposals alone; a national officer and
 * the administrator see everything; every scope change is in the audit log.
 */
class ScopedOfficersTest {

    static final String PASSWORD = "scoped-test-password";

    // Zahra in Tehran (08), Mohammad in Isfahan (04), Ali in Sistan and Baluchestan (16, fits no unit).
    static final String CSV = AllocationEndToEndTest.CSV.replace(",,2025-01-10,", ",0912 111 2222,2025-01-10,");
    static final String ZAHRA = "زهرا حسینی";
    static final String MOHAMMAD = "محمد رحیمی";
    static final String ALI = "علی موسوی";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_scoped_officer_reaches_only_their_province(TestDatabases.Kind kind) {
        try (App app = new App(TestApps.config(dir, TestDatabases.of(kind, dir))).start()) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            createOfficer(admin, "officer-national", Map.of("national", true));
            createOfficer(admin, "officer-tehran", Map.of("provinces", List.of("08")));
            createOfficer(admin, "officer-isfahan", null);
            Http.Response isfahanScope = admin.put("/api/users/officer-isfahan/scope", Map.of("provinces", List.of("04")));
            assertThat(isfahanScope.status()).as(isfahanScope.body()).isEqualTo(200);
            assertThat(isfahanScope.json().get("provinces").toString()).isEqualTo("[\"04\"]");

            Http national = new Http(app.httpPort()).signIn("officer-national", PASSWORD);
            Http tehran = new Http(app.httpPort()).signIn("officer-tehran", PASSWORD);
            Http isfahan = new Http(app.httpPort()).signIn("officer-isfahan", PASSWORD);
            ReleasedStock maker = ReleasedStock.wheelchairWorkshop(app);
            maker.make("WCT-44", 2);
            // A Tehran officer cannot import rows of other provinces: the whole file is refused.
            Http.Response foreignRows = tehran.postRaw("/api/beneficiaries/import", "text/csv", CSV);
            assertThat(foreignRows.status()).isEqualTo(400);
            assertThat(foreignRows.json().at("/details/errors/0/line").asInt()).isEqualTo(3);
            assertThat(foreignRows.json().at("/details/errors/0/column").asText()).isEqualTo("province");
            assertThat(national.get("/api/beneficiaries").json()).isEmpty();
            assertThat(national.postRaw("/api/beneficiaries/import", "text/csv", CSV).status()).isEqualTo(200);

            long zahra = idOf(national, ZAHRA);
            long mohammad = idOf(national, MOHAMMAD);
            long ali = idOf(national, ALI);

            // Lists, search and export: only Tehran's people, without phone or birth date.
            assertThat(names(tehran.get("/api/beneficiaries").json())).containsExactly(ZAHRA);
            assertThat(tehran.get("/api/beneficiaries?province=04").json()).isEmpty();
            assertThat(tehran.get("/api/beneficiaries?q=" + java.net.URLEncoder.encode("محمد",
                    java.nio.charset.StandardCharsets.UTF_8)).json()).isEmpty();
            String lastDigits = NationalIds.withCheckDigit("002345678").substring(7);
            assertThat(tehran.get("/api/beneficiaries?q=" + lastDigits).json()).isEmpty();
            assertThat(names(national.get("/api/beneficiaries?q=" + lastDigits).json())).containsExactly(MOHAMMAD);
            JsonNode listed = tehran.get("/api/beneficiaries").json().get(0);
            assertThat(listed.has("phone")).isFalse();
            assertThat(listed.has("birthDate")).isFalse();
            Http.Response csv = tehran.get("/api/beneficiaries?format=csv");
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body().split("\r\n")).hasSize(2);
            assertThat(csv.body()).contains(zahra + ",").doesNotContain(mohammad + ",").doesNotContain(ali + ",")
                    .doesNotContain(ZAHRA).doesNotContain("0912").doesNotContain("1988-04-02");
            assertThat(national.get("/api/beneficiaries?format=csv").body().split("\r\n")).hasSize(4);

            // Another province's person: 404 for reading, correcting and assessing; 403 to register one there.
            for (long other : List.of(mohammad, ali)) {
                assertThat(tehran.get("/api/beneficiaries/" + other).status()).isEqualTo(404);
                assertThat(tehran.put("/api/beneficiaries/" + other, edit("04")).status()).isEqualTo(404);
                assertThat(tehran.post("/api/beneficiaries/" + other + "/assessments", Map.of("deviceClass", "12.22",
                        "needLevel", 3, "urgency", "soon", "environment", "شهری", "referralSource", "مرکز",
                        "measurements", Map.of("hip_width_mm", "400"), "assessedOn", "2025-06-01")).status())
                        .isEqualTo(404);
                assertThat(tehran.get("/distribution/people/" + other).status()).isEqualTo(404);
                assertThat(tehran.get("/distribution/people/" + other + "/edit").status()).isEqualTo(404);
            }
            assertThat(tehran.get("/distribution/people/" + zahra).body()).contains(ZAHRA);
            assertThat(tehran.get("/distribution/people/" + zahra + "/edit").body()).as("the form offers Tehran only")
                    .contains("<option value=\"08\"").doesNotContain("<option value=\"04\"");
            Map<String, Object> elsewhere = new java.util.LinkedHashMap<>(edit("04"));
            elsewhere.put("nationalId", NationalIds.withCheckDigit("009876543"));
            assertThat(tehran.post("/api/beneficiaries", elsewhere).status()).isEqualTo(403);
            assertThat(tehran.put("/api/beneficiaries/" + zahra, edit("04")).status())
                    .as("moving one's own person out of the scope").isEqualTo(403);

            // A scoped run proposes only for Tehran; Isfahan's run then leaves Tehran's proposal alone.
            JsonNode tehranRun = tehran.post("/api/allocation/runs", Map.of()).json();
            assertThat(tehranRun.get("proposals").asInt()).isEqualTo(1);
            assertThat(tehranRun.get("waiting").asInt()).isEqualTo(1);
            JsonNode isfahanRun = isfahan.post("/api/allocation/runs", Map.of()).json();
            assertThat(isfahanRun.get("proposals").asInt()).isEqualTo(1);
            JsonNode all = national.get("/api/allocation/proposals?status=proposed").json();
            assertThat(all).hasSize(2);
            assertThat(provinces(all)).containsExactlyInAnyOrder("08", "04");
            assertThat(all.get(0).get("serial").asText()).isNotEqualTo(all.get(1).get("serial").asText());
            JsonNode tehranProposals = tehran.get("/api/allocation/proposals").json();
            assertThat(provinces(tehranProposals)).containsExactly("08");
            long tehranProposal = tehranProposals.get(0).get("id").asLong();
            long isfahanProposal = isfahan.get("/api/allocation/proposals").json().get(0).get("id").asLong();
            assertThat(tehran.get("/api/allocation/proposals/" + isfahanProposal).status()).isEqualTo(404);
            assertThat(tehran.post("/api/allocation/proposals/" + isfahanProposal + "/approve", Map.of()).status())
                    .isEqualTo(404);
            assertThat(tehran.post("/api/allocation/proposals/" + isfahanProposal + "/reject", Map.of("reason", "x"))
                    .status()).isEqualTo(404);
            assertThat(tehran.postRaw("/distribution/proposals/" + isfahanProposal + "/approve",
                    "application/x-www-form-urlencoded", "").status()).isEqualTo(404);
            assertThat(tehran.get("/distribution/proposals").body()).doesNotContain("/" + isfahanProposal + "/approve")
                    .contains("/" + tehranProposal + "/approve");
            String isfahanAssessment = isfahan.get("/api/allocation/proposals").json().get(0).get("assessmentId").asText();
            assertThat(tehran.post("/api/allocation/manual", Map.of("serial", all.get(0).get("serial").asText(),
                    "assessmentId", Long.parseLong(isfahanAssessment), "reason", "x")).status()).isEqualTo(404);

            // Waiting list and fairness report: Tehran's only.
            String waiting = tehran.get("/distribution/waiting-list").body();
            assertThat(waiting).contains(ZAHRA).doesNotContain(MOHAMMAD).doesNotContain(ALI);
            assertThat(national.get("/distribution/waiting-list").body()).contains(ZAHRA).contains(MOHAMMAD).contains(ALI);
            JsonNode fairness = tehran.get("/api/allocation/fairness").json();
            assertThat(provinces(fairness.get("provinces"))).containsExactly("08");
            assertThat(fairness.get("totalNeed").asInt()).isEqualTo(1);
            assertThat(provinces(fairness.get("latestShares"))).doesNotContain("04", "16");
            assertThat(national.get("/api/allocation/fairness").json().get("totalNeed").asInt()).isEqualTo(3);

            // Service cases: each officer opens their own; the other's case is 404 everywhere.
            assertThat(tehran.post("/api/allocation/proposals/" + tehranProposal + "/approve", Map.of()).status())
                    .isEqualTo(200);
            assertThat(isfahan.post("/api/allocation/proposals/" + isfahanProposal + "/approve", Map.of()).status())
                    .isEqualTo(200);
            assertThat(tehran.post("/api/distribution/cases", Map.of("proposalId", isfahanProposal)).status())
                    .isEqualTo(404);
            assertThat(tehran.get("/distribution/shipments").body()).doesNotContain(MOHAMMAD);
            long tehranCase = tehran.post("/api/distribution/cases", Map.of("proposalId", tehranProposal)).json()
                    .get("id").asLong();
            long isfahanCase = isfahan.post("/api/distribution/cases", Map.of("proposalId", isfahanProposal)).json()
                    .get("id").asLong();
            assertThat(ids(tehran.get("/api/distribution/cases").json())).containsExactly(tehranCase);
            assertThat(ids(national.get("/api/distribution/cases").json())).containsExactlyInAnyOrder(tehranCase, isfahanCase);
            assertThat(tehran.get("/api/distribution/cases/" + isfahanCase).status()).isEqualTo(404);
            assertThat(tehran.post("/api/distribution/cases/" + isfahanCase + "/shipment", Map.of()).status())
                    .isEqualTo(404);
            assertThat(tehran.get("/distribution/shipments/" + isfahanCase).status()).isEqualTo(404);
            assertThat(tehran.postRaw("/distribution/shipments/" + isfahanCase + "/ship",
                    "application/x-www-form-urlencoded", "carrier=x").status()).isEqualTo(404);
            assertThat(tehran.get("/distribution/shipments/" + tehranCase).body()).contains(ZAHRA);
            String cases = tehran.get("/distribution/shipments").body();
            assertThat(cases).contains(ZAHRA).doesNotContain(MOHAMMAD);
            assertThat(tehran.get("/distribution/people/" + zahra).body()).contains("/distribution/shipments/" + tehranCase);

            // The administrator sees every person; moving Mohammad to Tehran moves his proposal and case too.
            assertThat(admin.get("/api/beneficiaries").json()).hasSize(3);
            assertThat(admin.put("/api/beneficiaries/" + mohammad, edit("08")).status()).isEqualTo(200);
            assertThat(tehran.get("/api/distribution/cases/" + isfahanCase).status()).isEqualTo(200);
            assertThat(tehran.get("/api/allocation/proposals/" + isfahanProposal).status()).isEqualTo(200);
            assertThat(isfahan.get("/api/distribution/cases/" + isfahanCase).status()).isEqualTo(404);
            assertThat(isfahan.get("/api/beneficiaries").json()).isEmpty();

            // Every scope set is audited, before and after.
            JsonNode audit = admin.get("/api/audit?entityType=user&entityId=officer-isfahan").json();
            List<JsonNode> changes = audit.findParents("action").stream()
                    .filter(a -> a.get("action").asText().equals("user.scope_changed")).toList();
            assertThat(changes).hasSize(1);
            assertThat(changes.get(0).get("beforeJson").asText()).contains("\"national\":true");
            assertThat(changes.get(0).get("afterJson").asText()).contains("\"provinces\":[\"04\"]");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_bad_scope_is_a_400_naming_the_field_and_changes_nothing(TestDatabases.Kind kind) {
        try (App app = new App(TestApps.config(dir, TestDatabases.of(kind, dir))).start()) {
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            createOfficer(admin, "officer-one", Map.of("provinces", List.of("08")));
            Map<String, Map<String, Object>> bad = new java.util.LinkedHashMap<>();
            bad.put("provinces", Map.of("provinces", List.of("32")));
            bad.put("national", Map.of());
            bad.put("provinces ", Map.of("national", true, "provinces", List.of("08")));
            bad.put("provinces  ", Map.of("national", false));
            bad.put("centres", Map.of("provinces", List.of("08"), "centres", List.of(" ")));
            for (Map.Entry<String, Map<String, Object>> e : bad.entrySet()) {
                Http.Response r = admin.put("/api/users/officer-one/scope", e.getValue());
                assertThat(r.status()).as(e.getValue() + ": " + r.body()).isEqualTo(400);
                assertThat(r.json().at("/details/field").asText()).as(e.getKey()).isEqualTo(e.getKey().strip());
            }
            assertThat(admin.get("/api/users/officer-one/scope").json().get("provinces").toString()).isEqualTo("[\"08\"]");
            assertThat(admin.put("/api/users/nobody/scope", Map.of("national", true)).status()).isEqualTo(404);
            Http officer = new Http(app.httpPort()).signIn("officer-one", PASSWORD);
            assertThat(officer.put("/api/users/officer-one/scope", Map.of("national", true)).status()).isEqualTo(403);
            JsonNode audit = admin.get("/api/audit?entityType=user&entityId=officer-one").json();
            assertThat(audit.findParents("action").stream()
                    .filter(a -> a.get("action").asText().equals("user.scope_changed"))).isEmpty();
            // Centres narrow a province: a centre-scoped officer sees only that centre's people.
            assertThat(admin.put("/api/users/officer-one/scope", Map.of("provinces", List.of("08"),
                    "centres", List.of("C-08-THR"))).status()).isEqualTo(200);
            assertThat(new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD)
                    .postRaw("/api/beneficiaries/import", "text/csv", CSV).status()).isEqualTo(200);
            assertThat(officer.get("/api/beneficiaries").json()).as("Zahra is registered at C-08-REY").isEmpty();
            assertThat(admin.put("/api/users/officer-one/scope", Map.of("provinces", List.of("08"),
                    "centres", List.of("C-08-REY"))).status()).isEqualTo(200);
            assertThat(names(officer.get("/api/beneficiaries").json())).containsExactly(ZAHRA);
        }
    }

    private static void createOfficer(Http admin, String username, Map<String, Object> scope) {
        Map<String, Object> user = new java.util.HashMap<>(Map.of("username", username, "displayName", username,
                "password", PASSWORD, "roles", List.of("distribution"), "language", "fa"));
        if (scope != null) {
            user.put("scope", scope);
        }
        Http.Response r = admin.post("/api/users", user);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** Zahra's details, moved to {@code province}: a valid edit body. */
    private static Map<String, Object> edit(String province) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("fullName", province.equals("08") ? MOHAMMAD : ZAHRA);
        e.put("birthDate", "1975-09-11");
        e.put("sex", "male");
        e.put("womanHeadOfHousehold", false);
        e.put("province", province);
        e.put("county", "شهر");
        e.put("rural", false);
        e.put("centre", "C-" + province + "-X");
        e.put("phone", "");
        e.put("registeredOn", "2025-03-01");
        e.put("consent", true);
        return e;
    }

    private static long idOf(Http http, String name) {
        for (JsonNode p : http.get("/api/beneficiaries").json()) {
            if (p.get("fullName").asText().equals(name)) {
                return p.get("id").asLong();
            }
        }
        throw new AssertionError(name + " is not registered");
    }

    private static List<String> names(JsonNode people) {
        List<String> names = new ArrayList<>();
        people.forEach(p -> names.add(p.get("fullName").asText()));
        return names;
    }

    private static List<String> provinces(JsonNode rows) {
        List<String> provinces = new ArrayList<>();
        rows.forEach(p -> provinces.add(p.get("province").asText()));
        return provinces;
    }

    private static List<Long> ids(JsonNode rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(p -> ids.add(p.get("id").asLong()));
        return ids;
    }
}
