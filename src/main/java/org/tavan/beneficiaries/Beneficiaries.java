package org.tavan.beneficiaries;

import static org.tavan.beneficiaries.BeneficiaryRows.assessmentOf;
import static org.tavan.beneficiaries.BeneficiaryRows.auditSnapshot;
import static org.tavan.beneficiaries.BeneficiaryRows.changedFields;
import static org.tavan.beneficiaries.BeneficiaryRows.fromJson;
import static org.tavan.beneficiaries.BeneficiaryRows.personOf;
import static org.tavan.beneficiaries.BeneficiaryRows.requireValid;
import static org.tavan.beneficiaries.BeneficiaryRows.toJson;
import static org.tavan.beneficiaries.BeneficiaryRows.waitingOf;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.auth.Scope;
import org.tavan.errors.Conflict;
import org.tavan.errors.InvalidInput;
import org.tavan.errors.NotAllowed;
import org.tavan.errors.NotFound;
import org.tavan.storage.Database;

/**
 * The registry of beneficiaries and their assessments. Audit rows never carry personal data
 * (the audit log is readable by quality leads): only ids, province, centre and statuses.
 *
 * <p>Every read and use case an officer reaches takes the officer's {@link Scope} and puts it
 * into its SQL: a person outside it is not found (404, so its existence is not revealed), and
 * a person cannot be registered or moved outside it (403). Methods taking a {@code Handle} are
 * for other features' use cases, which have checked the scope of what they hold.
 */
public final class Beneficiaries {

    private static final String PERSON_COLUMNS = """
            id, national_id_last, full_name, birth_date, sex, woman_head_of_household, province, county, rural,
            centre, phone, registered_on, consent""";
    private static final String ASSESSMENT_COLUMNS = """
            id, beneficiary_id, device_class, need_level, urgency, environment, referral_source, measurements_json,
            assessed_on, status""";

    /** An open assessment with what allocation needs of its person; no name, no ID. */
    public record Waiting(long assessmentId, long beneficiaryId, String province, String centre, LocalDate birthDate,
                          boolean womanHeadOfHousehold, boolean rural, LocalDate registeredOn, String deviceClass,
                          Map<String, String> measurements, String urgency, int needLevel, LocalDate assessedOn) {
    }

    /** A person with their assessments. */
    public record Record(BeneficiaryView person, List<AssessmentView> assessments) {
    }

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final NationalIds ids;
    private final List<Relocation> relocations = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Told, inside the transaction that moves a person to another province or centre, so that
     * a feature keeping the person's province on its own rows (proposals, service cases)
     * keeps them in the person's scope.
     */
    public interface Relocation {
        /** Runs inside the relocation's transaction: the listener's own use case joins it. */
        void moved(long beneficiaryId, String province, String centre);
    }

    public void onRelocation(Relocation listener) {
        relocations.add(listener);
    }

    public Beneficiaries(Database db, AuditLog audit, Clock clock, NationalIds ids) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Records the key's fingerprint on first start and refuses a different key later: a lost
     * or replaced national-id.key would make every re-registration look new.
     */
    public void verifyKey() {
        String fingerprint = ids.hash("tavan-key-check");
        db.useTransaction(h -> {
            List<String> known = h.createQuery("SELECT fingerprint FROM national_id_key_check").mapTo(String.class).list();
            if (known.isEmpty()) {
                h.createUpdate("INSERT INTO national_id_key_check (fingerprint, created_at) VALUES (:f, :now)")
                        .bind("f", fingerprint).bind("now", clock.instant()).execute();
            } else if (!known.contains(fingerprint)) {
                throw new IllegalStateException("The national ID key (" + NationalIds.KEY_FILE + " in the data directory) "
                        + "is not the key this database's beneficiaries were registered with; restore the original key file");
            }
        });
    }

    public BeneficiaryView register(NewBeneficiary person, Scope scope, Actor actor) {
        requireValid(person.problems());
        requireInScope(scope, person.province(), person.centre());
        return db.inTransaction(h -> register(h, person, actor));
    }

