package org.tavan.telemetry.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.tavan.Json;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.rigs.RigActivity;
import org.tavan.rigs.RigLinks;
import org.tavan.rigs.Rigs;
import org.tavan.storage.Database;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances' writers on one PostgreSQL, each committing batches that touch the same rigs
 * in opposite arrival orders, as IngestWriter does (the rigs locked in sorted order, epochs,
 * insert, then activity per rig in arrival order). No commit is retried here, so a single
 * deadlock fails the test.
 */
class ConcurrentWritersTest {

    static final int RIGS = 30;
    static final int ROUNDS = 40;

    @Test
    void two_writers_touching_the_same_rigs_in_opposite_orders_never_deadlock() throws Exception {
        runTwoWriters(false);
    }

    /**
     * Each writer has half the rigs send only rejected frames (the other half for the other
     * writer): RigActivity.record writes those rows in arrival order, which is safe only because
     * the batch locked all its rigs first (RigActivity.lockInOrder, as IngestWriter does).
     */
    @Test
    void rigs_with_only_rejected_frames_are_locked_in_the_same_sorted_order() throws Exception {
        runTwoWriters(true);
    }

    private void runTwoWriters(boolean rejectionsToo) throws Exception {
        Instant now = Instant.parse("2026-11-25T08:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        Database db = Database.open(TestDatabases.postgres(), null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            db.migrate();
            IngestProfiles profiles = new IngestProfiles(TestProfiles.all());
            Rigs rigs = new Rigs(db, new AuditLog(Json.mapper(), clock), clock, profiles::kind, Duration.ofSeconds(60),
                    new RigLinks());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < RIGS; i++) {
                String id = "drum-lock-%02d".formatted(i);
                rigs.register(new Rigs.NewRig(id, TestProfiles.DRUM, "Tehran", "Bay " + i, null, null), Actor.system("test"));
                ids.add(id);
            }
            List<String> reversed = new ArrayList<>(ids);
            Collections.reverse(reversed);
            ReadingStore store = new ReadingStore(db, Json.mapper());
            RigActivity activity = new RigActivity(db);
            SequenceEpochs epochs = new SequenceEpochs();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<?>> writers = List.of(
                    pool.submit(() -> write(db, store, activity, epochs, ids, 0, now, together, failures, rejectionsToo)),
                    pool.submit(() -> write(db, store, activity, epochs, reversed, 1, now, together, failures, rejectionsToo)));
            for (Future<?> w : writers) {
                w.get(120, TimeUnit.SECONDS);
            }
            assertThat(failures).as("commit failures (a deadlock shows here)").isEmpty();
            long stored = db.read(h -> h.createQuery("SELECT COUNT(*) FROM readings WHERE rig_id LIKE 'drum-lock-%'")
                    .mapTo(Long.class).one());
            assertThat(stored).isEqualTo((long) (rejectionsToo ? RIGS / 2 : RIGS) * ROUNDS * 2);
            if (rejectionsToo) {
                long rejected = db.read(h -> h.createQuery(
                                "SELECT SUM(frames_rejected) FROM rig_activity WHERE rig_id LIKE 'drum-lock-%'")
                        .mapTo(Long.class).one());
                assertThat(rejected).isEqualTo((long) RIGS / 2 * ROUNDS * 2);
            }
        } finally {
            pool.shutdownNow();
            db.close();
        }
    }

    /** One writer: each round one batch with a frame of every rig, in the given order. */
    private static void write(Database db, ReadingStore store, RigActivity activity, SequenceEpochs epochs,
                              List<String> order, int parity, Instant now, CyclicBarrier together,
                              ConcurrentLinkedQueue<Throwable> failures, boolean rejectionsToo) {
        for (int round = 0; round < ROUNDS; round++) {
            long seq = 2L * round + parity + 1;
            List<ReadingStore.Row> rows = new ArrayList<>();
            List<String> rejecting = new ArrayList<>();
            for (String rig : order) {
                if (rejectionsToo && Integer.parseInt(rig.substring(rig.length() - 2)) % 2 != parity) {
                    rejecting.add(rig);
                    continue;
                }
                byte[] raw = TestProfiles.drumFrame(seq, 1000 + seq, 1.0).getBytes(StandardCharsets.US_ASCII);
                try {
                    rows.add(store.row(rig, now, raw, TestProfiles.decodeDrum(raw)));
                } catch (org.tavan.telemetry.FrameRejected e) {
                    throw new AssertionError("the test's own frame is valid: " + e.getMessage(), e);
                }
            }
            try {
                together.await(30, TimeUnit.SECONDS);
                db.useTransaction(h -> {
                    java.util.Map<String, RigActivity.SequenceState> locked = activity.lockInOrder(order);
                    List<ReadingStore.Row> assigned = epochs.assign(h, rows, locked);
                    store.insert(h, assigned);
                    // Activity in arrival order, as IngestWriter's LinkedHashMap gives it.
                    for (String rig : order) {
                        if (rejecting.contains(rig)) {
                            activity.record(new RigActivity.RigBatch(rig, now, 0, 0, new long[0], new long[0],
                                    List.of(new RigActivity.Rejection(now, "checksum", "test"))),
                                    java.util.Optional.ofNullable(locked.get(rig)));
                        } else {
                            ReadingStore.Row r = assigned.stream().filter(x -> x.rigId().equals(rig)).findFirst().orElseThrow();
                            activity.record(new RigActivity.RigBatch(rig, now, 1, 0, new long[] {r.sequence()},
                                    new long[] {r.epoch()}, List.of()), java.util.Optional.ofNullable(locked.get(rig)));
                        }
                    }
                });
            } catch (Exception e) {
                failures.add(e);
                return;
            }
        }
    }
}
