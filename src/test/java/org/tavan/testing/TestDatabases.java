package org.tavan.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.tavan.config.TavanConfig;

/** Fresh, isolated databases for tests: a new SQLite file, or a new schema in PostgreSQL's 'test' database. */
public final class TestDatabases {

    public static final String POSTGRES_BASE = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String POSTGRES_USER = "postgres";

    private TestDatabases() {
    }

    public static TavanConfig.Db sqlite(Path dir) {
        return new TavanConfig.Db("jdbc:sqlite:" + dir.resolve("tavan-test.db"), "", "", 4);
    }

    /** A new empty schema; each test class gets its own, so tests never see each other's rows. */
    public static TavanConfig.Db postgres() {
        Services.requirePostgres();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(POSTGRES_BASE, POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a schema in PostgreSQL database 'test' as user "
                    + POSTGRES_USER + " (trust auth expected): " + e.getMessage(), e);
        }
        return new TavanConfig.Db(POSTGRES_BASE + "?currentSchema=" + schema, POSTGRES_USER, "", 4);
    }

    public enum Kind { SQLITE, POSTGRES }

    public static TavanConfig.Db of(Kind kind, Path dir) {
        return kind == Kind.SQLITE ? sqlite(dir) : postgres();
    }
}
