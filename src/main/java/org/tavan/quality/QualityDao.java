package org.tavan.quality;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Quality's SQL: test sessions, their events and typed-in readings, verdicts, nonconformances. */
@RegisterConstructorMapper(QualityDao.SessionRow.class)
@RegisterConstructorMapper(QualityDao.VerdictRow.class)
@RegisterConstructorMapper(TestSessions.Event.class)
@RegisterConstructorMapper(Reading.class)
@RegisterConstructorMapper(Nonconformances.Nonconformance.class)
interface QualityDao {

    /** A session as stored, with the id and outcome of its verdict once it has one. */
    record SessionRow(long id, String serial, int stepSeq, String station, long planId, String rigId, String rigKind,
                      Instant rigCalibrationDue, String rigCertificate, String status, Instant openedAt,
                      String openedBy, Instant closedAt, Long verdictId) {
        SessionStatus state() {
            return SessionStatus.of(status);
        }
    }

    record VerdictRow(long id, long sessionId, String serial, String modelCode, int stepSeq, String station, long planId,
                      String planCode, int planVersion, String outcome, String detailJson, String rigId, String rigKind,
                      Instant rigCalibrationDue, String rigCertificate, Instant computedAt, String computedBy, Long nc) {
    }

    String SESSION = """
            SELECT s.id, s.serial, s.step_seq, s.station, s.plan_id, s.rig_id, s.rig_kind, s.rig_calibration_due,
                   s.rig_certificate, s.status, s.opened_at, s.opened_by, s.closed_at, v.id AS verdict_id
              FROM test_sessions s LEFT JOIN verdicts v ON v.session_id = s.id
            """;
    String VERDICT = """
            SELECT v.id, v.session_id, v.serial, v.model_code, v.step_seq, v.station, v.plan_id, v.plan_code,
                   v.plan_version, v.outcome, v.detail_json, v.rig_id, v.rig_kind, v.rig_calibration_due,
                   v.rig_certificate, v.computed_at, v.computed_by, n.id AS nc
              FROM verdicts v LEFT JOIN nonconformances n ON n.verdict_id = v.id
            """;
    String NONCONFORMANCE =
            "SELECT id, verdict_id, serial, cause, disposition, opened_at, decided_at, decided_by FROM nonconformances ";

    // ---------------------------------------------------------------- sessions

    @SqlQuery(SESSION + " WHERE s.id = :id")
    Optional<SessionRow> session(long id);

    @SqlQuery(SESSION + " WHERE s.status <> 'closed' ORDER BY s.id")
    List<SessionRow> openSessions();

    @SqlQuery("SELECT id FROM test_sessions WHERE serial = :serial AND status <> 'closed' LIMIT 1")
    Optional<Long> openSessionOf(String serial);

    @SqlQuery("SELECT serial FROM test_sessions WHERE rig_id = :rig AND status <> 'closed' LIMIT 1")
    Optional<String> unitOnRig(String rig);

    @SqlUpdate("""
            INSERT INTO test_sessions (serial, step_seq, station, plan_id, rig_id, rig_kind, rig_calibration_due,
                                       rig_certificate, status, opened_at, opened_by)
            VALUES (:serial, :seq, :station, :plan, :rig, :kind, :due, :cert, 'open', :now, :by)""")
    @GetGeneratedKeys("id")
    long insertSession(String serial, int seq, String station, long plan, String rig, String kind, Instant due,
                       String cert, Instant now, String by);

    /** Guarded: of two technicians changing a session at once, the second updates nothing. */
    @SqlUpdate("UPDATE test_sessions SET status = :to WHERE id = :id AND status = :from")
    int move(long id, String from, String to);

    @SqlUpdate("UPDATE test_sessions SET status = 'closed', closed_at = :now WHERE id = :id AND status = :from")
    int close(long id, String from, Instant now);

    @SqlUpdate("""
            INSERT INTO session_events (session_id, at, kind, cycles, item_key, passed, note, actor)
            VALUES (:session, :at, :kind, :cycles, :key, :passed, :note, :actor)""")
    void insertEvent(long session, Instant at, String kind, Long cycles, String key, Boolean passed, String note,
                     String actor);

    @SqlQuery("""
            SELECT id, at, kind, cycles, item_key, passed, note, actor FROM session_events
             WHERE session_id = :session ORDER BY id""")
    List<TestSessions.Event> events(long session);

    @SqlUpdate("""
            INSERT INTO test_readings (rig_id, session_id, at, name, value, unit, entered_by)
            VALUES (NULL, :session, :at, :name, :value, :unit, :by)""")
    void insertTypedIn(long session, Instant at, String name, double value, String unit, String by);

    @SqlQuery("SELECT id, at, name, value, unit FROM test_readings WHERE session_id = :session ORDER BY id")
    List<Reading> typedIn(long session);

    // ---------------------------------------------------------------- verdicts

    @SqlUpdate("""
            INSERT INTO verdicts (session_id, serial, model_code, step_seq, station, plan_id, plan_code,
                                  plan_version, outcome, detail_json, rig_id, rig_kind, rig_calibration_due,
                                  rig_certificate, computed_at, computed_by)
            VALUES (:session, :serial, :model, :seq, :station, :plan, :code, :version, :outcome, :detail,
                    :rig, :kind, :due, :cert, :now, :by)""")
    @GetGeneratedKeys("id")
    long insertVerdict(long session, String serial, String model, int seq, String station, long plan, String code,
                       int version, String outcome, String detail, String rig, String kind, Instant due, String cert,
                       Instant now, String by);

    @SqlUpdate("INSERT INTO verdict_findings (verdict_id, item, outcome) VALUES (:verdict, :item, :outcome)")
    void insertFinding(long verdict, String item, String outcome);

    @SqlQuery(VERDICT + " WHERE v.id = :id")
    Optional<VerdictRow> verdict(long id);

    @SqlQuery(VERDICT + " WHERE v.serial = :serial ORDER BY v.id")
    List<VerdictRow> verdictsOf(String serial);

    @SqlQuery("SELECT outcome FROM verdicts WHERE serial = :serial AND step_seq = :seq ORDER BY id DESC LIMIT 1")
    Optional<String> latestOutcome(String serial, int seq);

    // ---------------------------------------------------------------- nonconformances

    @SqlUpdate("""
            INSERT INTO nonconformances (verdict_id, serial, cause, disposition, opened_at)
            VALUES (:verdict, :serial, :cause, NULL, :now)""")
    void insertNonconformance(long verdict, String serial, String cause, Instant now);

    @SqlQuery(NONCONFORMANCE + """
             WHERE CAST(:open AS TEXT) IS NULL
                OR (CAST(:open AS TEXT) = 'true' AND disposition IS NULL)
                OR (CAST(:open AS TEXT) = 'false' AND disposition IS NOT NULL)
             ORDER BY id DESC""")
    List<Nonconformances.Nonconformance> nonconformances(String open);

    @SqlQuery(NONCONFORMANCE + " WHERE id = :id")
    Optional<Nonconformances.Nonconformance> nonconformance(long id);

    /** Guarded: of two quality leads deciding at once, the second finds it decided. */
    @SqlUpdate("""
            UPDATE nonconformances SET disposition = :disposition, cause = :cause, decided_at = :now, decided_by = :by
             WHERE id = :id AND disposition IS NULL""")
    int decide(long id, String disposition, String cause, Instant now, String by);
}
