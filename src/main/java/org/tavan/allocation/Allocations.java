package org.tavan.allocation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.tavan.Json;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.auth.Scope;
import org.tavan.beneficiaries.AssessmentView;
import org.tavan.beneficiaries.Beneficiaries;
import org.tavan.beneficiaries.BeneficiaryView;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.inventory.StockRef;
import org.tavan.storage.Database;

/**
 * Runs the matcher over the available released units and the waiting list, stores its
 * proposals, and lets officers approve (which reserves the unit) or reject them. A newer run
 * supersedes the proposals of older runs that nobody decided yet.
 *
 * <p>An officer works inside their {@link Scope}: every list and every proposal they reach is
 * filtered in SQL by the proposal's province and centre (a proposal outside it is not found),
 * and their run proposes only for their scope (see {@link #run}).
 */
public final class Allocations {

    private static final ObjectMapper JSON = Json.mapper();

    public record RunView(long id, String policyVersion, LocalDate asOf, int units, int waiting, int proposals,
                          List<MatchResult.ProvinceShare> shares, List<String> unassignedSerials, long drawSeed) {
    }

    public record ProposalView(long id, Long runId, String serial, String variantId, long beneficiaryId,
                               long assessmentId, String deviceClass, String province, int priority, JsonNode reasons,
                               String policyVersion, String status, boolean manual, String reason, String decidedBy,
                               Instant decidedAt) {
    }

    public record Decision(String reason) {
    }

    public record ManualAssignment(String serial, Long assessmentId, String reason) {
    }

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final Matcher matcher;
    private final Beneficiaries beneficiaries;
    private final ReleasedUnits units;
    private final FairnessCounts fairness;
    private final RunLock runLock;

