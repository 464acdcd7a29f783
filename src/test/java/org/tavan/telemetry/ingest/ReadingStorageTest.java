package org.tavan.telemetry.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tavan.Json;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.rigs.RigActivity;
import org.tavan.rigs.RigLinks;
import org.tavan.rigs.RigView;
import org.tavan.rigs.Rigs;
import org.tavan.storage.Database;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** The ingest writer and the readings store on both databases: dedup, gaps, retention with holds. */
class ReadingStorageTest {

    @TempDir
    Path dir;

    private record Setup(Database db, Rigs rigs, ReadingStore store, IngestWriter writer) implements AutoCloseable {
        @Override
        public void close() {
            writer.close();
            db.close();
        }
    }

    private Setup setup(TestDatabases.Kind kind, Clock clock) {
        Database db = Database.open(TestDatabases.of(kind, dir), null);
        db.migrate();
        IngestProfiles profiles = new IngestProfiles(TestProfiles.all());
        Rigs rigs = new Rigs(db, new AuditLog(Json.mapper(), clock), clock, profiles::kind, Duration.ofSeconds(60),
                new RigLinks());
        ReadingStore store = new ReadingStore(db, Json.mapper());
        IngestWriter writer = new IngestWriter(db, store, new RigActivity(db), new LiveReadings(Json.mapper()),
                new SimpleMeterRegistry(), 1000);
        writer.start();
        rigs.register(new Rigs.NewRig("drum-a", TestProfiles.DRUM, "Tehran", "Bay 1", null, null), Actor.system("test"));
        rigs.register(new Rigs.NewRig("mat-a", TestProfiles.MAT, "Tabriz", "Fitting", null, null), Actor.system("test"));
        return new Setup(db, rigs, store, writer);
    }

    private static void drum(IngestWriter writer, long seq, Instant at, AtomicInteger acks) throws Exception {
        byte[] raw = TestProfiles.drumFrame(seq, 1000 + seq, 1.0).getBytes(StandardCharsets.US_ASCII);
        writer.submit(IngestWriter.Frame.accepted("drum-a", at, raw, TestProfiles.decodeDrum(raw), acks::incrementAndGet));
    }

    private static void drum(IngestWriter writer, long seq, double force, Instant at, AtomicInteger acks) throws Exception {
        byte[] raw = TestProfiles.drumFrame(seq, force, 1.0).getBytes(StandardCharsets.US_ASCII);
        writer.submit(IngestWriter.Frame.accepted("drum-a", at, raw, TestProfiles.decodeDrum(raw), acks::incrementAndGet));
    }

    /** A writer as after a Tavan restart: nothing in memory, everything from the database. */
    private static IngestWriter restartedWriter(Database db) {
        IngestWriter writer = new IngestWriter(db, new ReadingStore(db, Json.mapper()), new RigActivity(db),
                new LiveReadings(Json.mapper()), new SimpleMeterRegistry(), 1000);
        writer.start();
        return writer;
    }

    private static long epochOf(Database db, String rig) {
        return db.read(h -> h.createQuery("SELECT seq_epoch FROM rig_activity WHERE rig_id = :rig").bind("rig", rig)
                .mapTo(Long.class).one());
    }

