package org.tavan.storage;

import java.nio.file.Path;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.tavan.config.TavanConfig;
import org.tavan.testing.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteStorageTest extends StorageContractTest {

    @Override
    TavanConfig.Db database(Path dir) {
        return TestDatabases.sqlite(dir);
    }

    @Override
    void installAuditRefusal(Handle h) {
        h.execute("""
                CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit refused by test'); END""");
    }

    @Test
    void sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout() {
        String journal = db.read(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
        int foreignKeys = db.read(h -> h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one());
        int busyTimeout = db.read(h -> h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one());
        assertThat(journal).isEqualToIgnoringCase("wal");
        assertThat(foreignKeys).isEqualTo(1);
        assertThat(busyTimeout).isGreaterThanOrEqualTo(5000);
    }
}
