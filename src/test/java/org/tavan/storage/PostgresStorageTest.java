package org.tavan.storage;

import java.nio.file.Path;

import org.jdbi.v3.core.Handle;
import org.tavan.config.TavanConfig;
import org.tavan.testing.TestDatabases;

class PostgresStorageTest extends StorageContractTest {

    @Override
    TavanConfig.Db database(Path dir) {
        return TestDatabases.postgres();
    }

    @Override
    void installAuditRefusal(Handle h) {
        h.execute("""
                CREATE FUNCTION refuse_audit() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'audit refused by test'; END; $$ LANGUAGE plpgsql""");
        h.execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()");
    }
}
