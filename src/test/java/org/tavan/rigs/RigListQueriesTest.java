package org.tavan.rigs;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.Json;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.storage.Database;
import org.tavan.testing.SqlStatements;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** The technicians' rig list runs a fixed number of statements, not a few more for every rig. */
class RigListQueriesTest {

    @TempDir
    Path dir;

    @Test
    void the_rig_list_runs_as_many_statements_for_five_rigs_as_for_one() {
        try (Database db = Database.open(TestDatabases.sqlite(dir), null)) {
            db.migrate();
            Rigs rigs = new Rigs(db, new AuditLog(Json.mapper(), Clock.systemUTC()), Clock.systemUTC(),
                    id -> Optional.of(new RigKind(id, RigKind.Transport.MQTT)), Duration.ofSeconds(30), new RigLinks());
            Actor admin = Actor.user("admin", "test");
            SqlStatements sql = SqlStatements.on(db);
            rigs.register(new Rigs.NewRig("rig-0", "drum", "WS", "test bay", null, null), admin);
            withRejectionsAndGaps(db, "rig-0");
            int one = sql.during(rigs::list);
            for (int i = 1; i <= 4; i++) {
                rigs.register(new Rigs.NewRig("rig-" + i, "drum", "WS", "test bay", null, null), admin);
                withRejectionsAndGaps(db, "rig-" + i);
            }
            assertThat(rigs.list()).hasSize(5).allSatisfy(r -> {
                assertThat(r.rejectionsByReason()).containsEntry("checksum", 3L);
                assertThat(r.lastRejections()).hasSize(2);
                assertThat(r.sequenceGaps().openRanges()).isEqualTo(2);
            });

            assertThat(sql.during(rigs::list)).as("list of 5, list of 1 ran " + one).isEqualTo(one);
        }
    }

    /** What ingest would have counted for the rig (RigActivity's tables), planted directly. */
    private static void withRejectionsAndGaps(Database db, String rig) {
        db.useTransaction(h -> {
            h.execute("INSERT INTO rig_rejection_counts (rig_id, reason, frames) VALUES (?, 'checksum', 3)", rig);
            h.execute("INSERT INTO rig_rejections (rig_id, at, reason, message) VALUES (?, 1000, 'checksum', 'bad sum')", rig);
            h.execute("INSERT INTO rig_rejections (rig_id, at, reason, message) VALUES (?, 2000, 'checksum', 'bad sum')", rig);
            h.execute("INSERT INTO rig_sequence_gaps (rig_id, first_seq, last_seq, detected_at) VALUES (?, 5, 7, 1000)", rig);
            h.execute("INSERT INTO rig_sequence_gaps (rig_id, first_seq, last_seq, detected_at) VALUES (?, 20, 21, 2000)", rig);
        });
    }
}
