package org.tavan.distribution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.tavan.Json;
import org.tavan.auth.Scope;
import org.tavan.allocation.Allocations;
import org.tavan.allocation.Matcher;
import org.tavan.allocation.Policy;
import org.tavan.allocation.ReleasedUnits;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.beneficiaries.Beneficiaries;
import org.tavan.beneficiaries.BeneficiaryView;
import org.tavan.beneficiaries.NationalIds;
import org.tavan.beneficiaries.NewAssessment;
import org.tavan.beneficiaries.NewBeneficiary;
import org.tavan.catalog.Catalog;
import org.tavan.inventory.Shipments;
import org.tavan.inventory.Stock;
import org.tavan.quality.RegisteredRigData;
import org.tavan.rigs.RigKind;
import org.tavan.rigs.RigLinks;
import org.tavan.rigs.Rigs;
import org.tavan.storage.Database;
import org.tavan.telemetry.ingest.ReadingStore;

/**
 * Distribution wired on one migrated test database as App wires it, with one registered person
 * and assessment whose approved proposals the tests plant directly: how a proposal got approved
 * (a matcher run, reservation of a unit) is AllocationStorageTest's business, not these tests'.
 */
final class CaseDesk {

    static final Actor OFFICER = Actor.user("officer", "test");

    final Database db;
    final Allocations allocations;
    final Distribution distribution;
    final long beneficiaryId;
    final long assessmentId;

    CaseDesk(Database db) {
        this.db = db;
        Clock clock = Clock.systemUTC();
        AuditLog audit = new AuditLog(Json.mapper(), clock);
        Beneficiaries beneficiaries = new Beneficiaries(db, audit, clock, new NationalIds(new byte[32]));
        Stock stock = new Stock(db, audit, clock);
        Catalog catalog = new Catalog(db, stock, audit, Json.mapper(), clock);
        ReleasedUnits units = new ReleasedUnits(stock, catalog);
        allocations = new Allocations(db, audit, clock, new Matcher(Policy.current()), beneficiaries, units);
        distribution = new Distribution(db, audit, clock, allocations, beneficiaries, units, stock,
                new Shipments(db, stock, audit, clock), new RegisteredRigData(new Rigs(db, audit, clock,
                        id -> Optional.of(new RigKind(id, RigKind.Transport.MQTT)), Duration.ofSeconds(30), new RigLinks()),
                        new ReadingStore(db, Json.mapper())));
        BeneficiaryView person = beneficiaries.register(new NewBeneficiary(NationalIds.withCheckDigit("001234567"),
                "زهرا حسینی", "1988-04-02", "female", true, "08", "ری", false, "C-08-REY", null, "2025-01-10", true),
                Scope.NATIONAL, OFFICER);
        beneficiaryId = person.id();
        assessmentId = beneficiaries.assess(person.id(), new NewAssessment("12.22", 4, "soon", "آپارتمان",
                "بیمارستان امام", Map.of("hip_width_mm", "400"), "2025-01-20"), Scope.NATIONAL, OFFICER).id();
    }

    /** An approved proposal of unit {@code serial} for the person, with the given priority. */
    long approvedProposal(String serial, int priority) {
        return db.inTransaction(h -> h.createUpdate("""
                        INSERT INTO proposals (run_id, serial, variant_id, beneficiary_id, assessment_id, device_class,
                            province, priority, reasons_json, policy_version, status, manual, reason, decided_by,
                            decided_at, created_at)
                        VALUES (NULL, :serial, 'WCT-44', :b, :a, '12.22', '08', :priority, '{}', 'v2', 'approved',
                            TRUE, 'test', 'officer', :now, :now)""")
                .bind("serial", serial).bind("b", beneficiaryId).bind("a", assessmentId).bind("priority", priority)
                .bind("now", Instant.now())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }
}
