package org.tavan.allocation;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tavan.auth.Scope;
import org.tavan.beneficiaries.NationalIds;
import org.tavan.audit.Actor;
import org.tavan.beneficiaries.Beneficiaries;
import org.tavan.beneficiaries.BeneficiaryView;
import org.tavan.beneficiaries.NewAssessment;
import org.tavan.beneficiaries.NewBeneficiary;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.catalog.Catalog;
import org.tavan.inventory.Location;
import org.tavan.inventory.Stock;
import org.tavan.inventory.StockRef;
import org.tavan.storage.Database;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs, decisions, overrides and the fairness report on both databases. */
class AllocationStorageTest {

    static final Actor OFFICER = Actor.user("officer", "test");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_run_proposes_approval_reserves_and_a_newer_run_supersedes_the_undecided(TestDatabases.Kind kind) {
        try (Database db = Database.open(TestDatabases.of(kind, dir), null)) {
            db.migrate();
            AllocationServices services = AllocationServices.on(db);
            Stock stock = services.stock();
            Catalog catalog = services.catalog();
            Beneficiaries beneficiaries = services.beneficiaries();
            ReleasedUnits units = services.units();
            Allocations allocations = services.allocations();

            long[] assessments = new long[3];
            String[] provinces = {"08", "13", "16"};
            for (int i = 0; i < 3; i++) {
                BeneficiaryView p = beneficiaries.register(new NewBeneficiary(NationalIds.withCheckDigit("00123456" + i), "نام " + i,
                        "1980-01-01", "female", false, provinces[i], "شهرستان", i == 2, "C-" + provinces[i], null,
                        "2025-0" + (i + 1) + "-01",
                        true), Scope.NATIONAL, OFFICER);
                assessments[i] = beneficiaries.assess(p.id(), new NewAssessment("06.24", 3 + i, "soon", "شهری", "بیمارستان",
                        Map.of("amputation_level", "transtibial", "body_mass_kg", "75"), "2025-06-01"), Scope.NATIONAL, OFFICER).id();
            }
            // Released units on the ledger, of two catalogue variants: their specs decide the fit.
            db.useTransaction(h -> {
                stock.createLocation(new Stock.NewLocation("WS", "کارگاه", Location.WORKSHOP, null, null), OFFICER);
                stock.createLocation(new Stock.NewLocation("NW", "انبار ملی", Location.NATIONAL_WAREHOUSE, "WS", null), OFFICER);
                stock.createLocation(new Stock.NewLocation("PW-13", "انبار خوزستان", Location.PROVINCIAL_WAREHOUSE, "NW", "13"),
                        OFFICER);
                catalog.createModel(new Catalog.NewModel("BKP", "Below-knee pylon", "پایلون", "prosthesis", "06.24", true),
                        OFFICER);
                catalog.addVariant("BKP", new Catalog.NewVariant("BKP-TT-P4", "transtibial P4",
                        Map.of("amputation_level", "transtibial", "load_level", "P4", "max_user_mass_kg", 80), null), OFFICER);
                catalog.addVariant("BKP", new Catalog.NewVariant("BKP-TF-P5", "transfemoral P5",
                        Map.of("amputation_level", "transfemoral", "load_level", "P5", "max_user_mass_kg", 100), null), OFFICER);
                stock.receiveReleasedUnit("PR-1", "BKP-TT-P4", "WS", StockRef.of("work_order", 1), OFFICER);
                stock.receiveReleasedUnit("PR-2", "BKP-TF-P5", "WS", StockRef.of("work_order", 1), OFFICER);
                stock.transferUnit("PR-2", "PW-13", StockRef.none(), OFFICER);
            });
            assertThat(units.available()).containsExactly(
                    new AvailableUnit("PR-1", "BKP-TT-P4", "06.24",
                            Map.of("amputation_level", "transtibial", "load_level", "P4", "max_user_mass_kg", "80"), null),
                    new AvailableUnit("PR-2", "BKP-TF-P5", "06.24",
                            Map.of("amputation_level", "transfemoral", "load_level", "P5", "max_user_mass_kg", "100"), "13"));

            Allocations.RunView run = allocations.run(Scope.NATIONAL, OFFICER);
            assertThat(run.proposals()).isEqualTo(1);
            assertThat(run.unassignedSerials()).containsExactly("PR-2");
            List<Allocations.ProposalView> proposed = allocations.proposals("proposed", null, 10, Scope.NATIONAL);
            assertThat(proposed).singleElement().satisfies(p -> {
                assertThat(p.serial()).isEqualTo("PR-1");
                assertThat(p.policyVersion()).isEqualTo("v3");
                assertThat(p.reasons().at("/fitRulesPassed").toString()).contains("amputation-level").contains("load-level");
            });

            allocations.run(Scope.NATIONAL, OFFICER);
            assertThat(allocations.get(proposed.get(0).id(), Scope.NATIONAL).status()).isEqualTo("superseded");
            Allocations.ProposalView latest = allocations.proposals("proposed", null, 10, Scope.NATIONAL).get(0);

            // A manual override must fit and needs a reason.
            assertThatThrownBy(() -> allocations.manual(new Allocations.ManualAssignment("PR-2", assessments[0], "urgent"), Scope.NATIONAL, OFFICER))
                    .isInstanceOf(Conflict.class).hasMessageContaining("amputation-level");
            assertThatThrownBy(() -> allocations.manual(new Allocations.ManualAssignment("PR-1", assessments[0], ""), Scope.NATIONAL, OFFICER))
                    .isInstanceOf(InvalidInput.class);

            Allocations.ProposalView approved = allocations.approve(latest.id(), Scope.NATIONAL, OFFICER);
            assertThat(approved.status()).isEqualTo("approved");
            assertThat(units.get("PR-1").status()).isEqualTo("reserved");
            // The reservation is a ledger row that names the proposal, and on-hand did not change.
            assertThat(stock.ledger(null, null, "PR-1", 10)).first().satisfies(m -> {
                assertThat(m.reason()).isEqualTo("reservation");
                assertThat(m.refType() + ":" + m.refId()).isEqualTo("proposal:" + latest.id());
                assertThat(m.quantity()).isZero();
            });
            assertThat(stock.unit("PR-1").reservedFor()).isEqualTo("proposal:" + latest.id());
            assertThat(stock.onHand("BKP-TT-P4", "WS")).isEqualTo(1);
            // Approving it twice, or approving another proposal for the reserved unit, is refused.
            assertThatThrownBy(() -> allocations.approve(latest.id(), Scope.NATIONAL, OFFICER)).isInstanceOf(Conflict.class);
            assertThat(beneficiaries.waiting()).hasSize(2);

            FairnessReport report = allocations.fairness(Scope.NATIONAL);
            assertThat(report.totalNeed()).isEqualTo(3);
            assertThat(report.totalAllocated()).isEqualTo(1);
            assertThat(report.provinces()).extracting(FairnessReport.ProvinceLine::province).containsExactly("08", "13", "16");
            assertThat(report.latestShares()).isNotEmpty();
            int audited = db.read(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE action IN "
                    + "('allocation.run', 'proposal.approved', 'stock.unit_reservation')").mapTo(Integer.class).one());
            assertThat(audited).isEqualTo(4);
        }
    }
}
