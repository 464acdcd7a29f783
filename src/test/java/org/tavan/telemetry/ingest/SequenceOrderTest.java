package org.tavan.telemetry.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

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

/**
 * Adversarial arrival orders against the ingest writer on both databases: late, reordered and
 * redelivered frames open no epoch and report no gap; the gaps shown are exactly what is missing.
 */
class SequenceOrderTest {

    static final String RIG = "drum-order";
    static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path dir;

    private record Setup(Database db, Rigs rigs, IngestWriter writer, AtomicInteger acks) implements AutoCloseable {
        void send(long seq, double force) {
            byte[] raw = TestProfiles.drumFrame(seq, force, 1.0).getBytes(StandardCharsets.US_ASCII);
            try {
                writer.submit(IngestWriter.Frame.accepted(RIG, NOW, raw, TestProfiles.decodeDrum(raw), acks::incrementAndGet));
            } catch (org.tavan.telemetry.FrameRejected e) {
                throw new AssertionError("the test's own frame is valid: " + e.getMessage(), e);
            }
        }

        void sendAll(List<Long> seqs, double run) {
            seqs.forEach(s -> send(s, run + s));
        }

        void acked(int n) {
            Eventually.until(Duration.ofSeconds(30), () -> acks.get() == n, () -> acks + " of " + n + " acks");
        }

        long epoch() {
            return db.read(h -> h.createQuery("SELECT seq_epoch FROM rig_activity WHERE rig_id = :rig").bind("rig", RIG)
                    .mapTo(Long.class).one());
        }

        long readings() {
            return db.read(h -> h.createQuery("SELECT COUNT(*) FROM readings WHERE rig_id = :rig").bind("rig", RIG)
                    .mapTo(Long.class).one());
        }

        @Override
        public void close() {
            writer.close();
            db.close();
        }
    }

    private Setup setup(TestDatabases.Kind kind) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Database db = Database.open(TestDatabases.of(kind, dir), null);
        db.migrate();
        IngestProfiles profiles = new IngestProfiles(TestProfiles.all());
        Rigs rigs = new Rigs(db, new AuditLog(Json.mapper(), clock), clock, profiles::kind, Duration.ofSeconds(60),
                new RigLinks());
        IngestWriter writer = new IngestWriter(db, new ReadingStore(db, Json.mapper()), new RigActivity(db),
                new LiveReadings(Json.mapper()), new SimpleMeterRegistry(), 1000);
        writer.start();
        rigs.register(new Rigs.NewRig(RIG, TestProfiles.DRUM, "Tehran", "Bay 1", null, null), Actor.system("test"));
        return new Setup(db, rigs, writer, new AtomicInteger());
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static final double FIRST_RUN = 1000;
    private static final double SECOND_RUN = 2000.25;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_rigs_first_frames_arriving_late_from_another_instance_open_no_epoch_and_no_gap(TestDatabases.Kind kind) {
        try (Setup s = setup(kind)) {
            s.sendAll(range(1000, 3000), FIRST_RUN);
            s.acked(2001);
            s.sendAll(range(1, 999), FIRST_RUN);
            s.sendAll(range(3001, 3100), FIRST_RUN);
            s.acked(3100);

            RigView rig = s.rigs().get(RIG);
            assertThat(s.epoch()).isZero();
            assertThat(s.readings()).isEqualTo(3100);
            assertThat(rig.sequenceGaps().missingReadings()).isZero();
            assertThat(rig.sequenceGaps().openRanges()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void shuffled_windows_and_one_frame_far_behind_show_exactly_the_missing_readings(TestDatabases.Kind kind) {
        try (Setup s = setup(kind)) {
            Set<Long> lost = Set.of(1500L, 2000L, 2001L, 2002L);
            List<Long> order = new ArrayList<>();
            Random random = new Random(9);
            for (long from = 1; from <= 3000; from += 200) {
                List<Long> window = new ArrayList<>(range(from, from + 199));
                Collections.shuffle(window, random);
                order.addAll(window);
            }
            order.removeAll(lost);
            order.remove(Long.valueOf(17));
            s.sendAll(order, FIRST_RUN);
            s.send(17, FIRST_RUN + 17); // far behind: held by a lagging instance
            s.acked(2996);

            RigView rig = s.rigs().get(RIG);
            assertThat(s.epoch()).isZero();
            assertThat(s.readings()).isEqualTo(2996);
            assertThat(rig.sequenceGaps().missingReadings()).isEqualTo(4);
            assertThat(rig.sequenceGaps().openRanges()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_stored_range_redelivered_after_a_counter_restart_is_duplicate_and_opens_nothing(TestDatabases.Kind kind) {
        try (Setup s = setup(kind)) {
            s.sendAll(range(1, 2000), FIRST_RUN);
            s.acked(2000);
            s.sendAll(range(1, 100), SECOND_RUN); // the rig restarted at 1
            s.acked(2100);
            s.sendAll(range(1500, 1600), FIRST_RUN); // a broker resends the old run
            s.sendAll(range(1, 50), FIRST_RUN);
            s.sendAll(range(101, 120), SECOND_RUN);
            s.acked(2100 + 101 + 50 + 20);

            RigView rig = s.rigs().get(RIG);
            assertThat(s.epoch()).isEqualTo(1);
            assertThat(s.readings()).isEqualTo(2120);
            assertThat(rig.duplicates()).isEqualTo(151);
            assertThat(rig.sequenceGaps().missingReadings()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_late_frame_of_the_old_run_after_a_restart_fills_its_old_gap(TestDatabases.Kind kind) {
        try (Setup s = setup(kind)) {
            List<Long> firstRun = new ArrayList<>(range(1, 2000));
            firstRun.remove(Long.valueOf(1800));
            s.sendAll(firstRun, FIRST_RUN);
            s.acked(1999);
            assertThat(s.rigs().get(RIG).sequenceGaps().missingReadings()).isEqualTo(1);
            s.sendAll(range(0, 50), SECOND_RUN); // a genuine restart at 0
            s.acked(2050);
            s.send(1800, FIRST_RUN + 1800);
            s.sendAll(range(51, 60), SECOND_RUN);
            s.acked(2061);

            RigView rig = s.rigs().get(RIG);
            assertThat(s.epoch()).isEqualTo(1);
            assertThat(s.readings()).isEqualTo(2061);
            assertThat(rig.sequenceGaps().missingReadings()).isZero();
            assertThat(rig.sequenceGaps().openRanges()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_genuine_restart_at_one_opens_an_epoch_without_a_gap(TestDatabases.Kind kind) {
        try (Setup s = setup(kind)) {
            s.sendAll(range(1, 500), FIRST_RUN);
            s.acked(500);
            s.sendAll(range(1, 10), SECOND_RUN);
            s.acked(510);

            RigView rig = s.rigs().get(RIG);
            assertThat(s.epoch()).isEqualTo(1);
            assertThat(s.readings()).isEqualTo(510);
            assertThat(rig.sequenceGaps().missingReadings()).isZero();
        }
    }
}
