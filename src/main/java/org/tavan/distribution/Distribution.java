package org.tavan.distribution;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.tavan.Json;
import org.tavan.allocation.Allocations;
import org.tavan.allocation.ReleasedUnits;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.auth.Scope;
import org.tavan.beneficiaries.AssessmentView;
import org.tavan.beneficiaries.Beneficiaries;
import org.tavan.beneficiaries.BeneficiaryView;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotFound;
import org.tavan.inventory.Location;
import org.tavan.inventory.Shipments;
import org.tavan.inventory.Stock;
import org.tavan.inventory.StockRef;
import org.tavan.quality.RegisteredRigData;
import org.tavan.storage.Database;

/**
 * Follows an approved proposal to the person and after, recording each of WHO's eight steps
 * of service against the person and the serial: 1 referral and 2 assessment (from the
 * assessment), 3 prescription and 4 funding and ordering (the approved proposal and its
 * reservation) when the case opens; 5 product preparation (shipment with packing list, receipt
 * with proof of delivery, hand-over with receipt); 6 fitting; 7 user training; 8 follow-up.
 * An officer reaches only the cases of their {@link Scope} (the case's province and centre, in
 * SQL); any other case is not found.
 */
public final class Distribution {

    private static final ObjectMapper JSON = Json.mapper();

    public record OpenCase(Long proposalId) {
    }

    public record Shipment(List<String> accessories, String carrier) {
    }

    public record Receipt(String receivedBy, String proofOfDelivery) {
    }

    public record HandOver(String receiptNumber, String receivedByName) {
    }

    /**
     * {@code rigId}: a fitting rig (e.g. a cushion pressure mat) whose readings of the last
     * {@code minutes} (default 30) belong to this fitting; {@code rigSessionId} a free reference.
     */
    public record Fitting(String notes, String rigSessionId, String rigId, Integer minutes) {
    }

    public record Training(List<String> topics, String notes, List<Integer> followUpInMonths) {
    }

    public record FollowUpResult(String outcome, String notes) {
    }

    public record Return(String reason, Boolean backToWaiting) {
    }

    public record StepView(int step, String name, Instant at, String recordedBy, JsonNode details) {
    }

    public record FollowUpView(long id, String dueOn, Instant doneAt, String outcome, String notes) {
    }

    public record ShipmentView(String centre, JsonNode packingList, Instant shippedAt, String shippedBy,
                               Instant receivedAt, String receivedBy, String proofOfDelivery) {
    }

    public record CaseView(long id, long proposalId, long beneficiaryId, long assessmentId, String serial,
                           String deviceClass, String centre, String status, ShipmentView shipment,
                           List<StepView> steps, List<FollowUpView> followUps) {
    }

    static final String[] STEP_NAMES = {"", "referral and appointment", "assessment", "prescription",
            "funding and ordering", "product preparation", "fitting", "user training",
            "maintenance, repairs and follow-up"};

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final Allocations allocations;
    private final Beneficiaries beneficiaries;
    private final ReleasedUnits units;
    private final Stock stock;
    private final Shipments shipments;
    private final FittingReadings fittings;
    private final CaseReads reads;

