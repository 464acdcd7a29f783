package org.tavan.telemetry.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jdbi.v3.core.Handle;
import org.tavan.rigs.RigActivity;

/**
 * Assigns each sequenced frame its rig's sequence epoch, so a rig that restarts its counter
 * (power cycle, firmware reset) has its new frames stored rather than taken for duplicates.
 * Rules, applied to each rig's frames in arrival order inside the inserting transaction:
 * <ol>
 *   <li>A frame whose sequence is already stored, in ANY epoch, with the same raw bytes
 *       (SHA-256) is a redelivery: it keeps that epoch and the insert ignores it. This is what
 *       makes a replay deterministic: after a crash between commit and acknowledgement the
 *       broker may resend frames of the old epoch after the rig has restarted; they match the
 *       stored frames and never open another epoch. Readings stored before epochs existed have
 *       no hash; the same sequence in the current epoch counts as the same frame.</li>
 *   <li>Otherwise a new epoch starts when the counter went back: the current epoch already
 *       holds a different frame with that sequence and the sequence is at most
 *       {@link #RESTART_LIMIT} (counters restart at 0 or 1) or more than
 *       {@link #BACKWARD_WINDOW} below the epoch's highest; or it collides with nothing, is
 *       more than the window below the highest and lies in no open gap of the epoch (a wrap
 *       or a restart into numbers never stored; a frame inside an open gap is late, however
 *       late: instances sharing a subscription commit out of order).</li>
 *   <li>Otherwise a frame that collides with a different frame of the current epoch is a
 *       rig-side repeat: a duplicate, as before epochs existed.</li>
 *   <li>Otherwise the frame belongs to the current epoch (in order, or a late frame that may
 *       fill a gap).</li>
 * </ol>
 * Known limits: a rig that restarts and whose frames 0..5 all were lost is taken for repeating
 * until it passes its old highest sequence (or the window); a frame of an old run that was
 * never stored and arrives only after the restart joins the new epoch. A rig's {@code started} event is not
 * used: several profiles report the status on every frame of a run.
 */
final class SequenceEpochs {

    /** How far below the epoch's highest sequence a frame may be and still be late (or a repeat). */
    static final long BACKWARD_WINDOW = 1000;
    /** A counter that restarts starts at 0 or 1; a little room for its first frames being lost. */
    static final long RESTART_LIMIT = 5;

    private final RigActivity activity;

    SequenceEpochs(RigActivity activity) {
        this.activity = activity;
    }

    private record Stored(long epoch, byte[] hash) {
    }

    /** Returns the rows with their epochs (same order); epoch changes are persisted by {@link RigActivity}. */
    List<ReadingStore.Row> assign(Handle h, List<ReadingStore.Row> rows) {
        // Rigs in one fixed (sorted) order: each assignRig locks the rig's activity row, and two
        // writers that lock the same rows in their arrival orders deadlock on PostgreSQL.
        Map<String, List<Integer>> byRig = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).sequence() != null) {
                byRig.computeIfAbsent(rows.get(i).rigId(), k -> new ArrayList<>()).add(i);
            }
        }
        List<ReadingStore.Row> out = new ArrayList<>(rows);
        for (Map.Entry<String, List<Integer>> e : byRig.entrySet()) {
            assignRig(h, e.getKey(), e.getValue(), out);
        }
        return out;
    }

    private void assignRig(Handle h, String rig, List<Integer> indexes, List<ReadingStore.Row> rows) {
        RigActivity.SequenceState state = activity.lockSequenceState(h, rig).orElseGet(() -> fromReadings(h, rig));
        long epoch = state.epoch();
        Long max = state.maxSequence();
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i : indexes) {
            long s = rows.get(i).sequence();
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        // One range query per rig and batch: in steady state it returns nothing.
        Map<Long, List<Stored>> stored = new HashMap<>();
        h.createQuery("""
                        SELECT sequence, seq_epoch, content_hash FROM readings
                         WHERE rig_id = :rig AND sequence >= :lo AND sequence <= :hi""")
                .bind("rig", rig).bind("lo", lo).bind("hi", hi)
                .map((rs, ctx) -> {
                    stored.computeIfAbsent(rs.getLong("sequence"), k -> new ArrayList<>())
                            .add(new Stored(rs.getLong("seq_epoch"), rs.getBytes("content_hash")));
                    return 0;
                })
                .list();
        for (int i : indexes) {
            ReadingStore.Row row = rows.get(i);
            long s = row.sequence();
            List<Stored> same = stored.computeIfAbsent(s, k -> new ArrayList<>());
            Optional<Stored> redelivered = Optional.empty();
            boolean collides = false;
            for (Stored st : same) {
                if (st.hash() == null ? st.epoch() == epoch : Arrays.equals(st.hash(), row.contentHash())) {
                    redelivered = Optional.of(st);
                    break;
                }
                collides |= st.epoch() == epoch;
            }
            if (redelivered.isPresent()) {
                rows.set(i, row.inEpoch(redelivered.get().epoch()));
                continue;
            }
            boolean farBack = max != null && s < max - BACKWARD_WINDOW;
            boolean restarted = collides
                    ? s <= RESTART_LIMIT || farBack
                    : farBack && !inOpenGap(h, rig, epoch, s);
            if (restarted) {
                epoch++;
                max = s;
            } else {
                max = max == null ? s : Math.max(max, s);
            }
            rows.set(i, row.inEpoch(epoch));
            same.add(new Stored(epoch, row.contentHash()));
        }
    }

    /**
     * Instances sharing a subscription commit one rig's frames out of order, by more than the
     * window when one lags: such a late frame falls into a gap the other instance left open.
     */
    private static boolean inOpenGap(Handle h, String rig, long epoch, long s) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM rig_sequence_gaps
                         WHERE rig_id = :rig AND seq_epoch = :epoch AND first_seq <= :s AND last_seq >= :s""")
                .bind("rig", rig).bind("epoch", epoch).bind("s", s).mapTo(Long.class).one() > 0;
    }

    /** A rig that is not registered has no activity row: its state is what its readings say. */
    private static RigActivity.SequenceState fromReadings(Handle h, String rig) {
        long epoch = h.createQuery("SELECT COALESCE(MAX(seq_epoch), 0) FROM readings WHERE rig_id = :rig")
                .bind("rig", rig).mapTo(Long.class).one();
        Long max = h.createQuery("""
                        SELECT MAX(sequence) FROM readings WHERE rig_id = :rig AND seq_epoch = :epoch""")
                .bind("rig", rig).bind("epoch", epoch).mapTo(Long.class).findOne().orElse(null);
        return new RigActivity.SequenceState(epoch, max);
    }
}
