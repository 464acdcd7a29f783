package org.tavan.allocation;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tavan.auth.Scope;
import org.tavan.beneficiaries.NationalIds;
import org.tavan.Json;
import org.tavan.audit.Actor;
import org.tavan.beneficiaries.Beneficiaries;
import org.tavan.beneficiaries.BeneficiaryView;
import org.tavan.beneficiaries.NewAssessment;
import org.tavan.beneficiaries.NewBeneficiary;
import org.tavan.errors.InvalidInput;
import org.tavan.catalog.Catalog;
import org.tavan.inventory.Location;
import org.tavan.inventory.Stock;
import org.tavan.inventory.StockRef;
import org.tavan.storage.Database;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The waiting list scores people exactly as the matcher's run does, ranks them as it does, and filters in SQL. */
class WaitingListTest {

    static final Actor OFFICER = Actor.user("officer", "test");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void the_waiting_list_shows_the_priorities_the_proposals_carry(TestDatabases.Kind kind) {
        try (Database db = Database.open(TestDatabases.of(kind, dir), null)) {
            db.migrate();
            AllocationServices services = AllocationServices.on(db);
            Stock stock = services.stock();
            Catalog catalog = services.catalog();
            Beneficiaries beneficiaries = services.beneficiaries();
            ReleasedUnits units = services.units();
            Allocations allocations = services.allocations();
            WaitingList list = new WaitingList(beneficiaries, allocations);

            // A child, a woman heading a household, a rural man, and one with none of those; two provinces.
            String[][] people = {
                {"2014-05-01", "female", "false", "08", "false", "2024-02-01", "3", "urgent"},
                {"1985-01-01", "female", "true", "08", "false", "2025-05-01", "4", "soon"},
                {"1970-01-01", "male", "false", "16", "true", "2023-01-01", "2", "routine"},
                {"1990-01-01", "male", "false", "16", "false", "2025-05-01", "4", "soon"}};
            for (int i = 0; i < people.length; i++) {
                String[] p = people[i];
                BeneficiaryView v = beneficiaries.register(new NewBeneficiary(NationalIds.withCheckDigit("00765432" + i),
                        "نام " + i, p[0], p[1], Boolean.valueOf(p[2]), p[3], "شهرستان", Boolean.valueOf(p[4]), "مرکز", null,
                        p[5], true), Scope.NATIONAL, OFFICER);
                beneficiaries.assess(v.id(), new NewAssessment("06.24", Integer.valueOf(p[6]), p[7], "شهری", "بیمارستان",
                        Map.of("amputation_level", "transtibial", "body_mass_kg", "60"), "2025-06-01"), Scope.NATIONAL, OFFICER);
            }
            WaitingList.View view = list.list(null, null, 100, Scope.NATIONAL);
            assertThat(view.total()).isEqualTo(4);
            assertThat(view.lines()).extracting(WaitingList.Line::rank).isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(view.lines().stream().filter(WaitingList.Line::child).count()).isEqualTo(1);

            db.useTransaction(h -> {
                stock.createLocation(new Stock.NewLocation("WS", "کارگاه", Location.WORKSHOP, null, null), OFFICER);
                catalog.createModel(new Catalog.NewModel("BKP", "Below-knee pylon", "پایلون", "prosthesis", "06.24", true),
                        OFFICER);
                catalog.addVariant("BKP", new Catalog.NewVariant("BKP-TT-P4", "transtibial P4",
                        Map.of("amputation_level", "transtibial", "max_user_mass_kg", 80), null), OFFICER);
                for (int i = 0; i < 4; i++) {
                    stock.receiveReleasedUnit("PR-" + i, "BKP-TT-P4", "WS", StockRef.of("work_order", 1), OFFICER);
                }
            });
            allocations.run(Scope.NATIONAL, OFFICER);
            List<Allocations.ProposalView> proposals = allocations.proposals("proposed", null, 10, Scope.NATIONAL);
            assertThat(proposals).hasSize(4);
            for (Allocations.ProposalView p : proposals) {
                WaitingList.Line line = view.lines().stream().filter(l -> l.assessmentId() == p.assessmentId())
                        .findFirst().orElseThrow();
                assertThat(line.score().total()).isEqualTo(p.priority());
                com.fasterxml.jackson.databind.JsonNode scored = Json.mapper().valueToTree(line.score());
                assertThat(scored.toString()).isEqualTo(p.reasons().get("score").toString());
            }

            assertThat(list.list("16", null, 100, Scope.NATIONAL).lines()).extracting(WaitingList.Line::province).containsOnly("16")
                    .hasSize(2);
            assertThat(list.list("16", "12.22", 100, Scope.NATIONAL).lines()).isEmpty();
            assertThat(list.list(null, null, 1, Scope.NATIONAL).lines()).hasSize(1);
            assertThat(list.list(null, null, 1, Scope.NATIONAL).total()).isEqualTo(4);
            assertThat(list.deviceClasses(Scope.NATIONAL)).containsExactly("06.24");
            assertThatThrownBy(() -> list.list("99", null, 10, Scope.NATIONAL)).isInstanceOf(InvalidInput.class);
        }
    }
}