    static void requireInScope(Scope scope, String province, String centre) {
        if (!scope.allows(province, centre)) {
            throw new NotAllowed("Province " + province + (scope.centres().isEmpty() ? "" : ", centre " + centre)
                    + " is outside your scope");
        }
    }

    BeneficiaryView register(Handle h, NewBeneficiary person, Actor actor) {
        String id = NationalIds.require("nationalId", person.nationalId());
        String hash = ids.hash(id);
        if (findByHash(h, hash).isPresent()) {
            throw new Conflict("duplicate_national_id", "A person with this national ID is already registered");
        }
        long newId = h.createUpdate("""
                        INSERT INTO beneficiaries (national_id_hash, national_id_last, full_name, birth_date, sex,
                            woman_head_of_household, province, county, rural, centre, phone, registered_on, consent,
                            created_at, updated_at)
                        VALUES (:hash, :last, :fullName, :birthDate, :sex, :whoh, :province, :county, :rural, :centre,
                            :phone, :registeredOn, :consent, :now, :now)""")
                .bind("hash", hash).bind("last", NationalIds.lastDigits(id))
                .bind("fullName", person.fullName().strip()).bind("birthDate", person.birthDate())
                .bind("sex", person.sex()).bind("whoh", person.womanHeadOfHousehold())
                .bind("province", person.province()).bind("county", person.county().strip())
                .bind("rural", person.rural()).bind("centre", person.centre().strip())
                .bind("phone", person.phone() == null || person.phone().isBlank() ? null : person.phone().strip())
                .bind("registeredOn", person.registeredOn()).bind("consent", person.consent())
                .bind("now", clock.instant())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        BeneficiaryView view = person(newId);
        audit.record(h, actor, "beneficiary.registered", "beneficiary", newId, null, auditSnapshot(view));
        return view;
    }

    /**
     * Corrects a registered person's details (not the national ID). Checked like a registration
     * before anything is written; a change that changes nothing writes nothing (no audit row). The audit row carries the
     * before/after of the non-personal fields and the names of the personal fields that changed,
     * never their values: quality leads read the audit log.
     */
    public BeneficiaryView update(long id, BeneficiaryChange change, Scope scope, Actor actor) {
        requireValid(change.problems());
        NewBeneficiary p = change.asRegistration();
        return db.inTransaction(h -> {
            BeneficiaryView before = person(id, scope);
            requireInScope(scope, p.province(), p.centre());
            String phone = p.phone() == null || p.phone().isBlank() ? null : p.phone().strip();
            BeneficiaryView wanted = new BeneficiaryView(id, before.nationalIdLast(), p.fullName().strip(), p.birthDate(),
                    p.sex(), p.womanHeadOfHousehold(), p.province(), p.county().strip(), p.rural(), p.centre().strip(),
                    phone, p.registeredOn(), p.consent());
            List<String> changed = changedFields(before, wanted);
            if (changed.isEmpty()) {
                return before;
            }
            h.createUpdate("""
                            UPDATE beneficiaries SET full_name = :fullName, birth_date = :birthDate, sex = :sex,
                                woman_head_of_household = :whoh, province = :province, county = :county, rural = :rural,
                                centre = :centre, phone = :phone, registered_on = :registeredOn, consent = :consent,
                                updated_at = :now
                             WHERE id = :id""")
                    .bind("fullName", p.fullName().strip()).bind("birthDate", p.birthDate()).bind("sex", p.sex())
                    .bind("whoh", p.womanHeadOfHousehold()).bind("province", p.province())
                    .bind("county", p.county().strip()).bind("rural", p.rural()).bind("centre", p.centre().strip())
                    .bind("phone", phone)
                    .bind("registeredOn", p.registeredOn()).bind("consent", p.consent()).bind("now", clock.instant())
                    .bind("id", id).execute();
            BeneficiaryView after = person(id);
            if (!after.province().equals(before.province()) || !after.centre().equals(before.centre())) {
                for (Relocation r : relocations) {
                    r.moved(id, after.province(), after.centre());
                }
            }
            Map<String, Object> auditAfter = auditSnapshot(after);
            auditAfter.put("changedFields", changed);
            audit.record(h, actor, "beneficiary.changed", "beneficiary", id, auditSnapshot(before), auditAfter);
            return after;
        });
    }

