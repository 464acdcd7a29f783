package org.tavan.quality;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tavan.Json;
import org.tavan.audit.AuditLog;
import org.tavan.rigs.RigId;
import org.tavan.rigs.RigKind;
import org.tavan.rigs.RigLinks;
import org.tavan.rigs.Rigs;
import org.tavan.storage.Database;
import org.tavan.telemetry.ingest.ReadingStore;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** Quality reads the rig registry and ingested frames through its port, on both databases. */
class RegisteredRigDataTest {

    @TempDir
    Path dir;

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void a_registered_rig_is_seen_by_its_profile_id_with_its_frames_and_a_retired_one_not_at_all(TestDatabases.Kind kind) {
        try (Database db = Database.open(TestDatabases.of(kind, dir), null)) {
            db.migrate();
            db.useTransaction(h -> {
                h.execute("""
                        INSERT INTO rigs (rig_id, profile_id, workshop, station, calibration_cert, calibration_due,
                                          mqtt_password_hash, active, created_at, updated_at)
                        VALUES ('tt-1', 'tilt-table-json', 'WS-TEH', 'stability_test', 'CAL-7', '2026-12-31', 'x', TRUE, 0, 0),
                               ('tt-9', 'tilt-table-json', 'WS-TEH', 'stability_test', NULL, NULL, 'x', FALSE, 0, 0)""");
                long layout = h.createUpdate("INSERT INTO reading_layouts (fingerprint, names_units) VALUES ('f1', :t)")
                        .bind("t", "[[\"tip_rearward\",\"deg\"],[\"table_angle\",\"deg\"]]")
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                frame(h, layout, 1, T0.plusSeconds(10), 12.5, 100);
                frame(h, layout, 2, T0.plusSeconds(20), 11.0, 101);
                frame(h, layout, 3, T0.plusSeconds(99), 3.0, 102);
            });
            RegisteredRigData rigs = on(db);

            db.useTransaction(h -> {
                RigFacts facts = rigs.rig(RigId.of("tt-1")).orElseThrow();
                // The kind a plan's rigKinds is compared with is the registry's profile id.
                assertThat(facts.kind()).isEqualTo("tilt-table-json");
                assertThat(facts.calibrationDue()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
                assertThat(facts.certificate()).isEqualTo("CAL-7");
                assertThat(rigs.rig(RigId.of("tt-9"))).isEmpty();
                assertThat(rigs.rig(RigId.of("no-such-rig"))).isEmpty();

                List<Reading> readings = rigs.readings(RigId.of("tt-1"), T0, T0.plusSeconds(60));
                assertThat(readings).extracting(Reading::name, Reading::value)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("tip_rearward", 12.5),
                                org.assertj.core.groups.Tuple.tuple("table_angle", 100.0),
                                org.assertj.core.groups.Tuple.tuple("tip_rearward", 11.0),
                                org.assertj.core.groups.Tuple.tuple("table_angle", 101.0));
                assertThat(readings).extracting(Reading::unit).containsOnly("deg");
                rigs.hold(RigId.of("tt-1"), readings.stream().map(Reading::id).distinct().toList(), "verdict:1", T0);
                assertThat(h.createQuery("SELECT last_reading_id - first_reading_id FROM reading_holds").mapTo(Long.class).one())
                        .isEqualTo(1);
            });
            // The stand-in registry of V23 is gone (V35).
            long testReadings = db.read(h -> h.createQuery("SELECT COUNT(*) FROM test_readings").mapTo(Long.class).one());
            assertThat(testReadings).isZero();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.read(h ->
                    h.createQuery("SELECT COUNT(*) FROM quality_rigs").mapTo(Long.class).one())).isNotNull();
        }
    }

    /** Quality's view wired on the rigs and telemetry services, as App wires it. */
    static RegisteredRigData on(Database db) {
        Rigs registry = new Rigs(db, new AuditLog(Json.mapper(), Clock.systemUTC()), Clock.systemUTC(),
                id -> Optional.of(new RigKind(id, RigKind.Transport.MQTT)), Duration.ofSeconds(30), new RigLinks());
        return new RegisteredRigData(registry, new ReadingStore(db, Json.mapper()));
    }

    @org.junit.jupiter.api.Test
    void a_registry_due_date_is_valid_through_that_day_and_a_missing_one_is_overdue() {
        assertThat(RegisteredRigData.dueInstant("2026-11-25")).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
        assertThat(RegisteredRigData.dueInstant(null)).isEqualTo(Instant.EPOCH);
        assertThat(RegisteredRigData.dueInstant("soon")).isEqualTo(Instant.EPOCH);
    }

    private static void frame(Handle h, long layout, long seq, Instant at, double a, double b) {
        h.createUpdate("""
                        INSERT INTO readings (rig_id, sequence, content_hash, device_time, received_at, layout_id, value_bytes)
                        VALUES ('tt-1', :seq, NULL, NULL, :at, :layout, :values)""")
                .bind("seq", seq).bind("at", at).bind("layout", layout)
                .bind("values", ByteBuffer.allocate(16).putDouble(a).putDouble(b).array()).execute();
    }
}
