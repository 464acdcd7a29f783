package org.tavan.rigs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(RigDao.RigRow.class)
@RegisterConstructorMapper(RigDao.ActivityRow.class)
@RegisterConstructorMapper(RigDao.RejectionRow.class)
@RegisterConstructorMapper(RigDao.GapRow.class)
@RegisterConstructorMapper(RigDao.ReasonCount.class)
@RegisterConstructorMapper(RigDao.GatewayRow.class)
interface RigDao {

    record RigRow(String rigId, String profileId, String workshop, String station, String calibrationCert,
                  String calibrationDue, String mqttPasswordHash, boolean active, Instant createdAt,
                  Instant updatedAt) {
    }

    record ActivityRow(String rigId, Instant lastSeen, long framesAccepted, long framesRejected, long duplicates,
                       long missingReadings) {
    }

    record RejectionRow(String rigId, Instant at, String reason, String message) {
    }

    record GapRow(String rigId, long firstSeq, long lastSeq, Instant detectedAt, int openRanges, Instant since) {
    }

    record ReasonCount(String rigId, String reason, long frames) {
    }

    record GatewayRow(String rigId, Instant seenAt, Instant upUntil, boolean portOpen, long framesRead) {
    }

    String RIG_COLUMNS = """
            rig_id, profile_id, workshop, station, calibration_cert, calibration_due, mqtt_password_hash,
            active, created_at, updated_at""";

    @SqlQuery("SELECT " + RIG_COLUMNS + " FROM rigs WHERE rig_id = :rigId")
    Optional<RigRow> find(String rigId);

    @SqlQuery("SELECT " + RIG_COLUMNS + " FROM rigs ORDER BY rig_id")
    List<RigRow> all();

    @SqlUpdate("""
            INSERT INTO rigs (rig_id, profile_id, workshop, station, calibration_cert, calibration_due,
                              mqtt_password_hash, active, created_at, updated_at)
            VALUES (:rigId, :profileId, :workshop, :station, :calibrationCert, :calibrationDue,
                    :mqttPasswordHash, :active, :createdAt, :updatedAt)""")
    void insert(String rigId, String profileId, String workshop, String station, String calibrationCert,
                String calibrationDue, String mqttPasswordHash, boolean active, Instant createdAt, Instant updatedAt);

    @SqlUpdate("INSERT INTO rig_activity (rig_id) VALUES (:rigId)")
    void insertActivity(String rigId);

    @SqlUpdate("""
            UPDATE rigs SET profile_id = :profileId, workshop = :workshop, station = :station,
                   calibration_cert = :calibrationCert, calibration_due = :calibrationDue, active = :active,
                   updated_at = :updatedAt
             WHERE rig_id = :rigId""")
    void update(String rigId, String profileId, String workshop, String station, String calibrationCert,
                String calibrationDue, boolean active, Instant updatedAt);

    @SqlUpdate("UPDATE rigs SET mqtt_password_hash = :hash, updated_at = :updatedAt WHERE rig_id = :rigId")
    void setPasswordHash(String rigId, String hash, Instant updatedAt);

    @SqlQuery("""
            SELECT rig_id, last_seen, frames_accepted, frames_rejected, duplicates, missing_readings
              FROM rig_activity WHERE (CAST(:rigId AS TEXT) IS NULL OR rig_id = :rigId)""")
    List<ActivityRow> activity(String rigId);

    @SqlQuery("""
            SELECT rig_id, reason, frames FROM rig_rejection_counts
             WHERE (CAST(:rigId AS TEXT) IS NULL OR rig_id = :rigId) ORDER BY rig_id, reason""")
    List<ReasonCount> reasonCounts(String rigId);

    /** The newest {@code shown} rejections of each rig (or of one). */
    @SqlQuery("""
            SELECT rig_id, at, reason, message FROM (
                SELECT id, rig_id, at, reason, message, ROW_NUMBER() OVER (PARTITION BY rig_id ORDER BY id DESC) AS n
                  FROM rig_rejections WHERE (CAST(:rigId AS TEXT) IS NULL OR rig_id = :rigId)) newest
             WHERE n <= :shown ORDER BY rig_id, id DESC""")
    List<RejectionRow> rejections(String rigId, int shown);

    /** A heartbeat older than the one stored (QoS 0 from another instance, late) changes nothing. */
    @SqlUpdate("""
            INSERT INTO rig_gateway_status (rig_id, seen_at, up_until, port_open, frames_read)
            VALUES (:rigId, :seenAt, :upUntil, :portOpen, :framesRead)
            ON CONFLICT (rig_id) DO UPDATE SET seen_at = excluded.seen_at, up_until = excluded.up_until,
                   port_open = excluded.port_open, frames_read = excluded.frames_read
             WHERE rig_gateway_status.seen_at <= excluded.seen_at""")
    void recordGateway(String rigId, Instant seenAt, Instant upUntil, boolean portOpen, long framesRead);

    @SqlQuery("""
            SELECT rig_id, seen_at, up_until, port_open, frames_read FROM rig_gateway_status
             WHERE (CAST(:rigId AS TEXT) IS NULL OR rig_id = :rigId)""")
    List<GatewayRow> gateways(String rigId);

    /** The {@code shown} latest gaps of each rig (or of one), each row with its rig's count of open gaps and the oldest. */
    @SqlQuery("""
            SELECT rig_id, first_seq, last_seq, detected_at, open_ranges, since FROM (
                SELECT rig_id, first_seq, last_seq, detected_at,
                       COUNT(*) OVER (PARTITION BY rig_id) AS open_ranges,
                       MIN(detected_at) OVER (PARTITION BY rig_id) AS since,
                       ROW_NUMBER() OVER (PARTITION BY rig_id ORDER BY first_seq DESC) AS n
                  FROM rig_sequence_gaps WHERE (CAST(:rigId AS TEXT) IS NULL OR rig_id = :rigId)) latest
             WHERE n <= :shown ORDER BY rig_id, first_seq DESC""")
    List<GapRow> gaps(String rigId, int shown);
}
