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
        IngestWriter writer = new IngestWriter(db, store, new RigActivity(), new LiveReadings(Json.mapper()),
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
}
