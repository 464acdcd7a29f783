package org.tavan.rigs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.tavan.storage.Database;

/**
 * What ingest tells the registry about each batch: counters, last-seen, rejections and
 * sequence gaps. Called inside ingest's transaction, each method joins it (see
 * {@link Database}), so the counters commit with the readings they count. {@link #lockInOrder} comes first: on PostgreSQL it locks the rigs'
 * rows, so two instances that both hold frames of a rig (a partition changing hands) compare
 * sequences one after the other.
 */
public final class RigActivity {

    private static final int KEPT_REJECTIONS = 20;

    private final Database db;

    public RigActivity(Database db) {
        this.db = db;
    }

    /**
     * One rig's share of a committed batch. {@code newSequences} holds inserted (not duplicate)
     * sequences and {@code newEpochs} the epoch of each, ascending by (epoch, sequence).
     */
    public record RigBatch(String rigId, Instant lastSeen, long accepted, long duplicates, long[] newSequences,
                           long[] newEpochs, List<Rejection> rejections) {
    }

    /** A rig's current sequence epoch and the highest sequence stored in it (null: none yet). */
    public record SequenceState(long epoch, Long maxSequence) {
    }

    /**
     * Locks the activity rows of every rig of a batch, in sorted order, before anything else of
     * the batch (rows locked later in arrival order would let two writers deadlock on
     * PostgreSQL; SQLite has one writer), and returns each registered rig's sequence state as it
     * stands under that lock. A rig without an activity row is not registered and is absent.
     * The state stays current for the rest of the transaction: only {@link #record} changes it.
     */
    public Map<String, SequenceState> lockInOrder(java.util.Collection<String> rigIds) {
        java.util.SortedSet<String> rigs = new java.util.TreeSet<>(rigIds);
        if (rigs.isEmpty()) {
            return Map.of();
        }
        return db.inTransaction(h -> lockInOrder(h, rigs));
    }

    private static Map<String, SequenceState> lockInOrder(Handle h, java.util.SortedSet<String> rigs) {
        for (String rig : rigs) {
            h.createUpdate("UPDATE rig_activity SET seq_epoch = seq_epoch WHERE rig_id = :rig").bind("rig", rig).execute();
        }
        // One read for all of them: per rig and batch this used to be a second UPDATE and two SELECTs.
        Map<String, SequenceState> states = new java.util.HashMap<>();
        h.createQuery("SELECT rig_id, seq_epoch, max_sequence FROM rig_activity WHERE rig_id IN (<rigs>)")
                .bindList("rigs", new ArrayList<>(rigs))
                .map((rs, ctx) -> {
                    long epoch = rs.getLong("seq_epoch");
                    long max = rs.getLong("max_sequence");
                    Long maxSequence = rs.wasNull() ? null : max;
                    states.put(rs.getString("rig_id"), new SequenceState(epoch, maxSequence));
                    return 0;
                })
                .list();
        return states;
    }

    public record Rejection(Instant at, String reason, String message) {
    }
    /**
     * Notes a gateway's report id for the rig; false when it was noted before (the report was
     * resent), in which case the caller counts a duplicate instead of a second rejection.
     */
    public boolean firstReport(String rigId, String reportId) {
        return db.inTransaction(h -> h.createUpdate("""
                INSERT INTO rig_gateway_reports (rig_id, report_id) VALUES (:rig, :id)
                ON CONFLICT (rig_id, report_id) DO NOTHING""").bind("rig", rigId).bind("id", reportId).execute() == 1);
    }


    /**
     * Adds one rig's share of a committed batch to its counters, gaps and rejections, with one
     * UPDATE of its activity row. {@code locked} is the rig's state from {@link #lockInOrder} in
     * the same transaction; empty means the rig is not registered and nothing is recorded (its
     * frames are then not the registry's business): false.
     */
    public boolean record(RigBatch batch, Optional<SequenceState> locked) {
        if (locked.isEmpty()) {
            return false;
        }
        return db.inTransaction(h -> record(h, batch, locked));
    }

    private boolean record(Handle h, RigBatch batch, Optional<SequenceState> locked) {
        SequenceUpdate seq = batch.newSequences().length == 0
                ? new SequenceUpdate(locked.get().epoch(), locked.get().maxSequence(), 0)
                : trackSequences(h, batch.rigId(), batch.newSequences(), batch.newEpochs(), batch.lastSeen(), locked.get());
        h.createUpdate("""
                        UPDATE rig_activity
                           SET last_seen = CASE WHEN last_seen IS NULL OR last_seen < :seen THEN :seen ELSE last_seen END,
                               frames_accepted = frames_accepted + :accepted,
                               frames_rejected = frames_rejected + :rejected,
                               duplicates = duplicates + :duplicates,
                               seq_epoch = :epoch, max_sequence = :max,
                               missing_readings = missing_readings + :delta
                         WHERE rig_id = :rig""")
                .bind("seen", batch.lastSeen())
                .bind("accepted", batch.accepted())
                .bind("rejected", (long) batch.rejections().size())
                .bind("duplicates", batch.duplicates())
                .bind("epoch", seq.epoch()).bind("max", seq.max()).bind("delta", seq.missingDelta())
                .bind("rig", batch.rigId())
                .execute();
        if (!batch.rejections().isEmpty()) {
            recordRejections(h, batch.rigId(), batch.rejections());
        }
        return true;
    }

