package org.tavan.distribution;

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
import org.tavan.quality.BrokerRig;
import org.tavan.testing.Http;
import org.tavan.testing.ReleasedStock;
import org.tavan.testing.TestApps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole path over real HTTP: CSV import of people and assessments, released units, a
 * matcher run with reasons, an officer's rejection and approval, and the service case from
 * shipment to the last follow-up; then a return that puts the unit back into stock.
 */
class AllocationEndToEndTest {

    static final String PASSWORD = "role-test-password";

    @TempDir
    Path dir;

    static final String CSV = """
            national_id,full_name,birth_date,sex,woman_head_of_household,province,county,rural,centre,phone,registered_on,consent,device_class,need_level,urgency,environment,referral_source,assessed_on,measurements
            %s,زهرا حسینی,1988-04-02,female,true,08,ری,false,C-08-REY,,2025-01-10,true,12.22,4,soon,آپارتمان,بیمارستان امام,2025-01-20,"hip_width_mm=400;thigh_length_mm=470;body_mass_kg=68"
            %s,محمد رحیمی,1975-09-11,male,false,04,کاشان,false,C-04-KSN,,2025-03-01,true,12.22,5,urgent,خانه ویلایی,مرکز بهداشت,2025-03-05,"hip_width_mm=410;thigh_length_mm=480;body_mass_kg=90"
            %s,علی موسوی,1979-01-20,male,false,16,زاهدان,true,C-16-ZHD,,2025-06-01,true,12.22,2,routine,روستا,بهورز,2025-06-03,"hip_width_mm=500;thigh_length_mm=480;body_mass_kg=80"
            """.formatted(NationalIds.withCheckDigit("001234567"), NationalIds.withCheckDigit("002345678"), NationalIds.withCheckDigit("003456789"));

    private static void addUser(App app, String name, String role) {
        app.users().create(new Users.NewUser(name, name, PASSWORD, List.of(role), "fa"), Actor.system("test"));
    }

    @Test
    void floor_quality_and_technician_users_get_403_on_personal_data_and_allocation() {
        try (App app = TestApps.start(dir)) {
            for (String role : List.of("floor", "quality", "technician")) {
                addUser(app, "u-" + role, role);
                Http http = new Http(app.httpPort()).signIn("u-" + role, PASSWORD);
                for (String path : List.of("/api/beneficiaries", "/api/beneficiaries/1", "/api/allocation/proposals",
                        "/api/allocation/fairness", "/api/allocation/policy", "/api/distribution/cases")) {
                    assertThat(http.get(path).status()).as(role + " GET " + path).isEqualTo(403);
                }
                assertThat(http.postRaw("/api/beneficiaries/import", "text/csv", CSV).status()).as(role).isEqualTo(403);
                assertThat(http.post("/api/allocation/runs", Map.of()).status()).as(role).isEqualTo(403);
            }
            assertThat(new Http(app.httpPort()).get("/api/beneficiaries").status()).isEqualTo(401);
        }
    }

