package org.tavan.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Supplier;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.tavan.config.TavanConfig;

/**
 * The one place that opens the database, migrates it and owns transactions. Features get a
 * {@link Database} and run each use case in {@link #inTransaction}, so the state change and
 * its audit row commit or roll back together. A use case called from inside another one (on
 * the same thread) joins the outer transaction, because JDBI reuses the thread's open handle:
 * so a service offers each use case once, never a second variant taking the caller's handle.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final String url;

    private Database(HikariDataSource dataSource, Dialect dialect, String url) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.url = url;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        InstantColumns.register(jdbi);
    }

    public static Database open(TavanConfig.Db settings, MeterRegistry metrics) {
        Dialect dialect = Dialect.of(settings.url());
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("tavan-db");
        if (dialect == Dialect.SQLITE) {
            pool.setDataSource(sqliteDataSource(settings.url()));
            // SQLite has one writer; more connections only add lock waits.
            pool.setMaximumPoolSize(Math.min(4, settings.poolSize()));
        } else {
            pool.setJdbcUrl(settings.url());
            if (!settings.user().isEmpty()) {
                pool.setUsername(settings.user());
            }
            if (!settings.password().isEmpty()) {
                pool.setPassword(settings.password());
            }
            pool.setMaximumPoolSize(settings.poolSize());
        }
        pool.setConnectionTimeout(10_000);
        pool.setInitializationFailTimeout(10_000);
        if (metrics != null) {
            pool.setMetricRegistry(metrics);
        }
        try {
            return new Database(new HikariDataSource(pool), dialect, settings.url());
        } catch (RuntimeException e) {
            throw new StorageUnavailable("Cannot open database " + redacted(settings.url()) + ": " + rootMessage(e), e);
        }
    }

    private static SQLiteDataSource sqliteDataSource(String url) {
        Path file = Path.of(url.substring("jdbc:sqlite:".length()));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new StorageUnavailable("Cannot create directory for " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(15_000);
        // BEGIN IMMEDIATE: a transaction that reads then writes takes the write lock up front,
        // so it waits on busy_timeout instead of failing with SQLITE_BUSY on lock upgrade.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(url);
        return ds;
    }

    /** Applies every pending versioned migration; refuses to start on a changed applied file. */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/" + dialect.folder())
                .placeholders(dialect.placeholders())
                .load()
                .migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String url() {
        return redacted(url);
    }

    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
        return jdbi.inTransaction(work);
    }

    public <X extends Exception> void useTransaction(HandleConsumer<X> work) throws X {
        jdbi.useTransaction(work);
    }

    /** Read-only work outside a transaction (screens, reports). */
    public <R, X extends Exception> R read(HandleCallback<R, X> work) throws X {
        return jdbi.withHandle(work);
    }

    /**
     * Runs work while no other Tavan instance on this database runs work under the same name:
     * first-start work that several instances starting at once must not all do.
     */
    public <T> T exclusively(String name, Supplier<T> work) {
        return InstanceLock.holding(jdbi, dialect, url, name, work);
    }

    public boolean isUp() {
        try (Handle handle = jdbi.open()) {
            return handle.createQuery("SELECT 1").mapTo(Integer.class).one() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * A consistent copy while writers keep going: SQLite's VACUUM INTO reads one snapshot.
     * PostgreSQL is backed up with pg_dump (see README).
     */
    public void backupTo(Path target) {
        if (dialect != Dialect.SQLITE) {
            throw new UnsupportedOperationException(
                    "tavan backup copies the SQLite store; for PostgreSQL use pg_dump (see README, Backups)");
        }
        if (Files.exists(target)) {
            throw new IllegalArgumentException("Backup target " + target + " already exists; choose a new file");
        }
        try (Handle handle = jdbi.open()) {
            handle.execute("VACUUM INTO ?", target.toAbsolutePath().toString());
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static String redacted(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof SQLException || t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