    public Allocations(Database db, AuditLog audit, Clock clock, Matcher matcher, Beneficiaries beneficiaries,
                       ReleasedUnits units) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.matcher = matcher;
        this.beneficiaries = beneficiaries;
        this.units = units;
        this.fairness = new FairnessCounts(db, beneficiaries);
        this.runLock = new RunLock(db, clock);
        beneficiaries.onRelocation((beneficiaryId, province, centre) -> db.useTransaction(h -> h.createUpdate(
                        "UPDATE proposals SET province = :province, centre = :centre WHERE beneficiary_id = :b")
                .bind("province", province).bind("centre", centre).bind("b", beneficiaryId).execute()));
    }

    public Policy policy() {
        return matcher.policy();
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /**
     * Runs the matcher over the whole country, so that provincial shares are the national ones
     * whoever runs it, and keeps the proposals inside the officer's scope: a scoped run
     * supersedes and proposes only for its provinces (and centres); the others' undecided
     * proposals stay as they were, and their units and people are not matched again. The waiting
     * and proposal counts it answers are the scope's.
     */
    public RunView run(Scope scope, Actor actor) {
        String holder = runLock.take();
        try {
            return run(scope, actor, holder);
        } finally {
            runLock.giveBack(holder);
        }
    }

    private RunView run(Scope scope, Actor actor, String holder) {
        LocalDate asOf = today();
        // The units and assessments of another scope's undecided proposals stay theirs until they decide.
        java.util.Set<String> heldElsewhere = new java.util.HashSet<>();
        db.read(h -> scope.bind(h.createQuery("SELECT serial, assessment_id FROM proposals WHERE status = 'proposed' AND NOT ("
                        + scope.where("province", "centre") + ")"))
                .map((rs, ctx) -> List.of(rs.getString(1), "a" + rs.getLong(2))).list()).forEach(heldElsewhere::addAll);
        List<AvailableUnit> available = units.available().stream().filter(u -> !heldElsewhere.contains(u.serial())).toList();
        List<Beneficiaries.Waiting> waiting = beneficiaries.waiting().stream()
                .filter(w -> !heldElsewhere.contains("a" + w.assessmentId())).toList();
        Map<Long, String> centreOf = new HashMap<>();
        List<WaitingBeneficiary> people = new ArrayList<>(waiting.size());
        for (Beneficiaries.Waiting w : waiting) {
            centreOf.put(w.beneficiaryId(), w.centre());
            people.add(WaitingBeneficiary.of(w, asOf));
        }
        long seed = new java.security.SecureRandom().nextLong();
        MatchResult result = matcher.match(asOf, available, people,
                fairness.allocatedInPeriod(matcher.policy().version()), seed);
        List<Proposal> kept = result.proposals().stream()
                .filter(p -> scope.allows(p.province(), centreOf.get(p.beneficiaryId()))).toList();
        long waitingInScope = waiting.stream().filter(w -> scope.allows(w.province(), w.centre())).count();
        return db.inTransaction(h -> {
            runLock.stillHeld(h, holder);
            int superseded = scope.bind(h.createUpdate("UPDATE proposals SET status = :superseded WHERE status = :proposed AND "
                            + scope.where("province", "centre")))
                    .bind("superseded", ProposalStatus.SUPERSEDED.code()).bind("proposed", ProposalStatus.PROPOSED.code())
                    .execute();
            long runId = h.createUpdate("""
                            INSERT INTO allocation_runs (policy_version, as_of, units, waiting, proposals, shares_json,
                                created_at, created_by, draw_seed)
                            VALUES (:v, :asOf, :units, :waiting, :proposals, :shares, :now, :by, :seed)""")
                    .bind("seed", seed)
                    .bind("v", result.policyVersion()).bind("asOf", asOf.toString()).bind("units", available.size())
                    .bind("waiting", waitingInScope).bind("proposals", kept.size())
                    .bind("shares", toJson(result.shares())).bind("now", clock.instant()).bind("by", actor.name())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO proposals (run_id, serial, variant_id, beneficiary_id, assessment_id, device_class,
                        province, centre, priority, reasons_json, policy_version, status, manual, created_at, share_round,
                        waited_months)
                    VALUES (:run, :serial, :variant, :b, :a, :cls, :province, :centre, :priority, :reasons, :v, 'proposed',
                        FALSE, :now, :round, :waited)""");
            for (Proposal p : kept) {
                batch.bind("run", runId).bind("serial", p.serial()).bind("variant", p.variantId())
                        .bind("b", p.beneficiaryId()).bind("a", p.assessmentId()).bind("round", p.share().round())
                        .bind("waited", p.score().waitingMonths())
                        .bind("cls", p.deviceClass()).bind("province", p.province())
                        .bind("centre", centreOf.get(p.beneficiaryId())).bind("priority", p.score().total())
                        .bind("reasons", toJson(reasons(p))).bind("v", p.policyVersion()).bind("now", clock.instant())
                        .add();
            }
            if (!kept.isEmpty()) {
                batch.execute();
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("policyVersion", result.policyVersion());
            summary.put("scope", scope.describe());
            summary.put("units", available.size());
            summary.put("waiting", waitingInScope);
            summary.put("proposals", kept.size());
            summary.put("supersededProposals", superseded);
            summary.put("drawSeed", seed);
            audit.record(h, actor, "allocation.run", "allocation_run", runId, null, summary);
            return new RunView(runId, result.policyVersion(), asOf, available.size(), (int) waitingInScope,
                    kept.size(), result.shares().stream()
                    .filter(share -> scope.national() || scope.provinces().contains(share.province())).toList(),
                    result.unassignedSerials(), seed);
        });
    }

    private static Map<String, Object> reasons(Proposal p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("score", p.score());
        r.put("fitRulesPassed", p.fitRulesPassed());
        r.put("fitRules", p.fitChecks());
        r.put("share", p.share());
        return r;
    }

    public List<ProposalView> proposals(String status, String province, int limit, Scope scope) {
        return db.read(h -> scope.bind(h.createQuery("""
                        SELECT * FROM proposals
                         WHERE (CAST(:status AS TEXT) IS NULL OR status = :status)
                           AND (CAST(:province AS TEXT) IS NULL OR province = :province)
                           AND\s""" + scope.where("province", "centre") + " ORDER BY priority DESC, id LIMIT :limit"))
                .bind("status", status).bind("province", province).bind("limit", limit)
                .map((rs, ctx) -> view(rs)).list());
    }

    /** Approved proposals that distribution has not taken up into a service case yet, highest priority first. */
    public List<ProposalView> awaitingCase(int limit, Scope scope) {
        return db.read(h -> scope.bind(h.createQuery("""
                        SELECT * FROM proposals WHERE status = 'approved' AND taken_up_at IS NULL
                           AND\s""" + scope.where("province", "centre") + " ORDER BY priority DESC, id LIMIT :limit"))
                .bind("limit", limit).map((rs, ctx) -> view(rs)).list());
    }

    /**
     * Distribution opens the service case of an approved proposal: guarded, so of two officers
     * opening the same proposal's case at once exactly one gets it.
     */
    public void takeUp(long proposalId) {
        int n = db.inTransaction(h -> h.createUpdate("""
                        UPDATE proposals SET taken_up_at = :now
                         WHERE id = :id AND status = 'approved' AND taken_up_at IS NULL""")
                .bind("now", clock.instant()).bind("id", proposalId).execute());
        if (n == 0) {
            throw new Conflict("case_exists", "A service case for proposal " + proposalId + " already exists");
        }
    }

    public ProposalView get(long id, Scope scope) {
        return db.read(h -> get(h, id, scope));
    }

    ProposalView get(Handle h, long id) {
        return get(h, id, Scope.NATIONAL);
    }

    /** Outside the scope a proposal is not found, like an unknown id. */
    ProposalView get(Handle h, long id, Scope scope) {
        return scope.bind(h.createQuery("SELECT * FROM proposals WHERE id = :id AND " + scope.where("province", "centre")))
                .bind("id", id).map((rs, ctx) -> view(rs))
                .findOne().orElseThrow(() -> new NotFound("Proposal", id));
    }

    public ProposalView approve(long id, Scope scope, Actor actor) {
        return db.inTransaction(h -> {
            ProposalView p = get(h, id, scope);
            requireProposed(p);
            units.reserve(p.serial(), StockRef.of("proposal", id), actor);
            beneficiaries.changeStatus(p.assessmentId(), AssessmentView.WAITING, AssessmentView.ALLOCATED, actor);
            decide(h, id, ProposalStatus.APPROVED, null, actor);
            ProposalView after = get(h, id);
            audit.record(h, actor, "proposal.approved", "proposal", id, Map.of("status", p.status()),
                    Map.of("status", ProposalStatus.APPROVED.code(), "serial", p.serial(), "assessmentId", p.assessmentId()));
            return after;
        });
    }

    public ProposalView reject(long id, String reason, Scope scope, Actor actor) {
        String why = requireReason(reason);
        return db.inTransaction(h -> {
            ProposalView p = get(h, id, scope);
            requireProposed(p);
            decide(h, id, ProposalStatus.REJECTED, why, actor);
            audit.record(h, actor, "proposal.rejected", "proposal", id, Map.of("status", p.status()),
                    Map.of("status", ProposalStatus.REJECTED.code(), "reason", why));
            return get(h, id);
        });
    }

    /** An officer's own assignment, outside the matcher: the unit must still fit, and a reason is required. */
    public ProposalView manual(ManualAssignment m, Scope scope, Actor actor) {
        String why = requireReason(m.reason());
        if (m.serial() == null || m.assessmentId() == null) {
            throw new InvalidInput("serial", "serial and assessmentId are required");
        }
        LocalDate asOf = today();
        return db.inTransaction(h -> {
            ReleasedUnits.UnitView unit = units.get(m.serial());
            AssessmentView a = beneficiaries.assessment(m.assessmentId());
            BeneficiaryView person;
            try {
                person = beneficiaries.person(a.beneficiaryId(), scope);
            } catch (NotFound outside) {
                // Said of the assessment asked for, so an assessment outside the scope looks unknown.
                throw new NotFound("Assessment", m.assessmentId());
            }
            if (!a.deviceClass().equals(unit.deviceClass())) {
                throw new Conflict("wrong_device_class", "Unit " + unit.serial() + " is " + unit.deviceClass()
                        + " but the assessment needs " + a.deviceClass());
            }
            List<String> failed = new ArrayList<>();
            List<String> passed = new ArrayList<>();
            List<FitRule.Check> checks = new ArrayList<>();
            for (FitRule rule : matcher.policy().rulesFor(a.deviceClass())) {
                (rule.passes(a.measurements(), unit.specs()) ? passed : failed).add(rule.explain(a.measurements(), unit.specs()));
                checks.add(rule.check(a.measurements(), unit.specs()));
            }
            if (!failed.isEmpty()) {
                throw new Conflict("does_not_fit", "The unit does not fit: " + String.join("; ", failed),
                        Map.of("failedRules", failed));
            }
            beneficiaries.changeStatus(a.id(), AssessmentView.WAITING, AssessmentView.ALLOCATED, actor);
            WaitingBeneficiary w = new WaitingBeneficiary(person.id(), person.province(),
                    ChronoUnit.YEARS.between(LocalDate.parse(person.birthDate()), asOf) < 18,
                    person.womanHeadOfHousehold(), person.rural(), LocalDate.parse(person.registeredOn()),
                    a.deviceClass(), a.measurements(), Urgency.parse("urgency", a.urgency()), a.needLevel(), a.id(),
                    LocalDate.parse(a.assessedOn()));
            Policy.Score score = matcher.policy().score(w, asOf);
            Map<String, Object> reasons = new LinkedHashMap<>();
            reasons.put("score", score);
            reasons.put("fitRulesPassed", passed);
            reasons.put("fitRules", checks);
            reasons.put("share", Map.of("seat", "manual", "round", 0));
            reasons.put("override", why);
            long id = h.createUpdate("""
                            INSERT INTO proposals (run_id, serial, variant_id, beneficiary_id, assessment_id, device_class,
                                province, centre, priority, reasons_json, policy_version, status, manual, reason,
                                decided_by, decided_at, created_at, share_round, waited_months)
                            VALUES (NULL, :serial, :variant, :b, :a, :cls, :province, :centre, :priority, :reasons, :v,
                                'approved', TRUE, :reason, :by, :now, :now, 0, :waited)""")
                    .bind("waited", score.waitingMonths())
                    .bind("serial", unit.serial()).bind("variant", unit.variantId()).bind("b", person.id())
                    .bind("a", a.id()).bind("cls", a.deviceClass()).bind("province", person.province())
                    .bind("centre", person.centre())
                    .bind("priority", score.total()).bind("reasons", toJson(reasons))
                    .bind("v", matcher.policy().version()).bind("reason", why).bind("by", actor.name())
                    .bind("now", clock.instant())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            units.reserve(unit.serial(), StockRef.of("proposal", id), actor);
            audit.record(h, actor, "proposal.manual_override", "proposal", id, null,
                    Map.of("serial", unit.serial(), "assessmentId", a.id(), "reason", why));
            return get(h, id);
        });
    }

    /** Approved proposals, for distribution to pick up. */
    public ProposalView approved(long proposalId, Scope scope) {
        ProposalView p = db.read(h -> get(h, proposalId, scope));
        if (!p.status().equals(ProposalStatus.APPROVED.code())) {
            throw new Conflict("proposal_not_approved", "Proposal " + proposalId + " is " + p.status() + ", not approved");
        }
        return p;
    }

    /** Guarded: of two officers deciding the same proposal at once, the second finds it decided. */
    private void decide(Handle h, long id, ProposalStatus to, String reason, Actor actor) {
        if (!ProposalStatus.PROPOSED.canBecome(to)) {
            throw new IllegalStateException("A proposal is not decided as " + to);
        }
        int n = h.createUpdate("""
                        UPDATE proposals SET status = :to, reason = :reason, decided_by = :by, decided_at = :now
                         WHERE id = :id AND status = :from""")
                .bind("to", to.code()).bind("reason", reason).bind("by", actor.name()).bind("now", clock.instant())
                .bind("id", id).bind("from", ProposalStatus.PROPOSED.code()).execute();
        if (n == 0) {
            throw new Conflict("proposal_decided", "Proposal " + id + " was decided meanwhile; only proposed ones can be decided");
        }
    }

    private static void requireProposed(ProposalView p) {
        if (!p.status().equals(ProposalStatus.PROPOSED.code())) {
            throw new Conflict("proposal_decided", "Proposal " + p.id() + " is " + p.status() + "; only proposed ones can be decided");
        }
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw new InvalidInput("reason", "A reason is required (at most 500 characters)");
        }
        return reason.strip();
    }

    /**
     * Allocations against registered need by province and group, time waited, and the shares
     * of the latest run.
     */
    public FairnessReport fairness(Scope scope) {
        return fairness.report(today(), matcher.policy().version(), scope);
    }

    private static ProposalView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        long decided = rs.getLong("decided_at");
        Instant decidedAt = rs.wasNull() ? null : Instant.ofEpochMilli(decided);
        long run = rs.getLong("run_id");
        Long runId = rs.wasNull() ? null : run;
        try {
            return new ProposalView(rs.getLong("id"), runId, rs.getString("serial"), rs.getString("variant_id"),
                    rs.getLong("beneficiary_id"), rs.getLong("assessment_id"), rs.getString("device_class"),
                    rs.getString("province"), rs.getInt("priority"), JSON.readTree(rs.getString("reasons_json")),
                    rs.getString("policy_version"), rs.getString("status"), rs.getBoolean("manual"),
                    rs.getString("reason"), rs.getString("decided_by"), decidedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }


    private static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