    @Test
    void from_csv_import_to_the_last_follow_up_and_back_into_stock() throws Exception {
        try (App app = TestApps.start(dir)) {
            addUser(app, "officer", "distribution");
            Http http = new Http(app.httpPort()).signIn("officer", PASSWORD);
            Http admin = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD);
            // Released the real way: work order, stations, release by quality; then to the national warehouse.
            ReleasedStock maker = ReleasedStock.wheelchairWorkshop(app);
            Http lead = maker.quality();
            List<String> made = maker.make("WCT-44", 2);
            Http.Response moved = http.post("/api/inventory/transfers", Map.of("serial", made.get(1), "to", "NW-E2E"));
            assertThat(moved.status()).as(moved.body()).isEqualTo(201);

            Http.Response imported = http.postRaw("/api/beneficiaries/import", "text/csv", CSV);
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
            assertThat(imported.json().get("assessmentsCreated").asInt()).isEqualTo(3);
            Http.Response again = http.postRaw("/api/beneficiaries/import", "text/csv", CSV);
            assertThat(again.json().get("assessmentsCreated").asInt()).isZero();
            assertThat(again.json().get("peopleAlreadyRegistered").asInt()).isEqualTo(3);

            Http.Response broken = http.postRaw("/api/beneficiaries/import", "text/csv",
                    CSV.replace("2025-06-03", "2025-13-03"));
            assertThat(broken.status()).isEqualTo(400);
            assertThat(broken.json().at("/details/errors/0/line").asInt()).isEqualTo(4);
            assertThat(broken.json().at("/details/errors/0/column").asText()).isEqualTo("assessed_on");

            JsonNode units = http.get("/api/allocation/units").json();
            assertThat(units).hasSize(2);
            assertThat(units.get(0).get("deviceClass").asText()).isEqualTo("12.22");
            assertThat(units.get(0).at("/specs/seat_width_mm").asText()).isEqualTo("440");

            Http.Response run = http.post("/api/allocation/runs", Map.of());
            assertThat(run.status()).as(run.body()).isEqualTo(201);
            assertThat(run.json().get("policyVersion").asText()).isEqualTo("v3");
            assertThat(run.json().get("proposals").asInt()).isEqualTo(2);

            JsonNode proposals = http.get("/api/allocation/proposals?status=proposed").json();
            assertThat(proposals).hasSize(2);
            // The person with hips of 500 mm fits no 440 mm seat: never proposed.
            JsonNode first = proposals.get(0);
            assertThat(first.at("/reasons/score/total").asInt()).isGreaterThan(0);
            assertThat(first.at("/reasons/fitRulesPassed/0").asText()).startsWith("seat-width");
            assertThat(first.at("/reasons/share/seat").asText()).isNotEmpty();
            assertThat(first.get("policyVersion").asText()).isEqualTo("v3");

            JsonNode second = proposals.get(1);
            assertThat(http.post("/api/allocation/proposals/" + second.get("id").asLong() + "/reject", Map.of("reason", " "))
                    .status()).isEqualTo(400);
            Http.Response rejected = http.post("/api/allocation/proposals/" + second.get("id").asLong() + "/reject",
                    Map.of("reason", "خانواده منتقل شده‌اند؛ دوباره ارزیابی شود"));
            assertThat(rejected.json().get("status").asText()).isEqualTo("rejected");

            long proposalId = first.get("id").asLong();
            Http.Response approved = http.post("/api/allocation/proposals/" + proposalId + "/approve", Map.of());
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(http.post("/api/allocation/proposals/" + proposalId + "/approve", Map.of()).status()).isEqualTo(409);
            String serial = first.get("serial").asText();
            assertThat(unitStatus(http, serial)).isEqualTo("reserved");
            String from = http.get("/api/inventory/units/" + serial).json().get("locationCode").asText();
            String centre = http.get("/api/beneficiaries/" + first.get("beneficiaryId").asLong()).json().at("/person/centre").asText();
            assertThat(centre).startsWith("C-");

            Http.Response opened = http.post("/api/distribution/cases", Map.of("proposalId", proposalId));
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            long caseId = opened.json().get("id").asLong();
            assertThat(http.post("/api/distribution/cases/" + caseId + "/hand-over",
                    Map.of("receiptNumber", "R-1", "receivedByName", "x")).status()).as("out of order").isEqualTo(409);

            JsonNode shipped = http.post("/api/distribution/cases/" + caseId + "/shipment",
                    Map.of("accessories", List.of("cushion", "tool kit"), "carrier", "پست")).json();
            assertThat(shipped.at("/shipment/packingList/serial").asText()).isEqualTo(serial);
            // The shipment is on the stock side: a packing list, the unit committed but still at its origin.
            long shipmentId = shipped.at("/shipment/packingList/stockShipmentId").asLong();
            JsonNode shipment = http.get("/api/inventory/shipments/" + shipmentId).json();
            assertThat(shipment.get("status").asText()).isEqualTo("dispatched");
            assertThat(shipment.get("to").asText()).isEqualTo(centre);
            assertThat(shipment.at("/lines/0/serial").asText()).isEqualTo(serial);
            assertThat(shipment.get("notes").asText()).contains("cushion", "tool kit");
            assertThat(http.get("/api/inventory/units/" + serial).json().get("locationCode").asText()).isEqualTo(from);
            Http.Response packingList = http.get("/inventory/shipments/" + shipmentId);
            assertThat(packingList.status()).isEqualTo(200);
            assertThat(packingList.body()).contains("فهرست بسته‌بندی", serial, centre, "در راه", "امضای گیرنده",
                    "cushion, tool kit");
            assertThat(http.get("/inventory/shipments/999999").status()).isEqualTo(404);
            Http.Response inTransit = http.post("/api/inventory/transfers", Map.of("serial", serial, "to", "PW-04"));
            assertThat(inTransit.status()).isEqualTo(409);
            assertThat(inTransit.json().get("code").asText()).isEqualTo("unit_in_transit");
            http.post("/api/distribution/cases/" + caseId + "/receipt",
                    Map.of("receivedBy", "کارشناس مرکز", "proofOfDelivery", "signed delivery note 4411"));
            assertThat(http.get("/api/inventory/shipments/" + shipmentId).json().get("proofOfDelivery").asText())
                    .isEqualTo("signed delivery note 4411");
            JsonNode atCentre = http.get("/api/inventory/units/" + serial).json();
            assertThat(atCentre.get("locationCode").asText()).isEqualTo(centre);
            assertThat(atCentre.get("status").asText()).isEqualTo("reserved");
            assertThat(http.get("/api/inventory/ledger?serial=" + serial).json().findValuesAsText("refType"))
                    .contains("shipment", "proposal", "work_order");
            http.post("/api/distribution/cases/" + caseId + "/hand-over",
                    Map.of("receiptNumber", "R-2026-001", "receivedByName", "زهرا حسینی"));
            assertThat(unitStatus(http, serial)).isEqualTo("issued");
            // Fitting with the centre's pressure mat: its frames of the last minutes are attached and kept.
            String matPassword = BrokerRig.register(admin, "mat-e2e-01", "pressure-mat-16", 200, "CAL-MAT-1");
            Http.Response noReadings = http.post("/api/distribution/cases/" + caseId + "/fitting",
                    Map.of("notes", "cushion pressure checked", "rigId", "mat-e2e-01"));
            assertThat(noReadings.status()).as(noReadings.body()).isEqualTo(409);
            assertThat(noReadings.json().get("code").asText()).isEqualTo("no_fitting_readings");
            try (BrokerRig mat = BrokerRig.connect(app, admin, "mat-e2e-01", "pressure-mat-16", matPassword)) {
                for (double peak : new double[] {41.5, 38.0, 36.5}) {
                    Map<String, Double> cells = new java.util.HashMap<>();
                    for (int r = 0; r < 16; r++) {
                        for (int c = 0; c < 16; c++) {
                            cells.put(String.format("p_r%02d_c%02d", r, c), r == 7 && c == 8 ? peak : 12.0);
                        }
                    }
                    mat.send(cells);
                }
            }
            Http.Response fitted = http.post("/api/distribution/cases/" + caseId + "/fitting",
                    Map.of("notes", "cushion pressure checked", "rigSessionId", "pressure-map-77", "rigId", "mat-e2e-01"));
            assertThat(fitted.status()).as(fitted.body()).isEqualTo(200);
            JsonNode fittingStep = fitted.json().get("steps").findParents("step").stream()
                    .filter(st -> st.get("step").asInt() == 6).findFirst().orElseThrow();
            assertThat(fittingStep.at("/details/rig/frames").asInt()).isEqualTo(3);
            assertThat(fittingStep.at("/details/rig/summary/peak/max").asDouble()).isEqualTo(41.5);
            assertThat(fittingStep.at("/details/rig/summary/peak/unit").asText()).isEqualTo("mmHg");
            assertThat(fittingStep.at("/details/rig/frameIds")).hasSize(3);
            // Kept for the case: retention will not delete the frames the fitting cites.
            int holds = app.database().read(h -> h.createQuery("SELECT COUNT(*) FROM reading_holds WHERE held_by = :by")
                    .bind("by", "service_case:" + caseId).mapTo(Integer.class).one());
            assertThat(holds).isEqualTo(1);
            JsonNode trained = http.post("/api/distribution/cases/" + caseId + "/training",
                    Map.of("topics", List.of("transfers", "brakes", "tyre pressure"), "followUpInMonths", List.of(1, 6))).json();
            assertThat(trained.get("followUps")).hasSize(2);
            JsonNode done = null;
            for (JsonNode f : trained.get("followUps")) {
                Http.Response r = http.post("/api/distribution/cases/" + caseId + "/follow-ups/" + f.get("id").asLong(),
                        Map.of("outcome", "ok", "notes", "در حال استفاده"));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                done = r.json();
            }
            assertThat(done.get("status").asText()).isEqualTo("closed");
            List<Integer> steps = done.get("steps").findValues("step").stream().map(JsonNode::asInt).distinct().toList();
            assertThat(steps).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(done.toString()).contains("pressure-map-77");

            JsonNode fairness = http.get("/api/allocation/fairness").json();
            assertThat(fairness.get("totalAllocated").asInt()).isEqualTo(1);
            assertThat(fairness.get("latestShares")).isNotEmpty();
            Http.Response fairnessPage = http.get("/distribution/fairness");
            assertThat(fairnessPage.status()).isEqualTo(200);
            // One of three registered needs allocated; Tehran, Isfahan, Sistan and Baluchestan listed; Persian percents.
            assertThat(fairnessPage.body()).contains("گزارش عدالت در تخصیص", "۱ تخصیص از ۳ نیاز ثبت‌شده", "تهران",
                    "اصفهان", "سیستان و بلوچستان", "زنان سرپرست خانوار", "٪");

            Http.Response returned = http.post("/api/distribution/cases/" + caseId + "/return",
                    Map.of("reason", "seat too narrow after weight gain", "backToWaiting", true));
            assertThat(returned.json().get("status").asText()).isEqualTo("returned");
            assertThat(unitStatus(http, serial)).isEqualTo("in_repair");
            assertThat(http.get("/api/inventory/balances?location=" + centre + "&sku=WCT-44").json().at("/0/quantity").asLong())
                    .isEqualTo(1);

            // Back through quality: refurbishment needs the unit at a workshop, a reason, and fresh steps.
            refusedWith(lead.post("/api/quality/units/" + serial + "/refurbish", Map.of("reason", "widen the seat")), 409,
                    "not_at_a_workshop");
            JsonNode back = http.post("/api/inventory/shipments", Map.of("from", centre, "to", "WS-E2E",
                    "lines", List.of(Map.of("serial", serial)), "carrier", "پست")).json();
            http.post("/api/inventory/shipments/" + back.get("id").asLong() + "/receipt",
                    Map.of("receivedBy", "انباردار کارگاه", "proofOfDelivery", "POD-RET-1"));
            refusedWith(lead.post("/api/quality/units/" + serial + "/refurbish", Map.of("reason", " ")), 400, "invalid_input");
            refusedWith(http.post("/api/quality/units/" + serial + "/refurbish", Map.of("reason", "x")), 403, "forbidden");
            JsonNode reopened = lead.post("/api/quality/units/" + serial + "/refurbish",
                    Map.of("reason", "widen the seat")).json();
            assertThat(reopened.get("state").asText()).isEqualTo("rework_waiting");
            assertThat(admin.get("/api/audit?entityType=unit&entityId=" + serial).json().toString())
                    .contains("unit.reopened_for_refurbishment", "widen the seat");
            refusedWith(lead.post("/api/quality/units/" + serial + "/release", Map.of()), 409, "unit_not_finished");
            assertThat(unitStatus(http, serial)).isEqualTo("in_repair");
            maker.walk(serial);
            Http.Response rereleased = lead.post("/api/quality/units/" + serial + "/release", Map.of());
            assertThat(rereleased.status()).as(rereleased.body()).isEqualTo(200);
            assertThat(unitStatus(http, serial)).isEqualTo("available");
            refusedWith(lead.post("/api/quality/units/" + serial + "/refurbish", Map.of("reason", "again")), 409,
                    "unit_not_in_repair");
            assertThat(lead.get("/api/floor/units/" + serial).json().get("reworkCount").asInt()).isEqualTo(1);

            // Every step was a ledger row; on-hand at each place is the sum of the unit's movements there.
            JsonNode ledger = http.get("/api/inventory/ledger?serial=" + serial).json();
            assertThat(ledger.findValuesAsText("reason")).contains("release", "reservation", "transfer", "issue",
                    "return", "repair");
            for (String place : List.of(centre, "WS-E2E")) {
                long sum = 0;
                for (JsonNode m : ledger) {
                    sum += m.get("locationCode").asText().equals(place) ? m.get("quantity").asLong() : 0;
                }
                assertThat(sum).as(place).isEqualTo(place.equals("WS-E2E") ? 1 : 0);
            }
            assertThat(http.get("/api/inventory/units/" + serial).json().get("locationCode").asText()).isEqualTo("WS-E2E");

            JsonNode audit = new Http(app.httpPort()).signIn("admin", TestApps.ADMIN_PASSWORD)
                    .get("/api/audit?entityType=proposal").json();
            assertThat(audit.toString()).contains("proposal.rejected").contains("proposal.approved");
        }
    }

    private static void refusedWith(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("code").asText()).as(r.body()).isEqualTo(code);
    }

    private static String unitStatus(Http http, String serial) {
        for (JsonNode u : http.get("/api/allocation/units").json()) {
            if (u.get("serial").asText().equals(serial)) {
                return u.get("status").asText();
            }
        }
        throw new AssertionError("no unit " + serial);
    }
}