    public Distribution(Database db, AuditLog audit, Clock clock, Allocations allocations, Beneficiaries beneficiaries,
                        ReleasedUnits units, Stock stock, Shipments shipments, RegisteredRigData rigs) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.allocations = allocations;
        this.beneficiaries = beneficiaries;
        this.units = units;
        this.stock = stock;
        this.shipments = shipments;
        this.fittings = new FittingReadings(rigs, clock);
        this.reads = new CaseReads(db);
        beneficiaries.onRelocation((beneficiaryId, province, centre) -> db.useTransaction(h -> h.createUpdate(
                "UPDATE service_cases SET province = :p WHERE beneficiary_id = :b").bind("p", province)
                .bind("b", beneficiaryId).execute()));
    }

    public CaseView open(OpenCase request, Scope scope, Actor actor) {
        if (request.proposalId() == null) {
            throw new InvalidInput("proposalId", "proposalId is required");
        }
        return db.inTransaction(h -> {
            Allocations.ProposalView p = allocations.approved(request.proposalId(), scope);
            allocations.takeUp(p.id());
            BeneficiaryView person = beneficiaries.person(p.beneficiaryId());
            AssessmentView a = beneficiaries.assessment(p.assessmentId());
            long id = h.createUpdate("""
                            INSERT INTO service_cases (proposal_id, beneficiary_id, assessment_id, serial, device_class,
                                centre, province, status, created_at, updated_at)
                            VALUES (:p, :b, :a, :serial, :cls, :centre, :province, :open, :now, :now)""")
                    .bind("p", p.id()).bind("b", p.beneficiaryId()).bind("a", p.assessmentId()).bind("serial", p.serial())
                    .bind("cls", p.deviceClass()).bind("centre", person.centre()).bind("province", person.province())
                    .bind("open", CaseStatus.OPEN.code())
                    .bind("now", clock.instant())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            step(h, id, 1, actor, Map.of("referralSource", a.referralSource()));
            step(h, id, 2, actor, Map.of("assessmentId", a.id(), "assessedOn", a.assessedOn(),
                    "deviceClass", a.deviceClass()));
            step(h, id, 3, actor, Map.of("proposalId", p.id(), "variantId", p.variantId(),
                    "policyVersion", p.policyVersion()));
            step(h, id, 4, actor, Map.of("reserved", p.serial(), "approvedBy", String.valueOf(p.decidedBy())));
            audit.record(h, actor, "service_case.opened", "service_case", id, null,
                    Map.of("proposalId", p.id(), "serial", p.serial()));
            return get(h, id, scope);
        });
    }

    public CaseView ship(long caseId, Shipment s, Scope scope, Actor actor) {
        return db.inTransaction(h -> {
            CaseView c = transition(h, caseId, CaseStatus.OPEN, CaseStatus.SHIPPED, scope, actor);
            Location centre = stock.findLocation(c.centre()).filter(l -> l.kind().equals(Location.CENTRE))
                    .orElseThrow(() -> new Conflict("centre_not_a_stock_location", "The person's centre '" + c.centre()
                            + "' is not a centre among the stock locations; correct the person's centre or add the location",
                            Map.of("centre", c.centre())));
            ReleasedUnits.UnitView unit = units.get(c.serial());
            List<String> accessories = s.accessories() == null ? List.of() : s.accessories();
            if (accessories.size() > 50 || accessories.stream().anyMatch(a -> a == null || a.isBlank() || a.length() > 200)) {
                throw new InvalidInput("accessories", "Up to 50 accessories, each 1-200 characters");
            }
            // A unit already stored at the person's centre needs no transport, only the hand-over.
            Long stockShipment = null;
            if (!unit.location().equals(centre.code())) {
                stockShipment = shipments.dispatch(new Shipments.NewShipment(unit.location(), centre.code(),
                        List.of(new Shipments.Line(c.serial(), null, null)), s.carrier(),
                        accessories.isEmpty() ? null : "Accessories: " + String.join(", ", accessories)),
                        StockRef.of("service_case", caseId), actor).id();
            }
            Map<String, Object> packing = new LinkedHashMap<>();
            packing.put("serial", c.serial());
            packing.put("deviceClass", c.deviceClass());
            packing.put("variantId", allocations.get(c.proposalId(), Scope.NATIONAL).variantId());
            packing.put("beneficiaryId", c.beneficiaryId());
            packing.put("centre", c.centre());
            packing.put("from", unit.location());
            packing.put("accessories", accessories);
            packing.put("carrier", s.carrier() == null ? "" : s.carrier());
            packing.put("stockShipmentId", stockShipment);
            h.createUpdate("""
                            INSERT INTO shipments (case_id, centre, packing_list_json, shipped_at, shipped_by, stock_shipment_id)
                            VALUES (:c, :centre, :packing, :now, :by, :stockShipment)""")
                    .bind("c", caseId).bind("centre", c.centre()).bind("packing", toJson(packing))
                    .bind("now", clock.instant()).bind("by", actor.name()).bind("stockShipment", stockShipment).execute();
            step(h, caseId, 5, actor, Map.of("event", "shipped", "packingList", packing));
            return get(h, caseId, scope);
        });
    }

    public CaseView receive(long caseId, Receipt r, Scope scope, Actor actor) {
        String by = InvalidInput.requireText("receivedBy", r.receivedBy(), 500);
        String proof = InvalidInput.requireText("proofOfDelivery", r.proofOfDelivery(), 500);
        return db.inTransaction(h -> {
            transition(h, caseId, CaseStatus.SHIPPED, CaseStatus.RECEIVED, scope, actor);
            Long stockShipment = h.createQuery("SELECT stock_shipment_id FROM shipments WHERE case_id = :c")
                    .bind("c", caseId).mapTo(Long.class).findOne().orElse(null);
            if (stockShipment != null) {
                shipments.receive(stockShipment, new Shipments.Receipt(by, proof), actor);
            }
            h.createUpdate("""
                            UPDATE shipments SET received_at = :now, received_by = :by, proof_of_delivery = :proof
                             WHERE case_id = :c""")
                    .bind("now", clock.instant()).bind("by", by).bind("proof", proof).bind("c", caseId).execute();
            step(h, caseId, 5, actor, Map.of("event", "received at centre", "receivedBy", by, "proofOfDelivery", proof));
            return get(h, caseId, scope);
        });
    }

    public CaseView handOver(long caseId, HandOver r, Scope scope, Actor actor) {
        String receipt = InvalidInput.requireText("receiptNumber", r.receiptNumber(), 500);
        String name = InvalidInput.requireText("receivedByName", r.receivedByName(), 500);
        return db.inTransaction(h -> {
            CaseView c = transition(h, caseId, CaseStatus.RECEIVED, CaseStatus.HANDED_OVER, scope, actor);
            units.issue(c.serial(), StockRef.of("service_case", caseId), actor);
            beneficiaries.changeStatus(c.assessmentId(), AssessmentView.ALLOCATED, AssessmentView.SERVED, actor);
            step(h, caseId, 5, actor, Map.of("event", "handed over", "receiptNumber", receipt, "receivedByName", name));
            return get(h, caseId, scope);
        });
    }

    public CaseView fitting(long caseId, Fitting f, Scope scope, Actor actor) {
        String notes = InvalidInput.requireText("notes", f.notes(), 500);
        return db.inTransaction(h -> {
            transition(h, caseId, CaseStatus.HANDED_OVER, CaseStatus.FITTED, scope, actor);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("notes", notes);
            if (f.rigSessionId() != null && !f.rigSessionId().isBlank()) {
                details.put("rigSessionId", f.rigSessionId().strip());
            }
            if (f.rigId() != null && !f.rigId().isBlank()) {
                details.put("rig", fittings.readings(h, caseId, f.rigId().strip(), f.minutes()));
            }
            step(h, caseId, 6, actor, details);
            return get(h, caseId, scope);
        });
    }

    public CaseView training(long caseId, Training t, Scope scope, Actor actor) {
        if (t.topics() == null || t.topics().isEmpty()) {
            throw new InvalidInput("topics", "List the topics the user was trained in");
        }
        List<Integer> months = t.followUpInMonths() == null || t.followUpInMonths().isEmpty() ? List.of(1, 6)
                : t.followUpInMonths();
        if (months.stream().anyMatch(m -> m == null || m < 0 || m > 60)) {
            throw new InvalidInput("followUpInMonths", "Follow-ups are 0 to 60 months after training");
        }
        return db.inTransaction(h -> {
            transition(h, caseId, CaseStatus.FITTED, CaseStatus.TRAINED, scope, actor);
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            List<String> due = new ArrayList<>();
            for (int m : months.stream().sorted().distinct().toList()) {
                String on = today.plusMonths(m).toString();
                due.add(on);
                h.createUpdate("INSERT INTO follow_ups (case_id, due_on) VALUES (:c, :on)")
                        .bind("c", caseId).bind("on", on).execute();
            }
            step(h, caseId, 7, actor, Map.of("topics", t.topics(), "notes", t.notes() == null ? "" : t.notes(),
                    "followUpsDue", due));
            return get(h, caseId, scope);
        });
    }

    public CaseView followUp(long caseId, long followUpId, FollowUpResult r, Scope scope, Actor actor) {
        if (r.outcome() == null || !List.of("ok", "needs_repair", "not_in_use").contains(r.outcome())) {
            throw new InvalidInput("outcome", "Outcome must be ok, needs_repair or not_in_use");
        }
        return db.inTransaction(h -> {
            CaseView c = get(h, caseId, scope);
            if (CaseStatus.of(c.status()) != CaseStatus.TRAINED) {
                throw new Conflict("step_out_of_order", "Follow-ups come after training; the case is " + c.status());
            }
            int n = h.createUpdate("""
                            UPDATE follow_ups SET done_at = :now, outcome = :outcome, notes = :notes
                             WHERE id = :id AND case_id = :c AND done_at IS NULL""")
                    .bind("now", clock.instant()).bind("outcome", r.outcome()).bind("notes", r.notes())
                    .bind("id", followUpId).bind("c", caseId).execute();
            if (n == 0) {
                throw new Conflict("follow_up_done", "Follow-up " + followUpId + " of case " + caseId
                        + " does not exist or is already recorded");
            }
            step(h, caseId, 8, actor, Map.of("followUpId", followUpId, "outcome", r.outcome(),
                    "notes", r.notes() == null ? "" : r.notes()));
            int open = h.createQuery("SELECT COUNT(*) FROM follow_ups WHERE case_id = :c AND done_at IS NULL")
                    .bind("c", caseId).mapTo(Integer.class).one();
            if (open == 0) {
                transition(h, caseId, CaseStatus.TRAINED, CaseStatus.CLOSED, scope, actor);
            }
            return get(h, caseId, scope);
        });
    }

    /**
     * The person gives the unit back (does not fit, no longer needed, broken): the unit goes
     * to repair, and with backToWaiting the person's assessment waits again for a new proposal.
     */
    public CaseView returnUnit(long caseId, Return r, Scope scope, Actor actor) {
        String reason = InvalidInput.requireText("reason", r.reason(), 500);
        return db.inTransaction(h -> {
            CaseView c = get(h, caseId, scope);
            if (!CaseStatus.of(c.status()).canBecome(CaseStatus.RETURNED)) {
                throw new Conflict("step_out_of_order", "Only a handed-over unit can be returned; the case is " + c.status());
            }
            setStatus(h, caseId, CaseStatus.of(c.status()), CaseStatus.RETURNED, actor);
            units.returned(c.serial(), c.centre(), StockRef.of("service_case", caseId), actor);
            if (Boolean.TRUE.equals(r.backToWaiting())) {
                beneficiaries.changeStatus(c.assessmentId(), AssessmentView.SERVED, AssessmentView.WAITING, actor);
            }
            step(h, caseId, 8, actor, Map.of("event", "returned", "reason", reason,
                    "backToWaiting", Boolean.TRUE.equals(r.backToWaiting())));
            return get(h, caseId, scope);
        });
    }

    public List<CaseView> list(String status, Scope scope) {
        return db.read(h -> reads.cases(h, scope, "(CAST(:v AS TEXT) IS NULL OR status = :v) ORDER BY id LIMIT 500", status));
    }

    /** A person's service cases, oldest first. */
    public List<CaseView> ofPerson(long beneficiaryId, Scope scope) {
        return db.read(h -> reads.cases(h, scope, "beneficiary_id = :v ORDER BY id", beneficiaryId));
    }

    /** Approved proposals that have no service case yet, highest priority first. */
    public List<Allocations.ProposalView> awaitingCase(int limit, Scope scope) {
        return allocations.awaitingCase(limit, scope);
    }

    public CaseView get(long id, Scope scope) {
        return db.read(h -> get(h, id, scope));
    }

    CaseView get(Handle h, long id, Scope scope) {
        return reads.cases(h, scope, "id = :v", id).stream().findFirst().orElseThrow(() -> new NotFound("Service case", id));
    }

    private CaseView transition(Handle h, long caseId, CaseStatus from, CaseStatus to, Scope scope, Actor actor) {
        CaseView c = get(h, caseId, scope);
        if (CaseStatus.of(c.status()) != from) {
            throw new Conflict("step_out_of_order", "Case " + caseId + " is " + c.status() + "; this step needs it "
                    + from.code(), Map.of("status", c.status(), "expected", from.code()));
        }
        setStatus(h, caseId, from, to, actor);
        return c;
    }

    /**
     * Guarded by the status the step was checked against: another instance may have recorded a
     * step since this transaction read the case, and on PostgreSQL both reads see the old status.
     */
    private void setStatus(Handle h, long caseId, CaseStatus from, CaseStatus to, Actor actor) {
        if (!from.canBecome(to)) {
            throw new IllegalStateException("A service case does not go from " + from + " to " + to);
        }
        int n = h.createUpdate("UPDATE service_cases SET status = :to, updated_at = :now WHERE id = :id AND status = :from")
                .bind("to", to.code()).bind("now", clock.instant()).bind("id", caseId).bind("from", from.code()).execute();
        if (n == 0) {
            throw new Conflict("step_out_of_order", "Case " + caseId + " is no longer " + from.code()
                    + "; another step was recorded meanwhile", Map.of("expected", from.code()));
        }
        audit.record(h, actor, "service_case.status_changed", "service_case", caseId, Map.of("status", from.code()),
                Map.of("status", to.code()));
    }

    private void step(Handle h, long caseId, int step, Actor actor, Map<String, ?> details) {
        CaseView c = h.createQuery("SELECT beneficiary_id, serial FROM service_cases WHERE id = :id").bind("id", caseId)
                .map((rs, ctx) -> new CaseView(caseId, 0, rs.getLong(1), 0, rs.getString(2), null, null, null, null,
                        null, null)).one();
        h.createUpdate("""
                        INSERT INTO service_steps (case_id, step, name, beneficiary_id, serial, at, recorded_by, details_json)
                        VALUES (:c, :step, :name, :b, :serial, :now, :by, :details)""")
                .bind("c", caseId).bind("step", step).bind("name", STEP_NAMES[step]).bind("b", c.beneficiaryId())
                .bind("serial", c.serial()).bind("now", clock.instant()).bind("by", actor.name())
                .bind("details", toJson(details)).execute();
    }

    private static String toJson(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