    private record SequenceUpdate(long epoch, Long max, long missingDelta) {
    }

    /**
     * Gaps are tracked within an epoch: a reading of a newer epoch resets the highest sequence,
     * so a restarted counter reports no giant gap; a reading of an older epoch than the current
     * one (a late frame of the old run) only fills that epoch's gap.
     */
    private SequenceUpdate trackSequences(Handle h, String rig, long[] sequences, long[] epochs, Instant now,
                                          SequenceState state) {
        long epoch = state.epoch();
        Long max = state.maxSequence();
        long missingDelta = 0;
        for (int i = 0; i < sequences.length; i++) {
            long s = sequences[i];
            long e = epochs[i];
            if (e < epoch) {
                // A late frame of an older run: it can only fill that run's gap.
                if (fillGap(h, rig, e, s)) {
                    missingDelta--;
                }
                continue;
            }
            if (e > epoch) {
                epoch = e;
                max = s;
            } else if (max == null) {
                max = s;
            } else if (s > max + 1) {
                h.createUpdate("""
                                INSERT INTO rig_sequence_gaps (rig_id, seq_epoch, first_seq, last_seq, detected_at)
                                VALUES (:rig, :epoch, :first, :last, :at)""")
                        .bind("rig", rig).bind("epoch", epoch).bind("first", max + 1).bind("last", s - 1)
                        .bind("at", now).execute();
                missingDelta += s - 1 - max;
                max = s;
            } else if (s == max + 1) {
                max = s;
            } else if (fillGap(h, rig, epoch, s)) {
                missingDelta--;
            }
            // else: a sequence below the highest that was never missing; stored, changes no gap.
        }
        return new SequenceUpdate(epoch, max, missingDelta);
    }

    /** A late reading inside a recorded gap of its epoch: shrink or split the gap. */
    private boolean fillGap(Handle h, String rig, long epoch, long s) {
        List<Map<String, Object>> gaps = h.createQuery("""
                        SELECT id, first_seq, last_seq, detected_at FROM rig_sequence_gaps
                         WHERE rig_id = :rig AND seq_epoch = :epoch AND first_seq <= :s AND last_seq >= :s""")
                .bind("rig", rig).bind("epoch", epoch).bind("s", s).mapToMap().list();
        if (gaps.isEmpty()) {
            return false;
        }
        Map<String, Object> gap = gaps.get(0);
        long id = ((Number) gap.get("id")).longValue();
        long first = ((Number) gap.get("first_seq")).longValue();
        long last = ((Number) gap.get("last_seq")).longValue();
        long detected = ((Number) gap.get("detected_at")).longValue();
        h.createUpdate("DELETE FROM rig_sequence_gaps WHERE id = :id").bind("id", id).execute();
        if (first < s) {
            insertGap(h, rig, epoch, first, s - 1, detected);
        }
        if (s < last) {
            insertGap(h, rig, epoch, s + 1, last, detected);
        }
        return true;
    }

    private static void insertGap(Handle h, String rig, long epoch, long first, long last, long detectedMillis) {
        h.createUpdate("""
                        INSERT INTO rig_sequence_gaps (rig_id, seq_epoch, first_seq, last_seq, detected_at)
                        VALUES (:rig, :epoch, :first, :last, :at)""")
                .bind("rig", rig).bind("epoch", epoch).bind("first", first).bind("last", last).bind("at", detectedMillis).execute();
    }

    private static void recordRejections(Handle h, String rig, List<Rejection> rejections) {
        Map<String, Long> byReason = new java.util.TreeMap<>();
        rejections.forEach(r -> byReason.merge(r.reason(), 1L, Long::sum));
        byReason.forEach((reason, n) -> h.createUpdate("""
                        INSERT INTO rig_rejection_counts (rig_id, reason, frames) VALUES (:rig, :reason, :n)
                        ON CONFLICT (rig_id, reason) DO UPDATE SET frames = rig_rejection_counts.frames + excluded.frames""")
                .bind("rig", rig).bind("reason", reason).bind("n", n).execute());
        List<Rejection> kept = rejections.subList(Math.max(0, rejections.size() - KEPT_REJECTIONS), rejections.size());
        for (Rejection r : kept) {
            h.createUpdate("INSERT INTO rig_rejections (rig_id, at, reason, message) VALUES (:rig, :at, :reason, :message)")
                    .bind("rig", rig).bind("at", r.at()).bind("reason", r.reason())
                    .bind("message", r.message().length() > 300 ? r.message().substring(0, 300) : r.message())
                    .execute();
        }
        h.createUpdate("""
                        DELETE FROM rig_rejections WHERE rig_id = :rig AND id NOT IN
                          (SELECT id FROM rig_rejections WHERE rig_id = :rig ORDER BY id DESC LIMIT :keep)""")
                .bind("rig", rig).bind("keep", KEPT_REJECTIONS).execute();
    }
}
