package org.tavan.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.Json;
import org.tavan.Main;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.telemetry.ingest.Eventually;
import org.tavan.testing.TestDatabases;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupTest {

    @TempDir
    Path dir;

    /**
     * A writer commits rows 1, 2, 3 ... one per transaction while the backup runs. {@code started}
     * is raised before a row's transaction begins and {@code committed} after it commits, so a row
     * the copy can hold is numbered at most {@code started} as read after the backup, and every row
     * numbered up to {@code committed} as read before it must be there: a consistent prefix of
     * whole rows, whatever the scheduling of the writer.
     */
    @Test
    void backup_taken_while_writes_run_holds_every_row_committed_before_it() throws Exception {
        try (Database db = Database.open(TestDatabases.sqlite(dir), null)) {
            db.migrate();
            AuditLog audit = new AuditLog(Json.mapper(), Clock.systemUTC());
            AtomicLong started = new AtomicLong();
            AtomicLong committed = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    long n = 0;
                    while (!stop.get()) {
                        long i = ++n;
                        started.set(i);
                        db.useTransaction(h -> audit.record(h, Actor.system("backup-test"), "row.written", "row", i,
                                null, Map.of("n", i, "text", text(i))));
                        committed.set(i);
                    }
                } catch (Throwable e) {
                    failed.set(e);
                }
            }, "backup-test-writer");
            writer.start();
            try {
                Eventually.until(Duration.ofSeconds(60), () -> committed.get() >= 200 || failed.get() != null,
                        () -> "the writer committed " + committed.get() + " rows");
                assertThat(failed.get()).as("the writer").isNull();
                Path config = dir.resolve("backup.properties");
                Files.writeString(config, "db.url=jdbc:sqlite:" + dir.resolve("tavan-test.db") + "\n");
                long committedBefore = committed.get();
                Path target = dir.resolve("copy.db");
                int exit = Main.commandLine().execute("backup", "--config", config.toString(), target.toString());
                long startedAfter = started.get();
                assertThat(exit).isZero();
                // The writer was not stopped by the backup: it goes on committing after the copy began.
                Eventually.until(Duration.ofSeconds(30), () -> committed.get() > committedBefore || failed.get() != null,
                        () -> "no row committed after " + committedBefore);

                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target);
                     Statement s = c.createStatement()) {
                    ResultSet check = s.executeQuery("PRAGMA integrity_check");
                    check.next();
                    assertThat(check.getString(1)).isEqualTo("ok");
                    ResultSet rows = s.executeQuery("""
                            SELECT entity_id, actor, action, after_json FROM audit_log
                             WHERE entity_type = 'row' ORDER BY id""");
                    long count = 0;
                    while (rows.next()) {
                        long expected = ++count;
                        assertThat(rows.getString(1)).as("row %d in commit order", expected).isEqualTo(String.valueOf(expected));
                        assertThat(rows.getString(2)).isEqualTo(Actor.system("backup-test").name());
                        assertThat(rows.getString(3)).isEqualTo("row.written");
                        JsonNode after = Json.mapper().readTree(rows.getString(4));
                        assertThat(after.get("n").asLong()).isEqualTo(expected);
                        assertThat(after.get("text").asText()).isEqualTo(text(expected));
                    }
                    assertThat(count).as("rows in the copy: at least those committed before the backup, at most those begun by its end")
                            .isBetween(committedBefore, startedAfter);
                }
            } finally {
                stop.set(true);
                writer.join(Duration.ofSeconds(30).toMillis());
            }
            assertThat(writer.isAlive()).as("the writer stopped").isFalse();
            assertThat(failed.get()).as("the writer").isNull();
        }
    }

    /** A row's payload, long enough that a torn page would show in it. */
    private static String text(long i) {
        return ("row " + i + " ").repeat(20);
    }

    @Test
    void backup_refuses_to_overwrite_an_existing_file() throws Exception {
        try (Database db = Database.open(TestDatabases.sqlite(dir), null)) {
            db.migrate();
            Path target = Files.writeString(dir.resolve("exists.db"), "precious");
            assertThatThrownBy(() -> db.backupTo(target))
                    .hasMessageContaining("already exists");
            assertThat(Files.readString(target)).isEqualTo("precious");
        }
    }
}
