package org.tavan.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tavan.Json;
import org.tavan.Main;
import org.tavan.audit.Actor;
import org.tavan.audit.AuditLog;
import org.tavan.testing.TestDatabases;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class BackupTest {

    @TempDir
    Path dir;

    @Test
    void backup_taken_while_writes_run_holds_every_row_committed_before_it() throws Exception {
        try (Database db = Database.open(TestDatabases.sqlite(dir), null)) {
            db.migrate();
            AuditLog audit = new AuditLog(Json.mapper(), Clock.systemUTC());
            AtomicLong committed = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                long n = 0;
                while (!stop.get()) {
                    long i = ++n;
                    db.useTransaction(h -> audit.record(h, Actor.system("backup-test"), "row.written", "row", i, null, null));
                    committed.set(i);
                }
            });
            writer.start();
            while (committed.get() < 200) {
                Thread.sleep(5);
            }
            Path config = dir.resolve("backup.properties");
            Files.writeString(config, "db.url=jdbc:sqlite:" + dir.resolve("tavan-test.db") + "\n");
            long before = committed.get();
            Path target = dir.resolve("copy.db");
            int exit = Main.commandLine().execute("backup", "--config", config.toString(), target.toString());
            long afterBackup = committed.get();
            stop.set(true);
            writer.join();

            assertThat(exit).isZero();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target);
                 Statement s = c.createStatement()) {
                ResultSet check = s.executeQuery("PRAGMA integrity_check");
                check.next();
                assertThat(check.getString(1)).isEqualTo("ok");
                ResultSet rows = s.executeQuery("SELECT COUNT(*), MIN(CAST(entity_id AS INTEGER)), MAX(CAST(entity_id AS INTEGER)) FROM audit_log");
                rows.next();
                long count = rows.getLong(1);
                assertThat(rows.getLong(2)).isEqualTo(1);
                // A consistent snapshot: rows 1..max with no gap, and at least all committed before the backup began.
                assertThat(rows.getLong(3)).isEqualTo(count);
                assertThat(count).isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(afterBackup);
            }
            assertThat(committed.get()).isGreaterThan(before);
        }
    }

    @Test
    void backup_refuses_to_overwrite_an_existing_file() throws Exception {
        try (Database db = Database.open(TestDatabases.sqlite(dir), null)) {
            db.migrate();
            Path target = Files.writeString(dir.resolve("exists.db"), "precious");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.backupTo(target))
                    .hasMessageContaining("already exists");
            assertThat(Files.readString(target)).isEqualTo("precious");
        }
    }
}