    /** Full names by person id, for lists that show whose case or assessment a row is. */
    public Map<Long, String> names(java.util.Collection<Long> ids, Scope scope) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.read(h -> {
            Map<Long, String> names = new java.util.HashMap<>();
            scope.bind(h.createQuery("SELECT id, full_name FROM beneficiaries WHERE id IN (<ids>) AND "
                            + scope.where("province", "centre")))
                    .bindList("ids", List.copyOf(new java.util.TreeSet<>(ids)))
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .forEach(e -> names.put(e.getKey(), e.getValue()));
            return names;
        });
    }

    /** A waiting assessment with the person's name, for the officers' waiting list. */
    public record NamedWaiting(Waiting waiting, String fullName, String county) {
    }

    /**
     * Waiting assessments for the officers' screen, filtered in SQL by province and device class
     * (null = all); the same rows {@link #waiting()} gives the matcher, plus name and county.
     */
    public List<NamedWaiting> waitingList(String province, String deviceClass, Scope scope) {
        return db.read(h -> scope.bind(h.createQuery("""
                        SELECT a.id AS assessment_id, b.id AS beneficiary_id, b.province, b.centre, b.birth_date,
                               b.woman_head_of_household, b.rural, b.registered_on, a.device_class, a.measurements_json,
                               a.urgency, a.need_level, a.assessed_on, b.full_name, b.county
                          FROM assessments a JOIN beneficiaries b ON b.id = a.beneficiary_id
                         WHERE a.status = 'waiting'
                           AND (CAST(:province AS TEXT) IS NULL OR b.province = :province)
                           AND (CAST(:cls AS TEXT) IS NULL OR a.device_class = :cls)
                           AND\s""" + scope.where("b.province", "b.centre") + " ORDER BY a.id"))
                .bind("province", province).bind("cls", deviceClass)
                .map((rs, ctx) -> new NamedWaiting(waitingOf(rs), rs.getString("full_name"), rs.getString("county")))
                .list());
    }

    /** The device classes people are waiting for, for the waiting list's filter. */
    public List<String> waitingDeviceClasses(Scope scope) {
        return db.read(h -> scope.bind(h.createQuery("""
                        SELECT DISTINCT a.device_class FROM assessments a JOIN beneficiaries b ON b.id = a.beneficiary_id
                         WHERE a.status = 'waiting' AND\s""" + scope.where("b.province", "b.centre")
                        + " ORDER BY a.device_class"))
                .mapTo(String.class).list());
    }

    Optional<Long> findByHash(Handle h, String hash) {
        return h.createQuery("SELECT id FROM beneficiaries WHERE national_id_hash = :hash")
                .bind("hash", hash).mapTo(Long.class).findOne();
    }

    String hashOf(String nationalId) {
        return ids.hash(nationalId);
    }

    public AssessmentView assess(long beneficiaryId, NewAssessment assessment, Scope scope, Actor actor) {
        requireValid(assessment.problems());
        return db.inTransaction(h -> {
            requireValid(assessment.problems(person(beneficiaryId, scope).birthDate()));
            return assess(h, beneficiaryId, assessment, actor);
        });
    }

    AssessmentView assess(Handle h, long beneficiaryId, NewAssessment a, Actor actor) {
        Optional<String> open = h.createQuery("""
                        SELECT assessed_on FROM assessments
                         WHERE beneficiary_id = :b AND device_class = :cls AND status IN ('waiting', 'allocated')""")
                .bind("b", beneficiaryId).bind("cls", a.deviceClass()).mapTo(String.class).findFirst();
        if (open.isPresent()) {
            throw new Conflict("assessment_open", "This person already has an open assessment for " + a.deviceClass()
                    + " from " + open.get() + "; close it before assessing again");
        }
        long id = h.createUpdate("""
                        INSERT INTO assessments (beneficiary_id, device_class, need_level, urgency, environment,
                            referral_source, measurements_json, assessed_on, status, created_at, updated_at)
                        VALUES (:b, :cls, :need, :urgency, :env, :ref, :m, :on, 'waiting', :now, :now)""")
                .bind("b", beneficiaryId).bind("cls", a.deviceClass()).bind("need", a.needLevel())
                .bind("urgency", a.urgency()).bind("env", a.environment().strip())
                .bind("ref", a.referralSource().strip()).bind("m", toJson(new java.util.TreeMap<>(a.measurements())))
                .bind("on", a.assessedOn()).bind("now", clock.instant())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        AssessmentView view = assessment(id);
        audit.record(h, actor, "assessment.created", "assessment", id, null,
                Map.of("beneficiaryId", beneficiaryId, "deviceClass", a.deviceClass(), "status", view.status()));
        return view;
    }

    Optional<Long> findAssessment(Handle h, long beneficiaryId, String deviceClass, String assessedOn) {
        return h.createQuery("""
                        SELECT id FROM assessments WHERE beneficiary_id = :b AND device_class = :cls AND assessed_on = :on""")
                .bind("b", beneficiaryId).bind("cls", deviceClass).bind("on", assessedOn).mapTo(Long.class).findOne();
    }

    /** Moves an assessment between statuses inside the caller's transaction; refuses if it is not in {@code from}. */
    public void changeStatus(long assessmentId, String from, String to, Actor actor) {
        db.useTransaction(h -> {
            int n = h.createUpdate("UPDATE assessments SET status = :to, updated_at = :now WHERE id = :id AND status = :from")
                    .bind("to", to).bind("from", from).bind("id", assessmentId).bind("now", clock.instant()).execute();
            if (n == 0) {
                AssessmentView a = assessment(assessmentId);
                throw new Conflict("assessment_status", "Assessment " + assessmentId + " is " + a.status() + ", not " + from);
            }
            audit.record(h, actor, "assessment.status_changed", "assessment", assessmentId, Map.of("status", from),
                    Map.of("status", to));
        });
    }

    public Record get(long id, Scope scope) {
        return db.read(h -> new Record(person(id, scope), h.createQuery("SELECT " + ASSESSMENT_COLUMNS
                        + " FROM assessments WHERE beneficiary_id = :b ORDER BY id")
                .bind("b", id).map((rs, ctx) -> assessmentOf(rs)).list()));
    }

    /**
     * A person in a list or an export: no phone and no birth date, which only the person's own
     * page needs (and the matcher, which never shows them).
     */
    public record Listed(long id, String nationalIdLast, String fullName, String sex, String province, String county,
                         boolean rural, String centre, String registeredOn, boolean consent) {
    }

    /**
     * People in the scope, oldest registration first; {@code province} narrows further, and
     * {@code q} finds by the last three digits of the national ID or a part of the name.
     */
    public List<Listed> list(String province, String q, int limit, Scope scope) {
        String search = q == null || q.isBlank() ? null : q.strip();
        if (search != null && search.length() > 100) {
            throw new InvalidInput("q", "Search for at most 100 characters");
        }
        return db.read(h -> scope.bind(h.createQuery("""
                        SELECT id, national_id_last, full_name, sex, province, county, rural, centre, registered_on, consent
                          FROM beneficiaries
                         WHERE (CAST(:province AS TEXT) IS NULL OR province = :province)
                           AND (CAST(:q AS TEXT) IS NULL OR national_id_last = :q OR full_name LIKE :like)
                           AND\s""" + scope.where("province", "centre") + " ORDER BY registered_on, id LIMIT :limit"))
                .bind("province", province).bind("q", search)
                .bind("like", search == null ? null : "%" + search.replace("%", "").replace("_", "") + "%")
                .bind("limit", limit)
                .map((rs, ctx) -> new Listed(rs.getLong("id"), rs.getString("national_id_last"), rs.getString("full_name"),
                        rs.getString("sex"), rs.getString("province"), rs.getString("county"), rs.getBoolean("rural"),
                        rs.getString("centre"), rs.getString("registered_on"), rs.getBoolean("consent")))
                .list());
    }

    public BeneficiaryView person(long id) {
        return person(id, Scope.NATIONAL);
    }

    /** The person if inside the scope; outside it they are not found, exactly like an unknown id. */
    public BeneficiaryView person(long id, Scope scope) {
        // A read: called inside another feature's use case it joins that transaction's handle.
        return db.read(h -> scope.bind(h.createQuery("SELECT " + PERSON_COLUMNS + " FROM beneficiaries WHERE id = :id AND "
                        + scope.where("province", "centre"))).bind("id", id)
                .map((rs, ctx) -> personOf(rs)).findOne().orElseThrow(() -> new NotFound("Beneficiary", id)));
    }

    public AssessmentView assessment(long id) {
        return db.read(h -> h.createQuery("SELECT " + ASSESSMENT_COLUMNS + " FROM assessments WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> assessmentOf(rs)).findOne().orElseThrow(() -> new NotFound("Assessment", id)));
    }

    /**
     * How many assessments that are not closed have the same province, device class, status,
     * groups (child: under 18 on {@code asOf}) and time waited since the assessment (0-3, 3-6,
     * 6-12, 12-24, 24+ months on {@code asOf}), for the fairness report. Counted by the
     * database: the report reads a few hundred rows, not the registry.
     */
    public record NeedCount(String province, String deviceClass, String status, boolean child,
                            boolean womanHeadOfHousehold, boolean rural, String waited, long count) {
    }

    public List<NeedCount> needCounts(Scope scope, LocalDate asOf) {
        return db.read(h -> scope.bind(h.createQuery("""
                        SELECT b.province, a.device_class, a.status,
                               CASE WHEN b.birth_date > :adult THEN 1 ELSE 0 END AS child,
                               b.woman_head_of_household, b.rural,
                               CASE WHEN a.assessed_on > :m3 THEN '0-3' WHEN a.assessed_on > :m6 THEN '3-6'
                                    WHEN a.assessed_on > :m12 THEN '6-12' WHEN a.assessed_on > :m24 THEN '12-24'
                                    ELSE '24+' END AS waited,
                               COUNT(*) AS n
                          FROM assessments a JOIN beneficiaries b ON b.id = a.beneficiary_id
                         WHERE a.status <> 'closed' AND\s""" + scope.where("b.province", "b.centre")
                        + " GROUP BY 1, 2, 3, 4, 5, 6, 7"))
                .bind("adult", asOf.minusYears(18).toString()).bind("m3", asOf.minusMonths(3).toString())
                .bind("m6", asOf.minusMonths(6).toString()).bind("m12", asOf.minusMonths(12).toString())
                .bind("m24", asOf.minusMonths(24).toString())
                .map((rs, ctx) -> new NeedCount(rs.getString("province"), rs.getString("device_class"),
                        rs.getString("status"), rs.getInt("child") == 1, rs.getBoolean("woman_head_of_household"),
                        rs.getBoolean("rural"), rs.getString("waited"), rs.getLong("n")))
                .list());
    }

    /** Every waiting assessment, for the matcher; national, since shares are computed over the whole country. */
    public List<Waiting> waiting() {
        return db.read(h -> h.createQuery("""
                        SELECT a.id AS assessment_id, b.id AS beneficiary_id, b.province, b.centre, b.birth_date,
                               b.woman_head_of_household, b.rural, b.registered_on, a.device_class, a.measurements_json,
                               a.urgency, a.need_level, a.assessed_on
                          FROM assessments a JOIN beneficiaries b ON b.id = a.beneficiary_id
                         WHERE a.status = 'waiting'
                         ORDER BY a.id""")
                .map((rs, ctx) -> waitingOf(rs))
                .list());
    }

}