    private static long readings(Database db, String rig) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM readings WHERE rig_id = :rig").bind("rig", rig)
                .mapTo(Long.class).one());
    }

    // Force values differ between runs as a real rig's do (different readings, device times).
    private static double firstRun(long seq) {
        return 1000 + seq;
    }

    private static double secondRun(long seq) {
        return 2000.25 + seq;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_rig_that_restarts_its_counter_has_both_runs_stored_without_a_gap(TestDatabases.Kind kind) throws Exception {
        Instant now = Instant.parse("2026-11-25T08:00:00Z");
        try (Setup s = setup(kind, Clock.fixed(now, ZoneOffset.UTC))) {
            AtomicInteger acks = new AtomicInteger();
            for (long seq = 1; seq <= 500; seq++) {
                drum(s.writer(), seq, firstRun(seq), now, acks);
            }
            for (long seq = 1; seq <= 500; seq++) {
                drum(s.writer(), seq, secondRun(seq), now, acks);
            }
            Eventually.until(Duration.ofSeconds(20), () -> acks.get() == 1000, () -> acks + " acks");

            RigView drum = s.rigs().get("drum-a");
            assertThat(readings(s.db(), "drum-a")).isEqualTo(1000);
            assertThat(drum.framesAccepted()).isEqualTo(1000);
            assertThat(drum.duplicates()).isZero();
            assertThat(drum.sequenceGaps().missingReadings()).isZero();
            assertThat(drum.sequenceGaps().latestRanges()).isEmpty();
            assertThat(epochOf(s.db(), "drum-a")).isEqualTo(1);
            long inNewEpoch = s.db().read(h -> h.createQuery(
                            "SELECT COUNT(DISTINCT sequence) FROM readings WHERE rig_id = 'drum-a' AND seq_epoch = 1")
                    .mapTo(Long.class).one());
            assertThat(inNewEpoch).isEqualTo(500);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void frames_redelivered_after_a_crash_and_a_restart_are_duplicates_and_open_no_epoch(TestDatabases.Kind kind)
            throws Exception {
        Instant now = Instant.parse("2026-11-25T08:00:00Z");
        try (Setup s = setup(kind, Clock.fixed(now, ZoneOffset.UTC))) {
            AtomicInteger acks = new AtomicInteger();
            for (long seq = 1; seq <= 500; seq++) {
                drum(s.writer(), seq, firstRun(seq), now, acks);
            }
            for (long seq = 1; seq <= 20; seq++) {
                drum(s.writer(), seq, secondRun(seq), now, acks);
            }
            Eventually.until(Duration.ofSeconds(20), () -> acks.get() == 520, () -> acks + " acks");
            s.writer().close();

            // SIGKILL after the commit, before the PUBACKs: a new Tavan process gets the whole tail
            // again, old-epoch frames after the rig already restarted, in their original order.
            IngestWriter again = restartedWriter(s.db());
            try {
                AtomicInteger replayed = new AtomicInteger();
                for (long seq = 450; seq <= 500; seq++) {
                    drum(again, seq, firstRun(seq), now, replayed);
                }
                for (long seq = 1; seq <= 20; seq++) {
                    drum(again, seq, secondRun(seq), now, replayed);
                }
                Eventually.until(Duration.ofSeconds(20), () -> replayed.get() == 71, () -> replayed + " acks");
                // The rig carries on in its new run.
                for (long seq = 21; seq <= 500; seq++) {
                    drum(again, seq, secondRun(seq), now, replayed);
                }
                Eventually.until(Duration.ofSeconds(20), () -> replayed.get() == 551, () -> replayed + " acks");
            } finally {
                again.close();
            }

            RigView drum = s.rigs().get("drum-a");
            assertThat(readings(s.db(), "drum-a")).isEqualTo(1000);
            assertThat(drum.framesAccepted()).isEqualTo(1000);
            assertThat(drum.duplicates()).isEqualTo(71);
            assertThat(drum.sequenceGaps().missingReadings()).isZero();
            assertThat(epochOf(s.db(), "drum-a")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_far_backward_frame_that_collides_with_nothing_is_late_and_opens_no_epoch(TestDatabases.Kind kind) throws Exception {
        Instant now = Instant.parse("2026-11-25T08:00:00Z");
        try (Setup s = setup(kind, Clock.fixed(now, ZoneOffset.UTC))) {
            AtomicInteger acks = new AtomicInteger();
            for (long seq : new long[] {1000, 1001, 1002, 3000, 3001, 2500}) {
                drum(s.writer(), seq, firstRun(seq), now, acks);
            }
            Eventually.until(Duration.ofSeconds(10), () -> acks.get() == 6, () -> acks + " acks");
            assertThat(epochOf(s.db(), "drum-a")).isZero();
            assertThat(s.rigs().get("drum-a").sequenceGaps().missingReadings()).as("1003..2999 but 2500")
                    .isEqualTo(1996);

            // 700 and 701 were never stored: without a collision nothing says the counter went back
            // (a lagging instance delivers such frames too), so they join the epoch and change no gap.
            drum(s.writer(), 700, secondRun(700), now, acks);
            drum(s.writer(), 701, secondRun(701), now, acks);
            Eventually.until(Duration.ofSeconds(10), () -> acks.get() == 8, () -> acks + " acks");

            RigView drum = s.rigs().get("drum-a");
            assertThat(epochOf(s.db(), "drum-a")).isZero();
            assertThat(drum.framesAccepted()).isEqualTo(8);
            assertThat(drum.sequenceGaps().missingReadings()).as("the open gaps stay, none added")
                    .isEqualTo(1996);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void frames_later_than_the_window_fill_their_gaps_in_the_same_epoch(TestDatabases.Kind kind) throws Exception {
        Instant now = Instant.parse("2026-11-25T08:00:00Z");
        try (Setup s = setup(kind, Clock.fixed(now, ZoneOffset.UTC))) {
            AtomicInteger acks = new AtomicInteger();
            // One instance of a shared subscription commits the odd sequences, the other lags far behind.
            for (long seq = 1; seq <= 2999; seq += 2) {
                drum(s.writer(), seq, firstRun(seq), now, acks);
            }
            Eventually.until(Duration.ofSeconds(20), () -> acks.get() == 1500, () -> acks + " acks");
            for (long seq = 2; seq <= 2998; seq += 2) {
                drum(s.writer(), seq, firstRun(seq), now, acks);
            }
            Eventually.until(Duration.ofSeconds(20), () -> acks.get() == 2999, () -> acks + " acks");

            RigView drum = s.rigs().get("drum-a");
            assertThat(epochOf(s.db(), "drum-a")).isZero();
            assertThat(drum.framesAccepted()).isEqualTo(2999);
            assertThat(drum.sequenceGaps().missingReadings()).isZero();
            assertThat(drum.sequenceGaps().openRanges()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void readings_stored_before_epochs_existed_still_catch_their_redelivery(TestDatabases.Kind kind) throws Exception {
        Instant now = Instant.parse("2026-11-25T08:00:00Z");
        try (Setup s = setup(kind, Clock.fixed(now, ZoneOffset.UTC))) {
            AtomicInteger acks = new AtomicInteger();
            for (long seq = 1; seq <= 3; seq++) {
                drum(s.writer(), seq, firstRun(seq), now, acks);
            }
            Eventually.until(Duration.ofSeconds(10), () -> acks.get() == 3, () -> acks + " acks");
            // What V19 leaves of a reading stored before it: epoch 0, no content hash.
            s.db().useTransaction(h -> h.createUpdate("UPDATE readings SET content_hash = NULL").execute());

            drum(s.writer(), 2, firstRun(2), now, acks);
            drum(s.writer(), 4, firstRun(4), now, acks);
            Eventually.until(Duration.ofSeconds(10), () -> acks.get() == 5, () -> acks + " acks");

            assertThat(readings(s.db(), "drum-a")).isEqualTo(4);
            assertThat(s.rigs().get("drum-a").duplicates()).isEqualTo(1);
            assertThat(epochOf(s.db(), "drum-a")).isZero();
        }
    }

    private static void mat(IngestWriter writer, String frame, Instant at, AtomicInteger acks) throws Exception {
        byte[] raw = frame.getBytes(StandardCharsets.US_ASCII);
        writer.submit(IngestWriter.Frame.accepted("mat-a", at, raw, TestProfiles.decodeMat(raw), acks::incrementAndGet));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void frames_are_stored_once_by_sequence_or_content_and_gaps_close_when_late_frames_arrive(TestDatabases.Kind kind)
            throws Exception {
        Instant now = Instant.parse("2026-11-25T08:00:00Z");
        try (Setup s = setup(kind, Clock.fixed(now, ZoneOffset.UTC))) {
            AtomicInteger acks = new AtomicInteger();
            for (long seq : new long[] {1, 2, 3, 7, 8, 2, 5, 8}) {
                drum(s.writer(), seq, now, acks);
            }
            mat(s.writer(), "M,1.5,2.5,3.5", now, acks);
            mat(s.writer(), "M,1.5,2.5,3.5", now, acks);
            mat(s.writer(), "M,1.5,2.5,3.6", now, acks);
            Eventually.until(Duration.ofSeconds(10), () -> acks.get() == 11, () -> acks + " acks");

            RigView drum = s.rigs().get("drum-a");
            assertThat(drum.framesAccepted()).isEqualTo(6);
            assertThat(drum.duplicates()).isEqualTo(2);
            assertThat(drum.sequenceGaps().missingReadings()).isEqualTo(2);
            assertThat(drum.sequenceGaps().latestRanges()).extracting(RigView.Gap::firstMissing, RigView.Gap::lastMissing)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(4L, 4L),
                            org.assertj.core.groups.Tuple.tuple(6L, 6L));
            RigView mat = s.rigs().get("mat-a");
            assertThat(mat.framesAccepted()).isEqualTo(2);
            assertThat(mat.duplicates()).isEqualTo(1);

            List<ReadingStore.ReadingView> newest = s.store().newest("mat-a", Instant.EPOCH, 10);
            assertThat(newest).hasSize(2);
            assertThat(newest.get(0).measurements()).extracting(ReadingStore.MeasurementView::value)
                    .containsExactly(1.5, 2.5, 3.6);
            assertThat(newest.get(0).measurements().get(0).unit()).isEqualTo("kPa");
            assertThat(newest.get(0).sequence()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void retention_deletes_old_readings_except_those_a_verdict_holds(TestDatabases.Kind kind) throws Exception {
        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        Instant now = Instant.parse("2026-11-25T08:00:00Z");
        try (Setup s = setup(kind, Clock.fixed(now, ZoneOffset.UTC))) {
            AtomicInteger acks = new AtomicInteger();
            for (long seq = 1; seq <= 10; seq++) {
                drum(s.writer(), seq, seq <= 8 ? old : now, acks);
            }
            Eventually.until(Duration.ofSeconds(10), () -> acks.get() == 10, () -> acks + " acks");
            List<Long> ids = s.db().read(h -> h.createQuery("SELECT id FROM readings ORDER BY sequence")
                    .mapTo(Long.class).list());
            s.db().useTransaction(h -> h.createUpdate("""
                            INSERT INTO reading_holds (first_reading_id, last_reading_id, held_by, created_at)
                            VALUES (:first, :last, 'verdict:42', :now)""")
                    .bind("first", ids.get(2)).bind("last", ids.get(3)).bind("now", now).execute());

            long deleted = new Retention(s.db(), Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(30)).purge();

            assertThat(deleted).isEqualTo(6);
            List<Long> left = s.db().read(h -> h.createQuery("SELECT sequence FROM readings ORDER BY sequence")
                    .mapTo(Long.class).list());
            assertThat(left).containsExactly(3L, 4L, 9L, 10L);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_hold_keeps_the_held_rigs_readings_and_not_another_rigs_that_fall_between_them(TestDatabases.Kind kind)
            throws Exception {
        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        Instant now = Instant.parse("2026-11-25T08:00:00Z");
        try (Setup s = setup(kind, Clock.fixed(now, ZoneOffset.UTC))) {
            AtomicInteger acks = new AtomicInteger();
            for (long seq = 1; seq <= 3; seq++) {
                drum(s.writer(), seq, old, acks);
                mat(s.writer(), "M,1.5,2.5," + seq, old, acks);
            }
            Eventually.until(Duration.ofSeconds(10), () -> acks.get() == 6, () -> acks + " acks");
            List<Long> drumIds = s.db().read(h -> h.createQuery("SELECT id FROM readings WHERE rig_id = 'drum-a' ORDER BY id")
                    .mapTo(Long.class).list());
            s.db().useTransaction(h -> s.store().hold("drum-a", drumIds, "verdict:7", now));

            new Retention(s.db(), Clock.fixed(now, ZoneOffset.UTC), Duration.ofDays(30)).purge();

            List<String> left = s.db().read(h -> h.createQuery("SELECT rig_id FROM readings ORDER BY id")
                    .mapTo(String.class).list());
            assertThat(left).containsExactly("drum-a", "drum-a", "drum-a");
        }
    }
}
