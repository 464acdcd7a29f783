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
 * Frames may arrive late, reordered or twice (a broker resending after a restart, instances of
 * a shared subscription committing out of order, a gateway resending its journal), so an epoch
 * opens only on evidence that the counter went back: a different frame already stored under
 * the same sequence. Rules, applied to each rig's frames in arrival order inside the inserting
 * transaction (rigs taken in sorted order, see {@link #assign}):
 * <ol>
 *   <li>A frame whose sequence is already stored, in ANY epoch, with the same raw bytes
 *       (SHA-256) is a redelivery: it keeps that epoch and the insert ignores it. Readings
 *       stored before epochs existed have no hash; the same sequence in the current epoch
 *       counts as the same frame.</li>
 *   <li>A frame that collides with a different frame of the current epoch starts a new epoch
 *       when its sequence is at most {@link #RESTART_LIMIT} (counters restart at 0 or 1) or
 *       more than {@link #BACKWARD_WINDOW} below the epoch's highest; otherwise it is a
 *       rig-side repeat: a duplicate.</li>
 *   <li>A frame that collides with nothing belongs to the current epoch, however far behind
 *       (a late frame: it fills a gap if it lies in one, else changes no gap) — except a frame
 *       above the current epoch's highest that lies in an open gap of the previous epoch: a
 *       late frame of the old run, which fills that gap.</li>
 * </ol>
 * So late, reordered and redelivered frames never open an epoch and never report a gap; a gap
 * is a range above a stored frame and below a later stored frame of the same epoch with nothing
 * stored in it. Known limits: a restart is seen only when the new run reaches a sequence stored
 * in the current epoch; a rig first seen mid-run (its epoch starts at, say, 1000) that restarts
 * has frames 0..999 joined to the current epoch (stored, no gap) and a new epoch from 1000 on
 * only if that is within {@link #RESTART_LIMIT} or farther than the window below the highest,
 * else those frames are taken for repeats; a restart whose first {@link #RESTART_LIMIT}+1
 * frames were all lost likewise waits for the window. A rig's {@code started} event is not
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
        RigActivity.SequenceState state = activity.lockSequenceState(rig).orElseGet(() -> fromReadings(h, rig));
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
            if (collides && (s <= RESTART_LIMIT || farBack)) {
                epoch++;
                max = s;
            } else if (!collides && epoch > 0 && max != null && s > max + 1 && inOpenGap(h, rig, epoch - 1, s)) {
                // A frame of the old run that was never stored, arriving after the restart: it fills
                // its old gap instead of opening a false gap in the new run.
                rows.set(i, row.inEpoch(epoch - 1));
                same.add(new Stored(epoch - 1, row.contentHash()));
                continue;
            } else if (!collides) {
                max = max == null ? s : Math.max(max, s);
            }
            rows.set(i, row.inEpoch(epoch));
            same.add(new Stored(epoch, row.contentHash()));
        }
    }

    /** Whether {@code s} lies in a recorded (still missing) range of the rig's epoch. */
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
